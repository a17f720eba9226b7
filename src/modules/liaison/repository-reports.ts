import { sql } from 'kysely';
import type { Role } from '../../platform/db/schema.ts';
import type { Db } from '../../platform/db/index.ts';

/** The service network's SQL for what is read back: reports, the assessment, the cadre list, the file's timeline. */

export async function staffName(db: Db, id: number) {
  return db.selectFrom('users').select(['id', 'display_name']).where('id', '=', id).executeTakeFirst();
}

export async function appealsByIds(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('appeals as a')
    .innerJoin('enterprises as e', 'e.id', 'a.enterprise_id')
    .select(['a.id', 'a.number', 'a.title', 'e.name', 'a.state'])
    .where('a.id', 'in', ids)
    .orderBy('a.id')
    .execute();
}

/** One row per (visit done in the period, need found), with the street, the cadre's unit and the appeal's state. */
export async function briefingRows(db: Db, from: string, to: string) {
  return db
    .selectFrom('liaison_visits as v')
    .innerJoin('enterprises as e', 'e.id', 'v.enterprise_id')
    .innerJoin('users as u', 'u.id', 'v.user_id')
    .leftJoin('streets as s', 's.id', 'e.street_id')
    .leftJoin('departments as d', 'd.id', 'u.department_id')
    .leftJoin('liaison_needs as n', 'n.visit_id', 'v.id')
    .leftJoin('appeals as a', 'a.id', 'n.appeal_id')
    .select(['v.id', 'v.enterprise_id', 's.name as street', 'd.name as unit', 'n.id as need_id', 'n.resolution', 'a.state', 'a.closed_at'])
    .where('v.status', '=', 'done')
    .where('v.visited_on', '>=', from)
    .where('v.visited_on', '<=', to)
    .execute();
}

/** Active staff who can be given enterprises, with how many they have now. */
export async function cadreList(db: Db, role: Role | undefined) {
  let q = db
    .selectFrom('users as u')
    .leftJoin('departments as d', 'd.id', 'u.department_id')
    .select((eb) => [
      'u.id',
      'u.display_name',
      'u.role',
      'd.name as unit',
      eb
        .selectFrom('liaisons as l')
        .select((x) => x.fn.countAll<number>().as('n'))
        .whereRef('l.user_id', '=', 'u.id')
        .where('l.ended_at', 'is', null)
        .as('n'),
    ])
    .where('u.active', '=', true)
    .where('u.role', '!=', 'enterprise');
  if (role) q = q.where('u.role', '=', role);
  return q.orderBy('u.role').orderBy('u.username').execute();
}

export async function visitsDoneOf(db: Db, enterpriseId: number, limit: number) {
  return db
    .selectFrom('liaison_visits as v')
    .innerJoin('users as u', 'u.id', 'v.user_id')
    .select(['v.id', 'v.visited_on', 'v.people_met', 'v.notes', 'u.display_name'])
    .where('v.enterprise_id', '=', enterpriseId)
    .where('v.status', '=', 'done')
    .orderBy('v.visited_on', 'desc')
    .limit(limit)
    .execute();
}

export async function settingsValue(db: Db, key: string): Promise<unknown> {
  return (await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst())?.value;
}

export async function saveSettings(db: Db, key: string, value: unknown): Promise<void> {
  const json = JSON.stringify(value);
  await db
    .insertInto('settings')
    .values({ key, value: json })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_at: new Date() }))
    .execute();
}

/**
 * Per cadre, the early warnings raised in the period on their enterprises and how many of them
 * were followed up (no longer open); null when this installation has no early-warning module.
 * Read with plain SQL so that the service network does not depend on that module's code.
 */
export async function warningFollowUps(db: Db, start: Date, end: Date): Promise<Map<number, { raised: number; followed: number }> | null> {
  const exists = await sql<{ t: string | null }>`select to_regclass('enterprise_warnings')::text as t`.execute(db);
  if (!exists.rows[0]?.t) return null;
  const r = await sql<{ user_id: number; raised: number; followed: number }>`
    select l.user_id, count(*)::int as raised, count(*) filter (where w.status <> 'open')::int as followed
    from enterprise_warnings w
    join liaisons l on l.enterprise_id = w.enterprise_id and l.ended_at is null
    where w.created_at >= ${start} and w.created_at < ${end}
    group by l.user_id`.execute(db);
  return new Map(r.rows.map((x) => [x.user_id, { raised: Number(x.raised), followed: Number(x.followed) }]));
}

/** Active staff with enterprises now: how many, and their visits planned (not cancelled) and done in the period. */
export async function cadreVisitCounts(db: Db, from: string, to: string) {
  return db
    .selectFrom('users as u')
    .leftJoin('departments as d', 'd.id', 'u.department_id')
    .select((eb) => [
      'u.id',
      'u.display_name',
      'u.department_id',
      'd.name as unit',
      eb
        .selectFrom('liaisons as l')
        .select((x) => x.fn.countAll<number>().as('n'))
        .whereRef('l.user_id', '=', 'u.id')
        .where('l.ended_at', 'is', null)
        .as('enterprises'),
      eb
        .selectFrom('liaison_visits as v')
        .select((x) => x.fn.countAll<number>().as('n'))
        .whereRef('v.user_id', '=', 'u.id')
        .where('v.status', '!=', 'cancelled')
        .where('v.planned_on', '>=', from)
        .where('v.planned_on', '<=', to)
        .as('planned'),
      eb
        .selectFrom('liaison_visits as v')
        .select((x) => x.fn.countAll<number>().as('n'))
        .whereRef('v.user_id', '=', 'u.id')
        .where('v.status', '=', 'done')
        .where('v.visited_on', '>=', from)
        .where('v.visited_on', '<=', to)
        .as('done'),
    ])
    .where('u.active', '=', true)
    .where((eb) =>
      eb.exists(eb.selectFrom('liaisons as l').select('l.id').whereRef('l.user_id', '=', 'u.id').where('l.ended_at', 'is', null)),
    )
    .orderBy('u.id')
    .execute();
}

/** Per cadre, the appeals of their enterprises closed (and closed on time) and rated (and satisfied) in the period. */
export async function appealCounts(db: Db, start: Date, end: Date) {
  return db
    .selectFrom('appeals as a')
    .innerJoin('liaisons as l', (j) => j.onRef('l.enterprise_id', '=', 'a.enterprise_id').on('l.ended_at', 'is', null))
    .select((eb) => [
      'l.user_id',
      eb.fn
        .count<number>('a.id')
        .filterWhere((x) => x.and([x('a.state', '=', 'closed'), x('a.closed_at', '>=', start), x('a.closed_at', '<', end)]))
        .as('closed'),
      eb.fn
        .count<number>('a.id')
        .filterWhere((x) =>
          x.and([
            x('a.state', '=', 'closed'),
            x('a.closed_at', '>=', start),
            x('a.closed_at', '<', end),
            x.or([x('a.on_spot', '=', true), x('a.deadline_at', 'is', null), x('a.replied_at', '<=', x.ref('a.deadline_at'))]),
          ]),
        )
        .as('on_time'),
      eb.fn
        .count<number>('a.id')
        .filterWhere((x) => x.and([x('a.rating', 'is not', null), x('a.rated_at', '>=', start), x('a.rated_at', '<', end)]))
        .as('rated'),
      eb.fn
        .count<number>('a.id')
        .filterWhere((x) => x.and([x('a.rating', '>=', 4), x('a.rated_at', '>=', start), x('a.rated_at', '<', end)]))
        .as('satisfied'),
      // For the mean rating shown beside the satisfaction term (the term itself counts 4–5 stars).
      eb.fn
        .sum<number>('a.rating')
        .filterWhere((x) => x.and([x('a.rating', 'is not', null), x('a.rated_at', '>=', start), x('a.rated_at', '<', end)]))
        .as('rating_sum'),
    ])
    .groupBy('l.user_id')
    .execute();
}
