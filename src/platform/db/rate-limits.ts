import { sql } from 'kysely';
import type { Db } from './index.ts';

/**
 * Counts one hit of `key` in its fixed window of `windowMs`, opening a new window when the last
 * one has passed; the same row for every process, updated atomically (one upsert).
 */
export async function hit(db: Db, key: string, windowMs: number): Promise<{ current: number; ttl: number }> {
  const window = sql`make_interval(secs => ${windowMs / 1000})`;
  const expired = sql<boolean>`rate_limits.window_start + ${window} <= now()`;
  const row = await db
    .insertInto('rate_limits')
    .values({ key, hits: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        hits: sql<number>`case when ${expired} then 1 else rate_limits.hits + 1 end`,
        window_start: sql<Date>`case when ${expired} then now() else rate_limits.window_start end`,
      }),
    )
    .returning(['hits', sql<number>`ceil(extract(epoch from (window_start + ${window} - now())) * 1000)::int`.as('ttl')])
    .executeTakeFirstOrThrow();
  return { current: row.hits, ttl: Math.max(0, row.ttl) };
}

/** Removes counters whose window ended before `before`. */
export async function purgeRateLimits(db: Db, before: Date): Promise<number> {
  const r = await db.deleteFrom('rate_limits').where('window_start', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}
