import { sql, type Insertable, type Updateable } from 'kysely';
import type { Db, Tx } from '../../platform/db/index.ts';
import type { GrantBatchesTable, GrantBatchItemsTable } from '../../platform/db/schema-policies.ts';

/** Eligible enterprises of the policy that have no benefit under it and are in no other draft batch. */
export async function grantCandidates(db: Db, policyId: number): Promise<number[]> {
  const { rows } = await sql<{ enterprise_id: number }>`
    select m.enterprise_id from policy_matches m
    join enterprises e on e.id = m.enterprise_id and e.status = 'active'
    where m.policy_id = ${policyId}::int and m.outcome = 'eligible'
      and not exists (select 1 from benefits b where b.policy_id = m.policy_id and b.enterprise_id = m.enterprise_id)
      and not exists (select 1 from grant_batch_items i join grant_batches g on g.id = i.batch_id
                      where g.policy_id = m.policy_id and g.status = 'draft' and i.enterprise_id = m.enterprise_id)
    order by m.enterprise_id`.execute(db);
  return rows.map((r) => r.enterprise_id);
}

/** How many batches have a number starting with `prefix` (the day's batches). */
export async function batchesNumbered(tx: Tx, prefix: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from grant_batches where number like ${`${prefix}%`}`.execute(tx);
  return rows[0]?.n ?? 0;
}

export function grantPolicy(db: Db, id: number) {
  return db.selectFrom('policies').select(['id', 'title', 'status', 'auto_grant', 'max_amount']).where('id', '=', id).executeTakeFirst();
}

export async function insertBatch(tx: Tx, row: Insertable<GrantBatchesTable>): Promise<number> {
  return (await tx.insertInto('grant_batches').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function insertBatchItems(
  tx: Tx,
  batchId: number,
  items: Omit<Insertable<GrantBatchItemsTable>, 'batch_id'>[],
): Promise<void> {
  for (let i = 0; i < items.length; i += 1_000)
    await tx
      .insertInto('grant_batch_items')
      .values(items.slice(i, i + 1_000).map((x) => ({ ...x, batch_id: batchId })))
      .execute();
}

/** The batch, locked for the rest of the transaction. */
export function lockBatch(tx: Tx, id: number) {
  return tx.selectFrom('grant_batches').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateBatch(tx: Tx, id: number, patch: Updateable<GrantBatchesTable>): Promise<void> {
  await tx.updateTable('grant_batches').set(patch).where('id', '=', id).execute();
}

/** Keeps the batch's counts equal to its included items. */
export async function recountBatch(tx: Tx, batchId: number): Promise<void> {
  await sql`update grant_batches g set enterprises = s.n, total_amount = s.total
    from (select count(*)::int as n, coalesce(sum(amount), 0) as total from grant_batch_items where batch_id = ${batchId}::int and not excluded) s
    where g.id = ${batchId}::int`.execute(tx);
}

export function batchItem(db: Db, batchId: number, enterpriseId: number) {
  return db
    .selectFrom('grant_batch_items')
    .select(['excluded', 'amount'])
    .where('batch_id', '=', batchId)
    .where('enterprise_id', '=', enterpriseId)
    .executeTakeFirst();
}

export async function updateBatchItem(
  tx: Tx,
  batchId: number,
  enterpriseId: number,
  patch: Updateable<GrantBatchItemsTable>,
): Promise<void> {
  await tx.updateTable('grant_batch_items').set(patch).where('batch_id', '=', batchId).where('enterprise_id', '=', enterpriseId).execute();
}

export function policyTitle(db: Db, id: number) {
  return db.selectFrom('policies').select(['id', 'title']).where('id', '=', id).executeTakeFirstOrThrow();
}

export async function includedItems(db: Db, batchId: number): Promise<number> {
  const r = await db
    .selectFrom('grant_batch_items')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('batch_id', '=', batchId)
    .where('excluded', '=', false)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * A benefit for each included item of the batch whose enterprise has none under the policy yet;
 * returns the enterprises granted and their amounts.
 */
export async function insertGrantBenefits(tx: Tx, b: { id: number; policyId: number; number: string; paidOn: string; by: number | null }) {
  const { rows } = await sql<{ enterprise_id: number; amount: number }>`
    insert into benefits (enterprise_id, policy_id, grant_batch_id, amount, paid_on, payment_batch, created_by)
    select i.enterprise_id, ${b.policyId}::int, ${b.id}::int, i.amount, ${b.paidOn}::date, ${b.number}, ${b.by}::int
    from grant_batch_items i
    where i.batch_id = ${b.id}::int and not i.excluded
      and not exists (select 1 from benefits x where x.policy_id = ${b.policyId}::int and x.enterprise_id = i.enterprise_id)
    order by i.enterprise_id
    returning enterprise_id, amount`.execute(tx);
  return rows;
}

/** Marks excluded every included item but those granted (`granted`), so the batch shows what it paid. */
export async function excludeAllBut(tx: Tx, batchId: number, granted: ReadonlySet<number>): Promise<void> {
  await tx
    .updateTable('grant_batch_items')
    .set({ excluded: true })
    .where('batch_id', '=', batchId)
    .where('excluded', '=', false)
    .$if(granted.size > 0, (q) => q.where('enterprise_id', 'not in', [...granted]))
    .execute();
}
