import { sql, type Insertable, type Updateable } from 'kysely';
import type { Db, Tx } from '../../platform/db/index.ts';
import type { AppealEventsTable, CommonProblemsTable } from '../../platform/db/schema-appeals.ts';

/** The pool searched for near-duplicates: appeals of the last half year that stand on their own. */
export function poolAppeals(db: Db, since: Date) {
  return db
    .selectFrom('appeals')
    .select(['id', 'enterprise_id', sql<string>`title || ' ' || description`.as('text')])
    .where('submitted_at', '>=', since)
    .where('merged_into_id', 'is', null)
    .where('state', '!=', 'declined')
    .execute();
}

export function appealsByIds(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('appeals as a')
    .innerJoin('enterprises as e', 'e.id', 'a.enterprise_id')
    .select([
      'a.id',
      'a.number',
      'a.title',
      'a.state',
      'a.enterprise_id',
      'e.name as enterprise_name',
      'a.submitted_at',
      'a.common_problem_id',
      'a.merged_into_id',
    ])
    .where('a.id', 'in', ids)
    .execute();
}

export function findAppeal(db: Db, id: number) {
  return db
    .selectFrom('appeals')
    .select(['id', 'number', 'title', 'description', 'state', 'enterprise_id', 'merged_into_id', 'common_problem_id'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function listProblems(db: Db, status: string | undefined) {
  let q = db
    .selectFrom('common_problems as p')
    .leftJoin('departments as d', 'd.id', 'p.owner_department_id')
    .select([
      'p.id',
      'p.title',
      'p.description',
      'p.owner_department_id',
      'd.name as owner_name',
      'p.deadline',
      'p.progress',
      'p.status',
      'p.created_at',
      (eb) =>
        eb.selectFrom('appeals as a').select(eb.fn.countAll<number>().as('n')).whereRef('a.common_problem_id', '=', 'p.id').as('appeals'),
      (eb) =>
        eb
          .selectFrom('appeals as a')
          .select(sql<number>`count(distinct a.enterprise_id)`.as('n'))
          .whereRef('a.common_problem_id', '=', 'p.id')
          .as('enterprises'),
    ]);
  if (status) q = q.where('p.status', '=', status as 'open');
  // Ranked by how many enterprises it touches, then how many appeals: the commonest problem first.
  return q.orderBy('enterprises', 'desc').orderBy('appeals', 'desc').orderBy('p.id').execute();
}

export function findProblem(db: Db, id: number) {
  return db.selectFrom('common_problems').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Closes the appeal as merged into another, if still in `state`; false when someone acted first. */
export async function closeAsMerged(tx: Tx, id: number, state: string, intoId: number, now: Date): Promise<boolean> {
  const r = await tx
    .updateTable('appeals')
    .set({ merged_into_id: intoId, state: 'closed', closed_at: now, updated_at: now })
    .where('id', '=', id)
    .where('state', '=', state)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertAppealEvent(tx: Tx, row: Insertable<AppealEventsTable>): Promise<void> {
  await tx.insertInto('appeal_events').values(row).execute();
}

export async function insertProblem(tx: Tx, row: Insertable<CommonProblemsTable>): Promise<number> {
  return (await tx.insertInto('common_problems').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateProblem(tx: Tx, id: number, patch: Updateable<CommonProblemsTable>): Promise<void> {
  await tx.updateTable('common_problems').set(patch).where('id', '=', id).execute();
}

/** Links the appeals to the common problem. */
export async function linkAppeals(tx: Tx, problemId: number, appealIds: readonly number[]): Promise<void> {
  await tx.updateTable('appeals').set({ common_problem_id: problemId }).where('id', 'in', appealIds).execute();
}
