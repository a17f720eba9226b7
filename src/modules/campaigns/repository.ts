import { sql } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import type { PushChannel } from '../../platform/db/schema-policies.ts';
import { AppError } from '../../platform/errors.ts';
import { maskEmail, maskMobile } from '../../platform/mask.ts';

/** A recipient "applied" when its enterprise filed an application under the policy after the push. */
const APPLIED = sql`exists (select 1 from policy_applications a where a.enterprise_id = r.enterprise_id and a.policy_id = r.policy_id and a.created_at >= r.sent_at)`;
/** A message that reached the recipient — its own, or one shared with other enterprises of the same contact. */
const MSG = (status: string) => sql`exists (select 1 from push_recipient_messages l join outbox o on o.id = l.outbox_id
  where l.campaign_id = r.campaign_id and l.enterprise_id = r.enterprise_id and o.status = ${status})`;

/**
 * One recipient's delivery, from what the channels did: the in-app inbox delivers at once; an SMS
 * or e-mail counts once a channel took it (handed) and again on the provider's receipt
 * (delivered). `logged` = only written to the log (no channel configured) — never sent.
 * `legacy` = sent before delivery was recorded (migration 0012) and not in-app: nothing says what
 * became of it, so it counts neither as handed nor as failed.
 */
export const DELIVERY = sql<DeliveryState>`case
  when not r.reachable then 'unreachable'
  when r.in_app > 0 or ${MSG('delivered')} then 'delivered'
  when r.legacy then 'legacy'
  when ${MSG('handed')} then 'handed'
  when ${MSG('pending')} then 'queued'
  when ${MSG('logged')} then 'logged'
  when ${MSG('failed')} then 'failed'
  else 'queued' end`;
export type DeliveryState = 'unreachable' | 'queued' | 'logged' | 'handed' | 'delivered' | 'failed' | 'legacy';
export type RecipientStatus = DeliveryState | 'read' | 'applied';

interface CampaignRow {
  id: number;
  policy_id: number;
  policy_title: string;
  notice_id: number | null;
  notice_title: string | null;
  title: string;
  message: string;
  channels: PushChannel[];
  include_unknown: boolean;
  targeted: number;
  recipients: number;
  skipped: number;
  reachable: number;
  opted_out: number;
  queued: number;
  logged: number;
  handed: number;
  delivered: number;
  failed: number;
  legacy: number;
  read: number;
  applied: number;
  read_handed: number;
  applied_handed: number;
  created_by: string | null;
  created_at: Date;
}

const rate = (n: number, of: number) => (of === 0 ? 0 : Math.round((n / of) * 10_000) / 10_000);

function toItem(r: CampaignRow) {
  return {
    id: r.id,
    policyId: r.policy_id,
    policyTitle: r.policy_title,
    noticeId: r.notice_id,
    noticeTitle: r.notice_title,
    title: r.title,
    message: r.message,
    channels: r.channels,
    includeUnknown: r.include_unknown,
    targeted: r.targeted,
    recipients: r.recipients,
    skipped: r.skipped,
    reachable: r.reachable,
    unreachable: r.recipients - r.reachable,
    optedOut: r.opted_out,
    queued: r.queued,
    logged: r.logged,
    handed: r.handed,
    delivered: r.delivered,
    failed: r.failed,
    legacy: r.legacy,
    // `sent` kept for older clients: the enterprises some channel took a message for, never more.
    sent: r.handed,
    read: r.read,
    applied: r.applied,
    // Rates over the recipients a channel took a message for (a legacy or queued one that applied
    // anyway is in `applied`, not in the rate, which so never exceeds 100 %).
    readRate: rate(r.read_handed, r.handed),
    appliedRate: rate(r.applied_handed, r.handed),
    createdBy: r.created_by,
    createdAt: new Date(r.created_at).toISOString(),
  };
}
export type CampaignItem = ReturnType<typeof toItem>;

async function campaigns(db: Db, where: { id?: number; policyId?: number | undefined }, page = 1, pageSize = 1) {
  const cond = sql.join(
    [
      sql`true`,
      ...(where.id !== undefined ? [sql`c.id = ${where.id}::int`] : []),
      ...(where.policyId !== undefined ? [sql`c.policy_id = ${where.policyId}::int`] : []),
    ],
    sql` and `,
  );
  const { rows: total } = await sql<{ n: number }>`select count(*)::int as n from push_campaigns c where ${cond}`.execute(db);
  const { rows } = await sql<CampaignRow>`
    select c.id, c.policy_id, p.title as policy_title, c.notice_id, n.title as notice_title, c.title, c.message, c.channels, c.include_unknown,
      c.targeted, c.recipients, c.skipped, c.reachable, c.opted_out, u.display_name as created_by, c.created_at,
      coalesce(f.queued, 0) as queued, coalesce(f.logged, 0) as logged, coalesce(f.handed, 0) as handed, coalesce(f.delivered, 0) as delivered,
      coalesce(f.failed, 0) as failed, coalesce(f.legacy, 0) as legacy, coalesce(f.read, 0) as read, coalesce(f.applied, 0) as applied,
      coalesce(f.read_handed, 0) as read_handed, coalesce(f.applied_handed, 0) as applied_handed
    from push_campaigns c
    join policies p on p.id = c.policy_id
    left join policy_notices n on n.id = c.notice_id
    left join users u on u.id = c.created_by
    left join lateral (
      select count(*) filter (where d = 'queued')::int as queued, count(*) filter (where d = 'logged')::int as logged,
        count(*) filter (where d in ('handed', 'delivered'))::int as handed, count(*) filter (where d = 'delivered')::int as delivered,
        count(*) filter (where d = 'failed')::int as failed, count(*) filter (where d = 'legacy')::int as legacy, count(*) filter (where read)::int as read, count(*) filter (where applied)::int as applied,
        count(*) filter (where read and d in ('handed', 'delivered'))::int as read_handed, count(*) filter (where applied and d in ('handed', 'delivered'))::int as applied_handed
      from (select ${DELIVERY} as d, r.read_at is not null as read, ${APPLIED} as applied from push_recipients r where r.campaign_id = c.id) x
    ) f on true
    where ${cond}
    order by c.id desc
    limit ${pageSize}::int offset ${(page - 1) * pageSize}::int`.execute(db);
  return { items: rows.map(toItem), total: total[0]?.n ?? 0 };
}

export function listCampaigns(db: Db, f: { policyId?: number | undefined; page: number; pageSize: number }) {
  return campaigns(db, { policyId: f.policyId }, f.page, f.pageSize);
}

export async function getCampaign(db: Db, id: number): Promise<CampaignItem> {
  const { items } = await campaigns(db, { id });
  const c = items[0];
  if (!c) throw AppError.notFound('推送任务');
  return c;
}

export interface RecipientFilter {
  status?: RecipientStatus | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

/** One campaign's recipients with how far each went: unreachable, or queued → handed → delivered (or failed) → read → applied. */
export async function listRecipients(db: Db, campaignId: number, f: RecipientFilter) {
  await getCampaign(db, campaignId);
  const appliedAt = sql<Date | null>`(select min(a.created_at) from policy_applications a where a.enterprise_id = r.enterprise_id and a.policy_id = r.policy_id and a.created_at >= r.sent_at)`;
  const status = sql<RecipientStatus>`case when r.reachable and ${APPLIED} then 'applied' when r.reachable and r.read_at is not null then 'read' else ${DELIVERY} end`;
  let q = db
    .selectFrom('push_recipients as r')
    .innerJoin('enterprises as e', 'e.id', 'r.enterprise_id')
    .leftJoin('streets as s', 's.id', 'e.street_id')
    .where('r.campaign_id', '=', campaignId);
  if (f.status) q = q.where(status, '=', f.status);
  if (f.q) q = q.where((eb) => eb.or([eb('e.name', 'ilike', `%${f.q}%`), eb('e.uscc', '=', f.q!.toUpperCase())]));
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .select([
      'r.enterprise_id',
      'e.name',
      'e.uscc',
      's.name as street',
      'r.sent_at',
      'r.read_at',
      'r.in_app',
      'r.unreachable_reason',
      appliedAt.as('applied_at'),
      status.as('status'),
      DELIVERY.as('delivery'),
    ])
    .orderBy('r.id')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  const ids = rows.map((r) => r.enterprise_id);
  const messages =
    ids.length === 0
      ? []
      : await db
          .selectFrom('push_recipient_messages as l')
          .innerJoin('outbox as o', 'o.id', 'l.outbox_id')
          .select(['l.enterprise_id', 'o.channel', 'o.recipient', 'o.status', 'o.provider_id', 'o.error_code', 'o.last_error'])
          .where('l.campaign_id', '=', campaignId)
          .where('l.enterprise_id', 'in', ids)
          .orderBy('o.id')
          .execute();
  return {
    total: Number(total.n),
    items: rows.map((r) => ({
      enterpriseId: r.enterprise_id,
      enterpriseName: r.name,
      uscc: r.uscc,
      street: r.street,
      sentAt: new Date(r.sent_at).toISOString(),
      readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
      appliedAt: r.applied_at ? new Date(r.applied_at).toISOString() : null,
      status: r.status,
      delivery: r.delivery,
      unreachableReason: r.unreachable_reason,
      inApp: r.in_app,
      messages: messages
        .filter((m) => m.enterprise_id === r.enterprise_id)
        .map((m) => ({
          channel: m.channel,
          recipient: m.channel === 'sms' ? (maskMobile(m.recipient) ?? '') : maskEmail(m.recipient),
          status: m.status,
          providerId: m.provider_id,
          error: m.last_error,
        })),
    })),
  };
}
export type RecipientItem = Awaited<ReturnType<typeof listRecipients>>['items'][number];

/** The pushes an enterprise received lately, for its one history (一企一档). */
export function recentPushesTo(db: Db, enterpriseId: number, limit: number) {
  return db
    .selectFrom('push_recipients as r')
    .innerJoin('policies as p', 'p.id', 'r.policy_id')
    .leftJoin('policy_notices as n', 'n.id', 'r.notice_id')
    .select(['r.id', 'r.policy_id', 'r.sent_at', 'r.read_at', 'r.unreachable_reason', 'p.title', 'n.title as notice_title'])
    .where('r.enterprise_id', '=', enterpriseId)
    .orderBy('r.sent_at', 'desc')
    .limit(limit)
    .execute();
}
