import { Tag } from 'antd';
import { STATE_COLORS, WARNING_COLORS, type AppealState, type WarningLevel } from '../appeals';
import { useI18n } from '../i18n';

/** An appeal's state, in the words of the workflow (已受理, 办理中 …). */
export function AppealStateTag({ state }: { state: AppealState }) {
  const { t } = useI18n();
  return (
    <Tag color={STATE_COLORS[state]} data-testid="appeal-state" data-state={state}>
      {t(`appeal.state.${state}`)}
    </Tag>
  );
}

/** 绿灯 / 黄灯 / 红灯. */
export function WarningTag({ level }: { level: WarningLevel }) {
  const { t } = useI18n();
  return (
    <Tag color={WARNING_COLORS[level]} data-testid="appeal-warning" data-level={level}>
      {t(`appeal.warning.${level}`)}
    </Tag>
  );
}
