import { sql } from 'kysely';
import type { Db } from './index.ts';

/**
 * Next value of a named counter (appeal-2026, supervision-2026, application-2026), atomically, on
 * both databases: the upsert takes the row lock, so two transactions never get the same number.
 */
export async function nextCounter(db: Db, name: string): Promise<number> {
  const r = await db
    .insertInto('counters')
    .values({ name, value: 1 })
    .onConflict((oc) => oc.column('name').doUpdateSet({ value: sql<number>`counters.value + 1` }))
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(r.value);
}
