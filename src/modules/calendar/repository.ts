import type { Db } from '../../platform/db/index.ts';

export function listOverrides(db: Db) {
  return db.selectFrom('calendar_overrides').select(['date', 'kind', 'name']).orderBy('date').execute();
}

export function listYears(db: Db) {
  return db.selectFrom('calendar_years').select(['year', 'complete', 'note']).orderBy('year').execute();
}

export function findOverride(db: Db, date: string) {
  return db.selectFrom('calendar_overrides').select(['date', 'kind', 'name']).where('date', '=', date).executeTakeFirst();
}

export async function upsertOverride(
  db: Db,
  row: { date: string; kind: 'workday' | 'holiday'; name: string | null; updatedBy: number | null },
): Promise<void> {
  const values = { kind: row.kind, name: row.name, updated_by: row.updatedBy, updated_at: new Date() };
  await db
    .insertInto('calendar_overrides')
    .values({ date: row.date, ...values })
    .onConflict((oc) => oc.column('date').doUpdateSet(values))
    .execute();
}

export async function deleteOverride(db: Db, date: string): Promise<boolean> {
  const res = await db.deleteFrom('calendar_overrides').where('date', '=', date).executeTakeFirst();
  return res.numDeletedRows > 0n;
}

export function findYear(db: Db, year: number) {
  return db.selectFrom('calendar_years').select(['year', 'complete', 'note']).where('year', '=', year).executeTakeFirst();
}

export async function upsertYear(
  db: Db,
  row: { year: number; complete: boolean; note: string | null; updatedBy: number | null },
): Promise<void> {
  const values = { complete: row.complete, note: row.note, updated_by: row.updatedBy, updated_at: new Date() };
  await db
    .insertInto('calendar_years')
    .values({ year: row.year, ...values })
    .onConflict((oc) => oc.column('year').doUpdateSet(values))
    .execute();
}
