import { sql } from 'kysely';
import type { Db } from '../../platform/db/index.ts';

/**
 * The items behind one cadre's 双考核 score: the same filters as the counts in
 * repository-reports.ts (cadreVisitCounts, appealCounts, warningFollowUps), listed one by one.
 */

/** Visits planned (not cancelled) or done in the period by the cadre. */
export async function visitsOf(db: Db, userId: number, from: string, to: string) {
  return db
    .selectFrom('liaison_visits as v')
    .innerJoin('enterprises as e', 'e.id', 'v.enterprise_id')
    .select(['v.id', 'v.enterprise_id', 'e.name as enterprise', 'v.planned_on', 'v.visited_on', 'v.status'])
    .where('v.user_id', '=', userId)
    .where((eb) =>
      eb.or([
        eb.and([eb('v.status', '!=', 'cancelled'), eb('v.planned_on', '>=', from), eb('v.planned_on', '<=', to)]),
        eb.and([eb('v.status', '=', 'done'), eb('v.visited_on', '>=', from), eb('v.visited_on', '<=', to)]),
      ]),
    )
    .orderBy('v.planned_on')
    .orderBy('v.id')
    .execute();
}

/** Appeals of the cadre's enterprises closed or rated in the period. */
export async function appealsOf(db: Db, userId: number, start: Date, end: Date) {
  return db
    .selectFrom('appeals as a')
    .innerJoin('liaisons as l', (j) => j.onRef('l.enterprise_id', '=', 'a.enterprise_id').on('l.ended_at', 'is', null))
    .innerJoin('enterprises as e', 'e.id', 'a.enterprise_id')
    .select([
      'a.id',
      'a.number',
      'a.title',
      'e.name as enterprise',
      'a.state',
      'a.on_spot',
      'a.deadline_at',
      'a.replied_at',
      'a.closed_at',
      'a.rating',
      'a.rated_at',
    ])
    .where('l.user_id', '=', userId)
    .where((eb) =>
      eb.or([
        eb.and([eb('a.state', '=', 'closed'), eb('a.closed_at', '>=', start), eb('a.closed_at', '<', end)]),
        eb.and([eb('a.rating', 'is not', null), eb('a.rated_at', '>=', start), eb('a.rated_at', '<', end)]),
      ]),
    )
    .orderBy('a.id')
    .execute();
}

/** Early warnings raised in the period on the cadre's enterprises; null without the early-warning module. */
export async function warningsOf(db: Db, userId: number, start: Date, end: Date) {
  const exists = await sql<{ t: string | null }>`select to_regclass('enterprise_warnings')::text as t`.execute(db);
  if (!exists.rows[0]?.t) return null;
  const r = await sql<{ id: number; enterprise_id: number; enterprise: string; level: string; status: string; created_at: Date }>`
    select w.id, w.enterprise_id, e.name as enterprise, w.level, w.status, w.created_at
    from enterprise_warnings w
    join liaisons l on l.enterprise_id = w.enterprise_id and l.ended_at is null
    join enterprises e on e.id = w.enterprise_id
    where l.user_id = ${userId} and w.created_at >= ${start} and w.created_at < ${end}
    order by w.created_at, w.id`.execute(db);
  return r.rows;
}
