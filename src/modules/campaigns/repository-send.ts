import { sql, type Insertable, type Updateable } from 'kysely';
import type { Db, Tx } from '../../platform/db/index.ts';
import type { PushCampaignsTable } from '../../platform/db/schema-policies.ts';
import type { Reach } from '../notifications/reach.ts';

/** What a push is sent about: the policy and (optionally) one of its notices. */
export function policyToPush(db: Db, id: number) {
  return db.selectFrom('policies').select(['id', 'title', 'status']).where('id', '=', id).executeTakeFirst();
}

export function noticeToPush(db: Db, id: number) {
  return db.selectFrom('policy_notices').select(['id', 'title', 'status', 'policy_id']).where('id', '=', id).executeTakeFirst();
}

/** The policy's matched active enterprises, and whether each was already reached with this policy / notice. */
export async function matchedTargets(db: Db, policyId: number, noticeId: number | null) {
  const { rows } = await sql<{ enterprise_id: number; outcome: 'eligible' | 'unknown'; reached: boolean }>`
    select m.enterprise_id, m.outcome,
      exists (select 1 from push_recipients r where r.policy_id = m.policy_id and coalesce(r.notice_id, 0) = ${noticeId ?? 0}::int
        and r.enterprise_id = m.enterprise_id and r.reachable) as reached
    from policy_matches m
    join enterprises e on e.id = m.enterprise_id and e.status = 'active'
    where m.policy_id = ${policyId}::int
    order by m.enterprise_id`.execute(db);
  return rows;
}

export async function insertCampaign(tx: Tx, row: Insertable<PushCampaignsTable>): Promise<number> {
  return (await tx.insertInto('push_campaigns').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateCampaign(tx: Tx, id: number, patch: Updateable<PushCampaignsTable>): Promise<void> {
  await tx.updateTable('push_campaigns').set(patch).where('id', '=', id).execute();
}

/**
 * The campaign's recipients, each reachable or not and why. A partial unique index on reachable
 * recipients skips an enterprise already reached with the policy / notice (ON CONFLICT DO
 * NOTHING): the rows returned are those this campaign took on.
 */
export async function insertRecipients(
  tx: Tx,
  c: { campaignId: number; policyId: number; noticeId: number | null },
  rows: { enterpriseId: number; reachable: boolean; reason: Reach['reason'] }[],
) {
  const { rows: inserted } = await sql<{ enterprise_id: number; reachable: boolean }>`
    insert into push_recipients (campaign_id, policy_id, notice_id, enterprise_id, reachable, unreachable_reason)
    select ${c.campaignId}::int, ${c.policyId}::int, ${c.noticeId}::int, t.id, t.reachable, t.reason
    from unnest(${rows.map((r) => r.enterpriseId)}::int[], ${rows.map((r) => r.reachable)}::boolean[], ${rows.map((r) => r.reason)}::text[]) as t(id, reachable, reason)
    on conflict do nothing
    returning enterprise_id, reachable`.execute(tx);
  return inserted;
}

/** How many in-app notifications each recipient enterprise got. */
export async function setInAppCounts(tx: Tx, campaignId: number, counts: Map<number, number>): Promise<void> {
  await sql`update push_recipients r set in_app = t.n from unnest(${[...counts.keys()]}::int[], ${[...counts.values()]}::int[]) as t(id, n)
    where r.campaign_id = ${campaignId}::int and r.enterprise_id = t.id`.execute(tx);
}

/**
 * Links the campaign's queued messages to the enterprises each serves (one message may serve
 * several that share an address): `links` pairs the message key channel|address with an enterprise.
 */
export async function linkRecipientMessages(tx: Tx, campaignId: number, links: { key: string; id: number }[]): Promise<void> {
  await sql`insert into push_recipient_messages (campaign_id, enterprise_id, outbox_id)
    select o.campaign_id, t.id, o.id from outbox o
    join unnest(${links.map((l) => l.key)}::text[], ${links.map((l) => l.id)}::int[]) as t(key, id)
      on t.key = o.channel || '|' || case when o.channel = 'email' then lower(o.recipient) else o.recipient end
    where o.campaign_id = ${campaignId}::int`.execute(tx);
}

/** An in-app notification to every active portal user of these enterprises: how many each enterprise got. */
export async function notifyEnterpriseUsers(
  tx: Tx,
  enterpriseIds: readonly number[],
  msg: { title: string; body: string; link: string; policyId: number },
) {
  const { rows } = await sql<{ enterprise_id: number; n: number }>`with ins as (
      insert into notifications (user_id, title, body, link, policy_id)
      select u.id, ${msg.title}, ${msg.body}, ${msg.link}, ${msg.policyId}::int from users u
      where u.active and u.role = 'enterprise' and u.enterprise_id = any(${enterpriseIds}::int[])
      returning user_id)
    select u.enterprise_id, count(*)::int as n from ins join users u on u.id = ins.user_id group by u.enterprise_id`.execute(tx);
  return rows;
}
