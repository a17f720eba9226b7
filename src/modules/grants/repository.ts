import { sql } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors.ts';
import { explanationOf } from '../matching/index.ts';

/** Auto-grant policies with how far their granting went. */
export async function autoGrantPolicies(db: Db) {
  const { rows } = await sql<{
    id: number;
    title: string;
    issuer: string;
    max_amount: number | null;
    eligible: number;
    granted: number;
    unclaimed: number;
    drafts: number;
  }>`
    select p.id, p.title, p.issuer, p.max_amount,
      (select count(*)::int from policy_matches m where m.policy_id = p.id and m.outcome = 'eligible') as eligible,
      (select count(distinct b.enterprise_id)::int from benefits b where b.policy_id = p.id) as granted,
      (select count(*)::int from policy_matches m where m.policy_id = p.id and m.outcome = 'eligible'
         and not exists (select 1 from benefits b where b.policy_id = p.id and b.enterprise_id = m.enterprise_id)) as unclaimed,
      (select count(*)::int from grant_batches g where g.policy_id = p.id and g.status = 'draft') as drafts
    from policies p where p.auto_grant and p.status = 'published'
    order by p.id desc`.execute(db);
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    issuer: r.issuer,
    maxAmount: r.max_amount,
    eligible: r.eligible,
    granted: r.granted,
    unclaimed: r.unclaimed,
    drafts: r.drafts,
  }));
}

const batchColumns = [
  'g.id',
  'g.number',
  'g.policy_id',
  'p.title as policy_title',
  'g.rule_version',
  'g.status',
  'g.enterprises',
  'g.total_amount',
  'g.created_at',
  'g.confirmed_at',
  'c.display_name as created_by',
  'f.display_name as confirmed_by',
] as const;

function batchBase(db: Db) {
  return db
    .selectFrom('grant_batches as g')
    .innerJoin('policies as p', 'p.id', 'g.policy_id')
    .leftJoin('users as c', 'c.id', 'g.created_by')
    .leftJoin('users as f', 'f.id', 'g.confirmed_by');
}

type BatchRow = {
  id: number;
  number: string;
  policy_id: number;
  policy_title: string;
  rule_version: number;
  status: 'draft' | 'confirmed' | 'cancelled';
  enterprises: number;
  total_amount: number;
  created_at: Date;
  confirmed_at: Date | null;
  created_by: string | null;
  confirmed_by: string | null;
};
const toBatch = (r: BatchRow) => ({
  id: r.id,
  number: r.number,
  policyId: r.policy_id,
  policyTitle: r.policy_title,
  ruleVersion: r.rule_version,
  status: r.status,
  enterprises: r.enterprises,
  totalAmount: r.total_amount,
  createdAt: new Date(r.created_at).toISOString(),
  confirmedAt: r.confirmed_at ? new Date(r.confirmed_at).toISOString() : null,
  createdBy: r.created_by,
  confirmedBy: r.confirmed_by,
});

export async function listBatches(
  db: Db,
  f: { policyId?: number | undefined; status?: 'draft' | 'confirmed' | 'cancelled' | undefined; page: number; pageSize: number },
) {
  let q = batchBase(db);
  if (f.policyId) q = q.where('g.policy_id', '=', f.policyId);
  if (f.status) q = q.where('g.status', '=', f.status);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .select(batchColumns)
    .orderBy('g.id', 'desc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { items: rows.map(toBatch), total: Number(total.n) };
}

export async function getBatch(db: Db, id: number) {
  const row = await batchBase(db).select(batchColumns).where('g.id', '=', id).executeTakeFirst();
  if (!row) throw AppError.notFound('发放批次');
  const { rows } = await sql<{
    n: number;
    excluded: number;
  }>`select count(*)::int as n, count(*) filter (where excluded)::int as excluded from grant_batch_items where batch_id = ${id}::int`.execute(
    db,
  );
  return { ...toBatch(row), items: rows[0]?.n ?? 0, excluded: rows[0]?.excluded ?? 0 };
}

/** The items of a batch with each enterprise's explanation, for the officer's review. */
export async function listItems(db: Db, batchId: number, f: { q?: string | undefined; page: number; pageSize: number }) {
  await getBatch(db, batchId);
  let q = db
    .selectFrom('grant_batch_items as i')
    .innerJoin('enterprises as e', 'e.id', 'i.enterprise_id')
    .leftJoin('streets as s', 's.id', 'e.street_id')
    .where('i.batch_id', '=', batchId);
  if (f.q) q = q.where((eb) => eb.or([eb('e.name', 'ilike', `%${f.q}%`), eb('e.uscc', '=', f.q!.toUpperCase())]));
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .select(['i.enterprise_id', 'e.name', 'e.uscc', 'e.industry_code', 's.name as street', 'i.amount', 'i.excluded', 'i.explanation'])
    .orderBy('i.enterprise_id')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return {
    total: Number(total.n),
    items: rows.map((r) => ({
      enterpriseId: r.enterprise_id,
      enterpriseName: r.name,
      uscc: r.uscc,
      industryCode: r.industry_code,
      street: r.street,
      amount: r.amount,
      excluded: r.excluded,
      explanation: explanationOf(r.explanation),
    })),
  };
}

export interface UnclaimedFilter {
  policyId?: number | undefined;
  /** Also policies that are applied for (not auto-grant). */
  all?: boolean | undefined;
  streetId?: number | undefined;
  industry?: string | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

/** 应享未享: eligible enterprises of (auto-grant) policies in force that hold no benefit under them. */
function unclaimedRows(db: Db, f: Omit<UnclaimedFilter, 'page' | 'pageSize'>) {
  let q = db
    .selectFrom('policy_matches as m')
    .innerJoin('policies as p', 'p.id', 'm.policy_id')
    .innerJoin('enterprises as e', 'e.id', 'm.enterprise_id')
    .leftJoin('streets as s', 's.id', 'e.street_id')
    .where('m.outcome', '=', 'eligible')
    .where('p.status', '=', 'published')
    .where('e.status', '=', 'active')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('benefits as b')
            .select('b.id')
            .whereRef('b.policy_id', '=', 'm.policy_id')
            .whereRef('b.enterprise_id', '=', 'm.enterprise_id'),
        ),
      ),
    );
  if (!f.all) q = q.where('p.auto_grant', '=', true);
  if (f.policyId) q = q.where('m.policy_id', '=', f.policyId);
  if (f.streetId) q = q.where('e.street_id', '=', f.streetId);
  if (f.industry) q = q.where('e.industry_code', 'like', `${f.industry.toUpperCase()}%`);
  if (f.q) q = q.where((eb) => eb.or([eb('e.name', 'ilike', `%${f.q}%`), eb('e.uscc', '=', f.q!.toUpperCase())]));
  return q;
}

type UnclaimedQuery = ReturnType<typeof unclaimedRows>;

async function unclaimedItems(q: UnclaimedQuery, limit: number, offset = 0) {
  const rows = await q
    .select([
      'm.policy_id',
      'p.title as policy_title',
      'p.auto_grant',
      'p.max_amount',
      'm.enterprise_id',
      'e.name',
      'e.uscc',
      'e.industry_code',
      's.name as street',
      'm.matched_at',
    ])
    .orderBy('m.policy_id', 'desc')
    .orderBy('m.enterprise_id')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map((r) => ({
    policyId: r.policy_id,
    policyTitle: r.policy_title,
    autoGrant: r.auto_grant,
    maxAmount: r.max_amount,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.name,
    uscc: r.uscc,
    industryCode: r.industry_code,
    street: r.street,
    matchedAt: new Date(r.matched_at).toISOString(),
  }));
}

export async function listUnclaimed(db: Db, f: UnclaimedFilter) {
  const q = unclaimedRows(db, f);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { total: Number(total.n), items: await unclaimedItems(q, f.pageSize, (f.page - 1) * f.pageSize) };
}

/** The rows after `after` in the list's order (keyset paging, for the export: no row skipped or repeated when rows come and go). */
export function unclaimedAfter(
  db: Db,
  f: Omit<UnclaimedFilter, 'page' | 'pageSize'>,
  after: { policyId: number; enterpriseId: number } | undefined,
  limit: number,
) {
  let q = unclaimedRows(db, f);
  if (after)
    q = q.where((eb) =>
      eb.or([
        eb('m.policy_id', '<', after.policyId),
        eb.and([eb('m.policy_id', '=', after.policyId), eb('m.enterprise_id', '>', after.enterpriseId)]),
      ]),
    );
  return unclaimedItems(q, limit);
}
export type UnclaimedItem = Awaited<ReturnType<typeof listUnclaimed>>['items'][number];
