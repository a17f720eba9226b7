import { Timeline } from 'antd';
import { formatDateTime } from '../../../format';
import { useI18n, type MessageKey } from '../../../i18n';
import type { ApplicationEvent } from './types';
import { useShowAmount } from './values';

/** Steps the enterprise takes; without a recorded user they are still the enterprise's. */
const ENTERPRISE_STEPS = ['submit', 'resubmit', 'withdraw'];

function dataOf(e: ApplicationEvent): Record<string, unknown> {
  return typeof e.data === 'object' && e.data !== null ? (e.data as Record<string, unknown>) : {};
}

/** 办理进程: each step with who, when, the level and the comment. */
export function ApplicationTimeline({ events }: { events: ApplicationEvent[] }) {
  const { t, lang } = useI18n();
  const amount = useShowAmount();
  return (
    <Timeline
      data-testid="application-timeline"
      items={[...events].reverse().map((e) => {
        const d = dataOf(e);
        const extra =
          e.action === 'disburse'
            ? t('apl.event.disbursed', { amount: amount(Number(d.amount)), paidOn: String(d.paidOn), batch: String(d.paymentBatch) })
            : e.action === 'approve' && typeof d.approvedAmount === 'number'
              ? t('apl.event.approvedAmount', { amount: amount(d.approvedAmount) })
              : e.action === 'return' && Array.isArray(d.materials) && d.materials.length > 0
                ? t('apl.event.materials', { list: d.materials.join('、') })
                : e.action === 'sign_agreement' && typeof d.signedOn === 'string'
                  ? t('apl.event.signedOn', { date: d.signedOn })
                  : '';
        return {
          color:
            e.action === 'refuse'
              ? 'red'
              : e.action === 'instant_approve' || e.action === 'approve' || e.action === 'disburse'
                ? 'green'
                : e.action === 'return'
                  ? 'orange'
                  : 'blue',
          content: (
            <div data-testid="timeline-event" data-action={e.action}>
              <div>
                <strong>{t(`apl.action.${e.action}` as MessageKey)}</strong>
                {e.level !== null && e.action === 'pass' && <span className="apl-muted"> · {t('apl.levelN', { level: e.level })}</span>}
                <span className="apl-muted">
                  {' '}
                  · {e.actorName ?? (ENTERPRISE_STEPS.includes(e.action) ? t('apl.enterpriseActor') : t('apl.system'))} ·{' '}
                  {formatDateTime(e.at, lang)}
                </span>
              </div>
              {e.comment && <div>{e.comment}</div>}
              {extra && <div className="apl-muted">{extra}</div>}
            </div>
          ),
        };
      })}
    />
  );
}
