import type { Db } from '../../platform/db/index.ts';
import type { PushChannel } from '../../platform/db/schema-policies.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Actor } from '../../platform/http/access.ts';
import { AppError } from '../../platform/errors.ts';
import { ensureFresh } from '../matching/index.ts';
import { reachEnterprises, type Reach } from '../notifications/reach.ts';
import { deliverToEnterprises } from './delivery.ts';
import * as repo from './repository-send.ts';

export interface Target {
  policyId: number;
  noticeId?: number | null | undefined;
  includeUnknown: boolean;
}

/** The policy (published) and the notice (published, of that policy) a push may be about. */
async function checkTarget(db: Db, t: Target) {
  const policy = await repo.policyToPush(db, t.policyId);
  if (!policy) throw AppError.validation('policyId', '政策不存在');
  if (policy.status !== 'published') throw new AppError('INVALID_STATE', '只能推送已发布的政策');
  if (!t.noticeId) return { policy, notice: null };
  const notice = await repo.noticeToPush(db, t.noticeId);
  if (!notice || notice.policy_id !== t.policyId) throw AppError.validation('noticeId', '申报通知不存在或不属于该政策');
  if (notice.status !== 'published') throw new AppError('INVALID_STATE', '只能推送已发布的申报通知');
  return { policy, notice };
}

const outcomes = (includeUnknown: boolean) => (includeUnknown ? ['eligible', 'unknown'] : ['eligible']);

/** The matched active enterprises, and whether each was already reached with this policy / notice. */
const targets = (db: Db, t: Target) => repo.matchedTargets(db, t.policyId, t.noticeId ?? null);

/** Counts of a reach decision: how many are reachable, on which channel, and why the others are not. */
function reachCounts(reach: Map<number, Reach>) {
  const all = [...reach.values()];
  return {
    reachable: all.filter((r) => r.reachable).length,
    unreachable: all.filter((r) => !r.reachable).length,
    optedOut: all.filter((r) => r.reason === 'opted_out').length,
    byChannel: {
      inApp: all.filter((r) => r.inApp).length,
      sms: all.filter((r) => r.sms.length > 0).length,
      email: all.filter((r) => r.email.length > 0).length,
    },
  };
}

/**
 * The count shown before sending: who matches, who already received this policy / notice, and
 * of the rest how many the chosen channels can reach (users, file contacts and mobiles,
 * preferences) — the same decision the send makes.
 */
export async function targetCount(db: Db, t: Target & { channels: PushChannel[] }) {
  await checkTarget(db, t);
  await ensureFresh(db);
  const rows = await targets(db, t);
  const wanted = new Set(outcomes(t.includeUnknown));
  const inTarget = rows.filter((r) => wanted.has(r.outcome));
  const toSend = inTarget.filter((r) => !r.reached).map((r) => r.enterprise_id);
  const reach = await reachEnterprises(db, toSend, t.channels, 'policy');
  return {
    eligible: rows.filter((r) => r.outcome === 'eligible').length,
    unknown: rows.filter((r) => r.outcome === 'unknown').length,
    targeted: inTarget.length,
    alreadySent: inTarget.length - toSend.length,
    toSend: toSend.length,
    ...reachCounts(reach),
  };
}

export interface NewCampaign extends Target {
  title?: string | undefined;
  message: string;
  channels: PushChannel[];
  ratePerMinute: number;
}

/**
 * 精准推送: sends a policy (or one of its notices) to the enterprises that match it. One
 * transaction writes the campaign, its recipients (each reachable or not, and why), the in-app
 * notices, the queued SMS / e-mails and the audit row. An enterprise already reached with the same
 * policy / notice is skipped (a partial unique index on reachable recipients, so two campaigns —
 * even concurrent ones — never send it twice); one that could not be reached is tried again.
 * Nothing here counts as sent: the outbox says what a channel took.
 */
export async function createCampaign(db: Db, actor: Actor, c: NewCampaign) {
  await ensureFresh(db);
  return db.transaction().execute(async (tx) => {
    const { policy, notice } = await checkTarget(tx, c);
    const title = c.title || notice?.title || policy.title;
    const campaignId = await repo.insertCampaign(tx, {
      policy_id: c.policyId,
      notice_id: notice?.id ?? null,
      title,
      message: c.message,
      channels: c.channels,
      include_unknown: c.includeUnknown,
      created_by: actor.id,
    });
    const wanted = new Set(outcomes(c.includeUnknown));
    const inTarget = (await targets(tx, c)).filter((r) => wanted.has(r.outcome));
    const candidates = inTarget.filter((r) => !r.reached).map((r) => r.enterprise_id);
    const reach = await reachEnterprises(tx, candidates, c.channels, 'policy');
    const inserted = await repo.insertRecipients(
      tx,
      { campaignId, policyId: c.policyId, noticeId: notice?.id ?? null },
      candidates.map((id) => ({
        enterpriseId: id,
        reachable: reach.get(id)?.reachable ?? false,
        reason: reach.get(id)?.reason ?? null,
      })),
    );
    const recipients = inserted.length;
    const ids = inserted.filter((r) => r.reachable).map((r) => r.enterprise_id);
    const delivered = await deliverToEnterprises(
      tx,
      ids,
      { policyId: c.policyId, title, body: c.message, link: `/portal/policies/${c.policyId}` },
      {
        inApp: c.channels.includes('in_app'),
        sms: c.channels.includes('sms'),
        email: c.channels.includes('email'),
        ratePerMinute: c.ratePerMinute,
      },
      { campaignId, reach },
    );
    if (delivered.inApp.size > 0) await repo.setInAppCounts(tx, campaignId, delivered.inApp);
    const counts = reachCounts(new Map(inserted.map((r) => [r.enterprise_id, reach.get(r.enterprise_id)!])));
    const targeted = inTarget.length;
    const skipped = targeted - recipients;
    await repo.updateCampaign(tx, campaignId, { targeted, recipients, skipped, reachable: counts.reachable, opted_out: counts.optedOut });
    const result = {
      id: campaignId,
      targeted,
      recipients,
      skipped,
      reachable: counts.reachable,
      unreachable: counts.unreachable,
      optedOut: counts.optedOut,
      // Handed over at once: only the in-app notifications (the portal inbox is the channel). SMS and e-mail are queued.
      sent: delivered.inApp.size,
      notifications: delivered.notifications,
      sms: delivered.sms,
      email: delivered.email,
      lastDueAt: delivered.lastDueAt,
    };
    await recordAudit(tx, actor, {
      action: 'push_campaign.create',
      entityType: 'push_campaign',
      entityId: campaignId,
      after: {
        policyId: c.policyId,
        noticeId: notice?.id ?? null,
        title,
        channels: c.channels,
        includeUnknown: c.includeUnknown,
        ratePerMinute: c.ratePerMinute,
        ...result,
      },
    });
    return result;
  });
}
