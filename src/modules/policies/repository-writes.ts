/** Policies' and 申报通知' writes (service.ts holds the rules: states, dates, audit). */
import type { Insertable, Updateable } from 'kysely';
import type { DB, Tx } from '../../platform/db/index.ts';

/** The policy, locked until the transaction ends. */
export function lockPolicy(tx: Tx, id: number) {
  return tx.selectFrom('policies').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Whether another policy (not `exceptId`) has this code. */
export async function codeTaken(tx: Tx, code: string, exceptId?: number): Promise<boolean> {
  let q = tx.selectFrom('policies').select('id').where('code', '=', code);
  if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function insertPolicy(tx: Tx, row: Insertable<DB['policies']>): Promise<number> {
  const r = await tx.insertInto('policies').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updatePolicy(tx: Tx, id: number, set: Updateable<DB['policies']>): Promise<void> {
  await tx.updateTable('policies').set(set).where('id', '=', id).execute();
}

export async function policyStatus(tx: Tx, id: number) {
  return (await tx.selectFrom('policies').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
}

/** Open windows under a policy that is no longer published close with it. */
export async function withdrawPublishedNotices(tx: Tx, policyId: number, now: Date): Promise<void> {
  await tx
    .updateTable('policy_notices')
    .set({ status: 'withdrawn', updated_at: now })
    .where('policy_id', '=', policyId)
    .where('status', '=', 'published')
    .execute();
}

export async function insertNotice(tx: Tx, row: Insertable<DB['policy_notices']>): Promise<number> {
  const r = await tx.insertInto('policy_notices').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** The notice, locked until the transaction ends. */
export function lockNotice(tx: Tx, id: number) {
  return tx.selectFrom('policy_notices').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateNotice(tx: Tx, id: number, set: Updateable<DB['policy_notices']>): Promise<void> {
  await tx.updateTable('policy_notices').set(set).where('id', '=', id).execute();
}
