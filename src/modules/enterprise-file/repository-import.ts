/** The import's writes (import-write.ts decides what changes; this is how it is read and written). */
import { sql, type Insertable, type Updateable } from 'kysely';
import type { Db, Tx } from '../../platform/db/index.ts';
import type { DB } from '../../platform/db/schema.ts';

/** The enterprises already on file among these credit codes, each with its tags (sorted). */
export function enterprisesWithTags(tx: Tx, usccs: string[]) {
  return tx
    .selectFrom('enterprises as e')
    .selectAll('e')
    .select((eb) =>
      eb.fn
        .coalesce(
          eb
            .selectFrom('enterprise_tags as t')
            .select(sql<string[]>`array_agg(t.tag order by t.tag)`.as('tags'))
            .whereRef('t.enterprise_id', '=', 'e.id'),
          sql<string[]>`'{}'::text[]`,
        )
        .as('tags'),
    )
    .where('e.uscc', 'in', usccs)
    .execute();
}

/** New enterprises in one statement; their ids by credit code. */
export async function insertEnterprises(tx: Tx, rows: Insertable<DB['enterprises']>[]): Promise<Map<string, number>> {
  const ids = await tx.insertInto('enterprises').values(rows).returning(['id', 'uscc']).execute();
  return new Map(ids.map((x) => [x.uscc, x.id]));
}

export async function insertTags(tx: Tx, rows: { enterprise_id: number; tag: string }[]): Promise<void> {
  if (rows.length) await tx.insertInto('enterprise_tags').values(rows).execute();
}

export async function updateEnterprise(tx: Tx, id: number, set: Updateable<DB['enterprises']>): Promise<void> {
  await tx
    .updateTable('enterprises')
    .set({ ...set, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function replaceTags(tx: Tx, enterpriseId: number, tags: string[]): Promise<void> {
  await tx.deleteFrom('enterprise_tags').where('enterprise_id', '=', enterpriseId).execute();
  await insertTags(
    tx,
    tags.map((tag) => ({ enterprise_id: enterpriseId, tag })),
  );
}

export async function enterpriseIds(tx: Tx, usccs: string[]): Promise<Map<string, number>> {
  const rows = await tx.selectFrom('enterprises').select(['id', 'uscc']).where('uscc', 'in', usccs).execute();
  return new Map(rows.map((e) => [e.uscc, e.id]));
}

export function indicatorsOf(tx: Tx, enterpriseIds: number[]) {
  return (
    tx
      .selectFrom('enterprise_indicators')
      .selectAll()
      // By enterprise only (the primary key's prefix): with the months too, the planner may scan every row of those months.
      .where('enterprise_id', 'in', enterpriseIds.length ? enterpriseIds : [-1])
      .execute()
  );
}

export async function updateIndicator(
  tx: Tx,
  enterpriseId: number,
  month: string,
  set: Updateable<DB['enterprise_indicators']>,
): Promise<void> {
  await tx.updateTable('enterprise_indicators').set(set).where('enterprise_id', '=', enterpriseId).where('month', '=', month).execute();
}

export async function insertIndicators(tx: Tx, rows: Insertable<DB['enterprise_indicators']>[]): Promise<void> {
  // 9 columns a row: 1,000 rows stay well under PostgreSQL's 65,535 parameters.
  for (let i = 0; i < rows.length; i += 1000)
    await tx
      .insertInto('enterprise_indicators')
      .values(rows.slice(i, i + 1000))
      .execute();
}

/** Every street, for matching the import's 所属街道 cells by name or code. */
export function allStreets(db: Db) {
  return db.selectFrom('streets').select(['id', 'code', 'name']).execute();
}
