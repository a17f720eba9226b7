import { sql, type ExpressionBuilder } from 'kysely';
import type { z } from 'zod';
import type { DB, Db } from '../../platform/db/index.ts';
import type { EnterprisesTable } from '../../platform/db/schema.ts';
import type { LiaisonTier } from '../../platform/db/schema-liaison.ts';
import { OPEN_STATES } from '../appeals/workflow.ts';
import type { coverageQuery, enterpriseFilter } from './schemas.ts';

/** The service network's SQL: assignments, coverage and visits (reports are in repository-reports.ts). */
type EnterpriseFilter = z.output<typeof enterpriseFilter>;

function filtered(db: Db, f: EnterpriseFilter) {
  let q = db.selectFrom('enterprises as e').where('e.status', '=', 'active');
  if (f.keyOnly) q = q.where('e.is_key', '=', true);
  if (f.streetId) q = q.where('e.street_id', '=', f.streetId);
  if (f.industry) q = q.where('e.industry_code', 'like', `${f.industry}%`);
  if (f.scale) q = q.where('e.scale', '=', f.scale);
  if (f.tag) {
    const tag = f.tag;
    q = q.where((eb) =>
      eb.exists(eb.selectFrom('enterprise_tags as t').select('t.tag').whereRef('t.enterprise_id', '=', 'e.id').where('t.tag', '=', tag)),
    );
  }
  return q;
}

const hasLiaison = (eb: ExpressionBuilder<DB & { e: EnterprisesTable }, 'e'>) =>
  eb.exists(eb.selectFrom('liaisons as l').select('l.id').whereRef('l.enterprise_id', '=', 'e.id').where('l.ended_at', 'is', null));

/** The enterprises a filter matches, and those of them without a liaison. */
export async function matching(db: Db, f: EnterpriseFilter): Promise<{ all: number[]; unassigned: number[] }> {
  const rows = await filtered(db, f)
    .select((eb) => ['e.id', hasLiaison(eb).as('assigned')])
    .orderBy('e.id')
    .execute();
  return { all: rows.map((r) => r.id), unassigned: rows.filter((r) => !r.assigned).map((r) => r.id) };
}

export async function staffUsers(db: Db, ids: readonly number[]) {
  return db.selectFrom('users').select(['id', 'display_name', 'role', 'active']).where('id', 'in', ids).execute();
}

export async function enterpriseExists(db: Db, id: number): Promise<boolean> {
  return (await db.selectFrom('enterprises').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** The current liaison of each of these enterprises (locked, so that two reassignments queue up). */
export async function currentLiaisons(tx: Db, enterpriseIds: readonly number[]): Promise<Map<number, number>> {
  const map = new Map<number, number>();
  for (let i = 0; i < enterpriseIds.length; i += 5_000) {
    const rows = await tx
      .selectFrom('liaisons')
      .select(['enterprise_id', 'user_id'])
      .where('enterprise_id', 'in', enterpriseIds.slice(i, i + 5_000))
      .where('ended_at', 'is', null)
      .forUpdate()
      .execute();
    for (const r of rows) map.set(r.enterprise_id, r.user_id);
  }
  return map;
}

/** Ends the active assignments (kept as history) and starts the new ones, set-based. */
export async function reassign(
  tx: Db,
  rows: readonly { enterpriseId: number; userId: number }[],
  tier: LiaisonTier,
  by: number | null,
  now: Date,
): Promise<void> {
  for (let i = 0; i < rows.length; i += 5_000) {
    const chunk = rows.slice(i, i + 5_000);
    await tx
      .updateTable('liaisons')
      .set({ ended_at: now })
      .where(
        'enterprise_id',
        'in',
        chunk.map((r) => r.enterpriseId),
      )
      .where('ended_at', 'is', null)
      .execute();
    await tx
      .insertInto('liaisons')
      .values(chunk.map((r) => ({ enterprise_id: r.enterpriseId, user_id: r.userId, tier, assigned_by: by, assigned_at: now })))
      .execute();
  }
}

export async function endActive(tx: Db, enterpriseId: number, now: Date): Promise<number> {
  const r = await tx
    .updateTable('liaisons')
    .set({ ended_at: now })
    .where('enterprise_id', '=', enterpriseId)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function liaisonHistory(db: Db, enterpriseId: number) {
  return db
    .selectFrom('liaisons as l')
    .innerJoin('users as u', 'u.id', 'l.user_id')
    .select(['l.user_id', 'u.display_name', 'l.tier', 'l.assigned_at', 'l.ended_at'])
    .where('l.enterprise_id', '=', enterpriseId)
    .orderBy('l.assigned_at', 'desc')
    .orderBy('l.id', 'desc')
    .execute();
}

export async function isLiaisonOf(db: Db, userId: number, enterpriseId: number): Promise<boolean> {
  const l = await db
    .selectFrom('liaisons')
    .select('id')
    .where('enterprise_id', '=', enterpriseId)
    .where('user_id', '=', userId)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return l !== undefined;
}

/** Key enterprises per street (with how many have a liaison), per tier, and a page of the uncovered. */
export async function coverageRows(db: Db, q: z.output<typeof coverageQuery>) {
  const base = filtered(db, { keyOnly: true });
  const uncovered = (q.streetId ? base.where('e.street_id', '=', q.streetId) : base).where((eb) => eb.not(hasLiaison(eb)));
  const [streets, tiers, items, total] = await Promise.all([
    base
      .leftJoin('streets as s', 's.id', 'e.street_id')
      .select((eb) => [
        'e.street_id',
        eb.fn.max('s.name').as('name'),
        eb.fn.countAll<number>().as('n'),
        eb.fn.count<number>('e.id').filterWhere(hasLiaison).as('covered'),
      ])
      .groupBy('e.street_id')
      .orderBy('e.street_id')
      .execute(),
    db
      .selectFrom('liaisons')
      .select((eb) => ['tier', eb.fn.countAll<number>().as('n'), eb.fn.count<number>('user_id').distinct().as('cadres')])
      .where('ended_at', 'is', null)
      .groupBy('tier')
      .execute(),
    uncovered
      .leftJoin('streets as s', 's.id', 'e.street_id')
      .select(['e.id', 'e.name', 'e.uscc', 's.name as street_name', 'e.industry_code', 'e.scale'])
      .orderBy('e.id')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    uncovered.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { streets, tiers, items, total: Number(total.n) };
}

export async function myEnterprises(db: Db, userId: number) {
  return db
    .selectFrom('liaisons as l')
    .innerJoin('enterprises as e', 'e.id', 'l.enterprise_id')
    .leftJoin('streets as s', 's.id', 'e.street_id')
    .select((eb) => [
      'e.id',
      'e.name',
      'e.uscc',
      's.name as street_name',
      'l.tier',
      eb
        .selectFrom('appeals as a')
        .select((x) => x.fn.countAll<number>().as('n'))
        .whereRef('a.enterprise_id', '=', 'e.id')
        .where('a.state', 'in', OPEN_STATES)
        .as('open_appeals'),
      eb
        .selectFrom('liaison_visits as v')
        .select((x) => x.fn.max('v.visited_on').as('d'))
        .whereRef('v.enterprise_id', '=', 'e.id')
        .where('v.status', '=', 'done')
        .as('last_visit'),
      eb
        .selectFrom('liaison_visits as v')
        .select((x) => x.fn.min('v.planned_on').as('d'))
        .whereRef('v.enterprise_id', '=', 'e.id')
        .where('v.status', '=', 'planned')
        .as('next_planned'),
    ])
    .where('l.user_id', '=', userId)
    .where('l.ended_at', 'is', null)
    .orderBy('e.name')
    .execute();
}

export type VisitFilter = {
  userId?: number | undefined;
  enterpriseId?: number | undefined;
  status?: 'planned' | 'done' | 'cancelled' | undefined;
  ids?: number[];
  visitedFrom?: string;
  visitedTo?: string;
  plannedFrom?: string;
  plannedTo?: string;
};

/** Visits (newest first, at most 500) and the needs found on them. */
export async function visitRows(db: Db, f: VisitFilter) {
  let q = db
    .selectFrom('liaison_visits as v')
    .innerJoin('enterprises as e', 'e.id', 'v.enterprise_id')
    .innerJoin('users as u', 'u.id', 'v.user_id')
    .select([
      'v.id',
      'v.enterprise_id',
      'e.name as enterprise_name',
      'v.user_id',
      'u.display_name',
      'v.status',
      'v.planned_on',
      'v.visited_on',
      'v.purpose',
      'v.people_met',
      'v.notes',
    ]);
  if (f.userId !== undefined) q = q.where('v.user_id', '=', f.userId);
  if (f.enterpriseId !== undefined) q = q.where('v.enterprise_id', '=', f.enterpriseId);
  if (f.status) q = q.where('v.status', '=', f.status);
  if (f.ids) q = f.ids.length ? q.where('v.id', 'in', f.ids) : q.where(sql<boolean>`false`);
  if (f.visitedFrom) q = q.where('v.visited_on', '>=', f.visitedFrom);
  if (f.visitedTo) q = q.where('v.visited_on', '<=', f.visitedTo);
  if (f.plannedFrom) q = q.where('v.planned_on', '>=', f.plannedFrom);
  if (f.plannedTo) q = q.where('v.planned_on', '<=', f.plannedTo);
  const visits = await q
    .orderBy(sql`coalesce(v.visited_on, v.planned_on)`, 'desc')
    .orderBy('v.id', 'desc')
    .limit(500)
    .execute();
  const needs = visits.length
    ? await db
        .selectFrom('liaison_needs as n')
        .leftJoin('appeals as a', 'a.id', 'n.appeal_id')
        .select(['n.id', 'n.visit_id', 'n.description', 'n.resolution', 'n.note', 'a.id as appeal_id', 'a.number', 'a.state'])
        .where(
          'n.visit_id',
          'in',
          visits.map((r) => r.id),
        )
        .orderBy('n.id')
        .execute()
    : [];
  return { visits, needs };
}

export async function insertPlannedVisit(
  tx: Db,
  v: { enterpriseId: number; userId: number; plannedOn: string; purpose: string },
): Promise<number> {
  const row = await tx
    .insertInto('liaison_visits')
    .values({ enterprise_id: v.enterpriseId, user_id: v.userId, planned_on: v.plannedOn, status: 'planned', purpose: v.purpose })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function lockVisit(tx: Db, id: number) {
  return tx.selectFrom('liaison_visits').select(['user_id', 'enterprise_id', 'status']).where('id', '=', id).forUpdate().executeTakeFirst();
}

type Done = { visitedOn: string; peopleMet: string; notes: string };

export async function markVisitDone(tx: Db, id: number, d: Done): Promise<void> {
  await tx
    .updateTable('liaison_visits')
    .set({ status: 'done', visited_on: d.visitedOn, people_met: d.peopleMet, notes: d.notes, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function insertDoneVisit(tx: Db, enterpriseId: number, userId: number, d: Done): Promise<number> {
  const row = await tx
    .insertInto('liaison_visits')
    .values({
      enterprise_id: enterpriseId,
      user_id: userId,
      status: 'done',
      visited_on: d.visitedOn,
      people_met: d.peopleMet,
      notes: d.notes,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertNeed(
  tx: Db,
  n: { visitId: number; description: string; resolution: 'appeal' | 'on_spot'; appealId: number | null; note: string | null },
): Promise<void> {
  await tx
    .insertInto('liaison_needs')
    .values({ visit_id: n.visitId, description: n.description, resolution: n.resolution, appeal_id: n.appealId, note: n.note })
    .execute();
}

export async function cancelPlanned(tx: Db, id: number, userId: number): Promise<boolean> {
  const r = await tx
    .updateTable('liaison_visits')
    .set({ status: 'cancelled', updated_at: new Date() })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('status', '=', 'planned')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
