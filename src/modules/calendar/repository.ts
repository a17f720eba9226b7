import { sql } from 'kysely';
import type { Db, Tx } from '../../platform/db/index.ts';

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

/** Calendar changes one at a time: each recounts deadlines on the calendar the previous one left. */
export async function lockCalendar(tx: Tx): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('qifu.calendar'))`.execute(tx);
}

/** Replaces a year's administrator entries with `days`; returns the dates it had before. */
export async function replaceYearOverrides(
  tx: Tx,
  year: number,
  days: readonly { date: string; kind: 'workday' | 'holiday'; name: string }[],
  updatedBy: number | null,
): Promise<string[]> {
  const removed = await tx
    .deleteFrom('calendar_overrides')
    .where('date', '>=', `${year}-01-01`)
    .where('date', '<=', `${year}-12-31`)
    .returning('date')
    .execute();
  if (days.length > 0) {
    await tx
      .insertInto('calendar_overrides')
      .values(days.map((d) => ({ date: d.date, kind: d.kind, name: d.name, updated_by: updatedBy, updated_at: new Date() })))
      .execute();
  }
  return removed.map((r) => String(r.date));
}

/** Records that the administrators were reminded to load `year`; false when someone already was. */
export async function claimYearReminder(db: Db, year: number): Promise<boolean> {
  const row = await db
    .insertInto('calendar_reminders')
    .values({ year })
    .onConflict((oc) => oc.column('year').doNothing())
    .returning('year')
    .executeTakeFirst();
  return row !== undefined;
}
