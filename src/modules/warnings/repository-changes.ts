/** Warnings' and warning rules' changes: follow-ups, closing, reopening, hand-over, rule edits; and the timeline's rows. */
import type { Insertable, Updateable } from 'kysely';
import type { DB, Db, Tx } from '../../platform/db/index.ts';

/** The warning, locked until the transaction ends. */
export function lockWarning(tx: Tx, id: number) {
  return tx.selectFrom('enterprise_warnings').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function addAction(tx: Tx, row: Insertable<DB['warning_actions']>): Promise<void> {
  await tx.insertInto('warning_actions').values(row).execute();
}

export async function updateWarning(tx: Tx, id: number, set: Updateable<DB['enterprise_warnings']>): Promise<void> {
  await tx.updateTable('enterprise_warnings').set(set).where('id', '=', id).execute();
}

/** The open and following warnings of these enterprises, locked, in id order. */
export function openWarningsOf(tx: Tx, enterpriseIds: number[]) {
  return tx
    .selectFrom('enterprise_warnings')
    .select(['id', 'enterprise_id', 'assigned_user_id'])
    .where('enterprise_id', 'in', enterpriseIds)
    .where('status', 'in', ['open', 'following'])
    .orderBy('id')
    .forUpdate()
    .execute();
}

export async function assignWarnings(tx: Tx, ids: number[], userId: number, now: Date): Promise<void> {
  await tx.updateTable('enterprise_warnings').set({ assigned_user_id: userId, updated_at: now }).where('id', 'in', ids).execute();
}

/** The enterprise's newest warnings with their rule's name (一企一档's history). */
export function warningsOf(db: Db, enterpriseId: number, limit: number) {
  return db
    .selectFrom('enterprise_warnings as w')
    .innerJoin('warning_rules as r', 'r.id', 'w.rule_id')
    .select(['w.id', 'w.month', 'w.level', 'w.status', 'w.created_at', 'r.name'])
    .where('w.enterprise_id', '=', enterpriseId)
    .orderBy('w.created_at', 'desc')
    .limit(limit)
    .execute();
}

export async function insertRule(tx: Tx, row: Insertable<DB['warning_rules']>): Promise<number> {
  return (await tx.insertInto('warning_rules').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** The rule, locked until the transaction ends. */
export function lockRule(tx: Tx, id: number) {
  return tx.selectFrom('warning_rules').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateRule(tx: Tx, id: number, set: Updateable<DB['warning_rules']>): Promise<void> {
  await tx.updateTable('warning_rules').set(set).where('id', '=', id).execute();
}
