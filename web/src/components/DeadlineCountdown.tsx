import { ClockCircleOutlined, PauseCircleOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import type { WarningLevel } from '../appeals';
import { formatDateTime } from '../format';
import { useNow } from '../hooks/useInterval';
import { useI18n, type I18n } from '../i18n';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** "2 天 3 小时", "5 小时 10 分", "12 分钟" (wall-clock time; the deadline itself counts working days). */
function span(ms: number, t: I18n['t']): string {
  const abs = Math.abs(ms);
  const days = Math.floor(abs / DAY);
  const hours = Math.floor((abs % DAY) / HOUR);
  const minutes = Math.max(1, Math.floor((abs % HOUR) / 60_000));
  if (days > 0) return t('time.daysHours', { days, hours });
  if (hours > 0) return t('time.hoursMinutes', { hours, minutes });
  return t('time.minutes', { minutes });
}

const TEXT_TYPE: Record<WarningLevel, 'success' | 'warning' | 'danger'> = { green: 'success', yellow: 'warning', red: 'danger' };

/**
 * The deadline and, while the clock runs, the time left (or overdue) in the warning colour;
 * `paused` when the appeal waits for the enterprise.
 */
export function DeadlineCountdown({
  deadlineAt,
  level,
  running,
  paused = false,
}: {
  deadlineAt: string | null;
  level: WarningLevel;
  running: boolean;
  paused?: boolean;
}) {
  const { t, lang } = useI18n();
  const now = useNow();
  if (!deadlineAt) return <>—</>;
  const left = new Date(deadlineAt).getTime() - now;
  return (
    <span className="deadline" data-testid="deadline">
      <span className="deadline-at">{formatDateTime(deadlineAt, lang)}</span>
      {paused ? (
        <Typography.Text type="secondary" className="deadline-left">
          <PauseCircleOutlined /> {t('appeal.paused')}
        </Typography.Text>
      ) : (
        running && (
          <Typography.Text type={TEXT_TYPE[level]} strong={level !== 'green'} className="deadline-left" data-testid="countdown">
            <ClockCircleOutlined /> {t(left >= 0 ? 'appeal.remaining' : 'appeal.overdue', { time: span(left, t) })}
          </Typography.Text>
        )
      )}
    </span>
  );
}
