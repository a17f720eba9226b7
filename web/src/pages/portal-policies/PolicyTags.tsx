import { Tag } from 'antd';
import { useI18n } from '../../i18n';
import type { MatchOutcome } from './types';

/** 符合条件 / 可能符合，需补充数据, as the enterprise reads it. */
export function OutcomeTag({ outcome }: { outcome: MatchOutcome | null }) {
  const { t } = useI18n();
  if (outcome === null) return null;
  return outcome === 'eligible' ? <Tag color="success">{t('pp.eligible')}</Tag> : <Tag color="warning">{t('pp.unknown')}</Tag>;
}
