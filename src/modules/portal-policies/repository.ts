import { sql } from 'kysely';
import type { Db } from '../../platform/db/index.ts';

const OUTCOME_ORDER = sql`case m.outcome when 'eligible' then 0 else 1 end`;

/** 为我推荐: the published policies this enterprise matches, eligible first, then those that need more data. */
export async function policiesForMe(
  db: Db,
  enterpriseId: number,
  f: { outcome?: 'eligible' | 'unknown' | undefined; page: number; pageSize: number },
) {
  let q = db
    .selectFrom('policy_matches as m')
    .innerJoin('policies as p', 'p.id', 'm.policy_id')
    .where('m.enterprise_id', '=', enterpriseId)
    .where('p.status', '=', 'published');
  const counts = await q
    .select(['m.outcome', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('m.outcome')
    .execute();
  if (f.outcome) q = q.where('m.outcome', '=', f.outcome);
  const rows = await q
    .select([
      'p.id',
      'p.title',
      'p.issuer',
      'p.level',
      'p.summary',
      'p.benefit',
      'p.max_amount',
      'p.auto_grant',
      'm.outcome',
      sql<string | null>`to_char(p.effective_to, 'YYYY-MM-DD')`.as('effective_to'),
      sql<number>`(select count(*)::int from policy_notices n where n.policy_id = p.id and n.status = 'published' and now() between n.opens_at and n.closes_at)`.as(
        'open_notices',
      ),
      sql<boolean>`exists (select 1 from push_recipients r where r.policy_id = p.id and r.enterprise_id = m.enterprise_id and r.reachable)`.as(
        'pushed',
      ),
      sql<boolean>`exists (select 1 from push_recipients r where r.policy_id = p.id and r.enterprise_id = m.enterprise_id and r.reachable and r.read_at is null)`.as(
        'unread',
      ),
      sql<boolean>`exists (select 1 from benefits b where b.policy_id = p.id and b.enterprise_id = m.enterprise_id)`.as('received'),
    ])
    .orderBy(OUTCOME_ORDER)
    .orderBy('p.published_at', (ob) => ob.desc().nullsLast())
    .orderBy('p.id', 'desc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  const n = (o: string) => Number(counts.find((c) => c.outcome === o)?.n ?? 0);
  return {
    eligible: n('eligible'),
    unknown: n('unknown'),
    total: f.outcome ? n(f.outcome) : n('eligible') + n('unknown'),
    items: rows.map((r) => ({
      id: r.id,
      title: r.title,
      issuer: r.issuer,
      level: r.level,
      summary: r.summary,
      benefit: r.benefit,
      maxAmount: r.max_amount,
      effectiveTo: r.effective_to,
      autoGrant: r.auto_grant,
      outcome: r.outcome,
      openNotices: Number(r.open_notices),
      pushed: r.pushed,
      unread: r.unread,
      received: r.received,
    })),
  };
}

/** This enterprise's match for each listed policy. */
export async function outcomesFor(db: Db, enterpriseId: number, policyIds: number[]): Promise<Map<number, 'eligible' | 'unknown'>> {
  if (policyIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('policy_matches')
    .select(['policy_id', 'outcome'])
    .where('enterprise_id', '=', enterpriseId)
    .where('policy_id', 'in', policyIds)
    .execute();
  return new Map(rows.map((r) => [r.policy_id, r.outcome]));
}

/**
 * Opening a policy is what reading a push means: its pushes to this enterprise (any notice) are
 * marked read, and so are the user's in-app notifications about it.
 */
export async function markPolicyRead(db: Db, enterpriseId: number, userId: number, policyId: number): Promise<void> {
  const now = new Date();
  await db
    .updateTable('push_recipients')
    .set({ read_at: now })
    .where('enterprise_id', '=', enterpriseId)
    .where('policy_id', '=', policyId)
    .where('read_at', 'is', null)
    .execute();
  await db
    .updateTable('notifications')
    .set({ read_at: now })
    .where('user_id', '=', userId)
    .where('policy_id', '=', policyId)
    .where('read_at', 'is', null)
    .execute();
}

export async function myApplications(db: Db, enterpriseId: number, policyId: number) {
  const rows = await db
    .selectFrom('policy_applications')
    .select(['id', 'number', 'notice_id', 'state', 'created_at'])
    .where('enterprise_id', '=', enterpriseId)
    .where('policy_id', '=', policyId)
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    noticeId: r.notice_id,
    state: r.state,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

export async function benefitsOf(db: Db, enterpriseId: number, f: { policyId?: number; page: number; pageSize: number }) {
  let q = db
    .selectFrom('benefits as b')
    .innerJoin('policies as p', 'p.id', 'b.policy_id')
    .leftJoin('grant_batches as g', 'g.id', 'b.grant_batch_id')
    .leftJoin('policy_applications as a', 'a.id', 'b.application_id')
    .where('b.enterprise_id', '=', enterpriseId);
  if (f.policyId) q = q.where('b.policy_id', '=', f.policyId);
  const sum = await q
    .select([(eb) => eb.fn.countAll<number>().as('n'), sql<number>`coalesce(sum(b.amount), 0)`.as('total')])
    .executeTakeFirstOrThrow();
  const rows = await q
    .select([
      'b.id',
      'b.policy_id',
      'p.title',
      'b.amount',
      sql<string>`to_char(b.paid_on, 'YYYY-MM-DD')`.as('paid_on'),
      'b.grant_batch_id',
      'g.number as batch_number',
      'b.application_id',
      'a.number as application_number',
      'b.payment_batch',
    ])
    .orderBy('b.paid_on', 'desc')
    .orderBy('b.id', 'desc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return {
    total: Number(sum.n),
    totalAmount: Number(sum.total),
    items: rows.map((r) => ({
      id: r.id,
      policyId: r.policy_id,
      policyTitle: r.title,
      amount: r.amount,
      paidOn: r.paid_on,
      source: r.grant_batch_id !== null ? ('auto_grant' as const) : ('application' as const),
      grantBatchNumber: r.batch_number,
      applicationId: r.application_id,
      applicationNumber: r.application_number,
      paymentBatch: r.payment_batch,
    })),
  };
}
