import { sql, type Transaction } from 'kysely';
import type { Db, DB } from '../../platform/db/index.ts';
import type { PushChannel } from '../../platform/db/schema-policies.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Actor } from '../../platform/http/access.ts';
import { AppError } from '../../platform/errors.ts';
import { ensureFresh } from '../matching/index.ts';
import { deliverToEnterprises } from './delivery.ts';

export interface Target {
  policyId: number;
  noticeId?: number | null | undefined;
  includeUnknown: boolean;
}

/** The policy (published) and the notice (published, of that policy) a push may be about. */
async function checkTarget(db: Db | Transaction<DB>, t: Target) {
  const policy = await db.selectFrom('policies').select(['id', 'title', 'status']).where('id', '=', t.policyId).executeTakeFirst();
  if (!policy) throw AppError.validation('policyId', '政策不存在');
  if (policy.status !== 'published') throw new AppError('INVALID_STATE', '只能推送已发布的政策');
  if (!t.noticeId) return { policy, notice: null };
  const notice = await db.selectFrom('policy_notices').select(['id', 'title', 'status', 'policy_id']).where('id', '=', t.noticeId).executeTakeFirst();
  if (!notice || notice.policy_id !== t.policyId) throw AppError.validation('noticeId', '申报通知不存在或不属于该政策');
  if (notice.status !== 'published') throw new AppError('INVALID_STATE', '只能推送已发布的申报通知');
  return { policy, notice };
}

const outcomes = (includeUnknown: boolean) => (includeUnknown ? ['eligible', 'unknown'] : ['eligible']);

/** The count shown before sending: who matches, and who already received this policy / notice. */
export async function targetCount(db: Db, t: Target) {
  await checkTarget(db, t);
  await ensureFresh(db);
  const { rows } = await sql<{ outcome: 'eligible' | 'unknown'; n: number; sent: number }>`
    select m.outcome, count(*)::int as n, count(r.id)::int as sent
    from policy_matches m
    join enterprises e on e.id = m.enterprise_id and e.status = 'active'
    left join push_recipients r on r.policy_id = m.policy_id and coalesce(r.notice_id, 0) = ${t.noticeId ?? 0}::int and r.enterprise_id = m.enterprise_id
    where m.policy_id = ${t.policyId}::int
    group by m.outcome`.execute(db);
  const by = (o: string) => rows.find((r) => r.outcome === o) ?? { n: 0, sent: 0 };
  const wanted = outcomes(t.includeUnknown).map(by);
  const targeted = wanted.reduce((s, r) => s + r.n, 0);
  const alreadySent = wanted.reduce((s, r) => s + r.sent, 0);
  return { eligible: by('eligible').n, unknown: by('unknown').n, targeted, alreadySent, toSend: targeted - alreadySent };
}

export interface NewCampaign extends Target {
  title?: string | undefined;
  message: string;
  channels: PushChannel[];
  ratePerMinute: number;
}

/**
 * 精准推送: sends a policy (or one of its notices) to the enterprises that match it. One
 * transaction writes the campaign, its recipients, the notices and the audit row. An enterprise
 * that already received the same policy / notice is skipped by the unique index on
 * push_recipients, so two campaigns (even concurrent ones) never send it twice.
 */
export async function createCampaign(db: Db, actor: Actor, c: NewCampaign) {
  await ensureFresh(db);
  return db.transaction().execute(async (tx) => {
    const { policy, notice } = await checkTarget(tx, c);
    const title = c.title || notice?.title || policy.title;
    const campaign = await tx.insertInto('push_campaigns').values({
      policy_id: c.policyId, notice_id: notice?.id ?? null, title, message: c.message, channels: c.channels, include_unknown: c.includeUnknown, created_by: actor.id,
    }).returning('id').executeTakeFirstOrThrow();
    const { rows: targets } = await sql<{ n: number }>`select count(*)::int as n from policy_matches m join enterprises e on e.id = m.enterprise_id and e.status = 'active'
      where m.policy_id = ${c.policyId}::int and m.outcome = any(${outcomes(c.includeUnknown)}::text[])`.execute(tx);
    const { rows: inserted } = await sql<{ enterprise_id: number }>`
      insert into push_recipients (campaign_id, policy_id, notice_id, enterprise_id)
      select ${campaign.id}::int, m.policy_id, ${notice?.id ?? null}::int, m.enterprise_id
      from policy_matches m join enterprises e on e.id = m.enterprise_id and e.status = 'active'
      where m.policy_id = ${c.policyId}::int and m.outcome = any(${outcomes(c.includeUnknown)}::text[])
      order by m.enterprise_id
      on conflict do nothing
      returning enterprise_id`.execute(tx);
    const targeted = targets[0]?.n ?? 0;
    const sent = inserted.length;
    const delivered = await deliverToEnterprises(tx, inserted.map((r) => r.enterprise_id), { policyId: c.policyId, title, body: c.message, link: `/portal/policies/${c.policyId}` }, {
      inApp: c.channels.includes('in_app'), sms: c.channels.includes('sms'), email: c.channels.includes('email'), ratePerMinute: c.ratePerMinute,
    });
    await tx.updateTable('push_campaigns').set({ targeted, sent, skipped: targeted - sent }).where('id', '=', campaign.id).execute();
    const result = { id: campaign.id, targeted, sent, skipped: targeted - sent, ...delivered };
    await recordAudit(tx, actor, {
      action: 'push_campaign.create', entityType: 'push_campaign', entityId: campaign.id,
      after: { policyId: c.policyId, noticeId: notice?.id ?? null, title, channels: c.channels, includeUnknown: c.includeUnknown, ratePerMinute: c.ratePerMinute, ...result },
    });
    return result;
  });
}
