import { Rate, Tag, Timeline, Typography } from 'antd';
import type { FollowUpCall, FollowUpOutcome } from '../../appeals';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';

const COLORS: Record<FollowUpOutcome, string> = { rated: 'green', not_reached: 'orange', declined: 'gray' };

/** Every call so far: when, who, what came of it. Also shown on the appeal's own page. */
export function FollowUpCalls({ calls }: { calls: FollowUpCall[] }) {
  const { t, lang } = useI18n();
  if (calls.length === 0) return <Typography.Paragraph type="secondary">{t('followUp.noCalls')}</Typography.Paragraph>;
  return (
    <Timeline
      className="follow-up-calls"
      items={calls.map((c) => ({
        key: c.id,
        color: COLORS[c.outcome],
        content: (
          <div data-testid="follow-up-call" data-outcome={c.outcome}>
            <Tag color={COLORS[c.outcome]}>{t(`followUp.outcome.${c.outcome}`)}</Tag>
            {c.rating !== null && <Rate disabled value={c.rating} className="timeline-rating" />}
            <div className="appeal-cell-sub">
              {t('followUp.calledBy', { name: c.calledBy })} · {formatDateTime(c.calledAt, lang)}
            </div>
            {c.comment && <div className="pre-wrap">{c.comment}</div>}
          </div>
        ),
      }))}
    />
  );
}
