import { Tag } from 'antd';
import type { ReportSummary } from '../../figures';
import { useI18n } from '../../i18n';

const COLORS: Record<ReportSummary['kind'], string> = { weekly: 'blue', on_demand: 'purple' };

/** 周报 / 按需. */
export function ReportKindTag({ kind }: { kind: ReportSummary['kind'] }) {
  const { t } = useI18n();
  return <Tag color={COLORS[kind]}>{t(`overdue.kind.${kind}`)}</Tag>;
}
