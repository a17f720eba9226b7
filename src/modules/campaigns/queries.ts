import { sql } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import type { PushChannel } from '../../platform/db/schema-policies.ts';
import { AppError } from '../../platform/errors.ts';

/** A recipient "applied" when its enterprise filed an application under the policy after the push. */
const APPLIED = sql`exists (select 1 from policy_applications a where a.enterprise_id = r.enterprise_id and a.policy_id = r.policy_id and a.created_at >= r.sent_at)`;

interface CampaignRow {
  id: number; policy_id: number; policy_title: string; notice_id: number | null; notice_title: string | null; title: string; message: string;
  channels: PushChannel[]; include_unknown: boolean; targeted: number; sent: number; skipped: number; read: number; applied: number;
  created_by: string | null; created_at: Date;
}

const rate = (n: number, of: number) => (of === 0 ? 0 : Math.round((n / of) * 10_000) / 10_000);

function toItem(r: CampaignRow) {
  return {
    id: r.id, policyId: r.policy_id, policyTitle: r.policy_title, noticeId: r.notice_id, noticeTitle: r.notice_title, title: r.title, message: r.message,
    channels: r.channels, includeUnknown: r.include_unknown, targeted: r.targeted, sent: r.sent, skipped: r.skipped, read: r.read, applied: r.applied,
    readRate: rate(r.read, r.sent), appliedRate: rate(r.applied, r.sent), createdBy: r.created_by, createdAt: new Date(r.created_at).toISOString(),
  };
}
export type CampaignItem = ReturnType<typeof toItem>;

async function campaigns(db: Db, where: { id?: number; policyId?: number | undefined }, page = 1, pageSize = 1) {
  const cond = sql.join([
    sql`true`,
    ...(where.id !== undefined ? [sql`c.id = ${where.id}::int`] : []),
    ...(where.policyId !== undefined ? [sql`c.policy_id = ${where.policyId}::int`] : []),
  ], sql` and `);
  const { rows: total } = await sql<{ n: number }>`select count(*)::int as n from push_campaigns c where ${cond}`.execute(db);
  const { rows } = await sql<CampaignRow>`
    select c.id, c.policy_id, p.title as policy_title, c.notice_id, n.title as notice_title, c.title, c.message, c.channels, c.include_unknown,
      c.targeted, c.sent, c.skipped, u.display_name as created_by, c.created_at,
      (select count(*)::int from push_recipients r where r.campaign_id = c.id and r.read_at is not null) as read,
      (select count(*)::int from push_recipients r where r.campaign_id = c.id and ${APPLIED}) as applied
    from push_campaigns c
    join policies p on p.id = c.policy_id
    left join policy_notices n on n.id = c.notice_id
    left join users u on u.id = c.created_by
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
  status?: 'sent' | 'read' | 'applied' | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

/** One campaign's recipients with how far each went: sent → read → applied. */
export async function listRecipients(db: Db, campaignId: number, f: RecipientFilter) {
  await getCampaign(db, campaignId);
  const appliedAt = sql<Date | null>`(select min(a.created_at) from policy_applications a where a.enterprise_id = r.enterprise_id and a.policy_id = r.policy_id and a.created_at >= r.sent_at)`;
  const status = sql<'sent' | 'read' | 'applied'>`case when ${APPLIED} then 'applied' when r.read_at is not null then 'read' else 'sent' end`;
  let q = db.selectFrom('push_recipients as r')
    .innerJoin('enterprises as e', 'e.id', 'r.enterprise_id')
    .leftJoin('streets as s', 's.id', 'e.street_id')
    .where('r.campaign_id', '=', campaignId);
  if (f.status) q = q.where(status, '=', f.status);
  if (f.q) q = q.where((eb) => eb.or([eb('e.name', 'ilike', `%${f.q}%`), eb('e.uscc', '=', f.q!.toUpperCase())]));
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .select(['r.enterprise_id', 'e.name', 'e.uscc', 's.name as street', 'r.sent_at', 'r.read_at', appliedAt.as('applied_at'), status.as('status')])
    .orderBy('r.id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return {
    total: Number(total.n),
    items: rows.map((r) => ({
      enterpriseId: r.enterprise_id, enterpriseName: r.name, uscc: r.uscc, street: r.street, sentAt: new Date(r.sent_at).toISOString(),
      readAt: r.read_at ? new Date(r.read_at).toISOString() : null, appliedAt: r.applied_at ? new Date(r.applied_at).toISOString() : null, status: r.status,
    })),
  };
}
export type RecipientItem = Awaited<ReturnType<typeof listRecipients>>['items'][number];
