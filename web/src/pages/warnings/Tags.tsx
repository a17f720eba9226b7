import { Tag } from 'antd';
import { useI18n } from '../../i18n';
import { LEVEL_COLORS, STATUS_COLORS, type WarningLevel, type WarningStatus } from './types';

export function LevelTag({ level }: { level: WarningLevel }) {
  const { t } = useI18n();
  return (
    <Tag color={LEVEL_COLORS[level]} data-testid="warning-level">
      {t(`warn.level.${level}`)}
    </Tag>
  );
}

export function StatusTag({ status, testId = 'warning-status' }: { status: WarningStatus; testId?: string }) {
  const { t } = useI18n();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid={testId}>
      {t(`warn.status.${status}`)}
    </Tag>
  );
}
