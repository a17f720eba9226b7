import { sql, type ExpressionBuilder } from 'kysely';
import type { z } from 'zod';
import type { DB, Db } from '../../platform/db/index.ts';
import type { EnterprisesTable } from '../../platform/db/schema.ts';
import type { LiaisonTier } from '../../platform/db/schema-liaison.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Actor, SessionUser } from '../../platform/http/access.ts';
import { addDays, shanghaiDate, weekday } from '../calendar/working-days.ts';
import { instants } from '../appeal-stats/period.ts';
import { OPEN_STATES } from '../appeals/workflow.ts';
import { submit } from '../appeals/intake.ts';
import { submitBody } from '../appeals/schemas.ts';
import type { AppealDeps } from '../appeals/service.ts';
import type { bulkAssignBody, coverageQuery, enterpriseFilter, logBody, planBody } from './schemas.ts';

/** Staff who organise the network. */
export const OFFICE_STAFF = ['coordinator', 'admin'] as const;
const OFFICE_VIEWERS = new Set(['coordinator', 'leader', 'admin']);

function filtered(db: Db, f: z.output<typeof enterpriseFilter>) {
  let q = db.selectFrom('enterprises as e').where('e.status', '=', 'active');
  if (f.keyOnly) q = q.where('e.is_key', '=', true);
  if (f.streetId) q = q.where('e.street_id', '=', f.streetId);
  if (f.industry) q = q.where('e.industry_code', 'like', `${f.industry}%`);
  if (f.scale) q = q.where('e.scale', '=', f.scale);
  if (f.tag) {
    const tag = f.tag;
    q = q.where((eb) => eb.exists(eb.selectFrom('enterprise_tags as t').select('t.tag').whereRef('t.enterprise_id', '=', 'e.id').where('t.tag', '=', tag)));
  }
  return q;
}

async function assignableUsers(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  const rows = await db.selectFrom('users').select(['id', 'display_name', 'role', 'active']).where('id', 'in', ids).execute();
  const found = new Map(rows.filter((u) => u.active && u.role !== 'enterprise').map((u) => [u.id, u.display_name]));
  for (const id of ids) if (!found.has(id)) throw AppError.validation('userIds', `用户 ${id} 不存在、已停用或不是工作人员`);
  return found;
}

/** Ends the active assignment (kept as history) and starts the new one, in the caller's transaction. */
async function reassign(tx: Db, enterpriseId: number, userId: number, tier: LiaisonTier, by: number | null, now: Date): Promise<void> {
  await tx.updateTable('liaisons').set({ ended_at: now }).where('enterprise_id', '=', enterpriseId).where('ended_at', 'is', null).execute();
  await tx.insertInto('liaisons').values({ enterprise_id: enterpriseId, user_id: userId, tier, assigned_by: by, assigned_at: now }).execute();
}

export async function bulkAssign(db: Db, user: SessionUser, actor: Actor, input: z.output<typeof bulkAssignBody>) {
  await assignableUsers(db, input.userIds);
  let q = filtered(db, input.filter);
  const all = await q.select('e.id').orderBy('e.id').execute();
  if (input.onlyUnassigned) q = q.where((eb) => eb.not(eb.exists(eb.selectFrom('liaisons as l').select('l.id').whereRef('l.enterprise_id', '=', 'e.id').where('l.ended_at', 'is', null))));
  const targets = input.onlyUnassigned ? await q.select('e.id').orderBy('e.id').execute() : all;
  const now = new Date();
  await db.transaction().execute(async (tx) => {
    for (let i = 0; i < targets.length; i++) await reassign(tx, targets[i]!.id, input.userIds[i % input.userIds.length]!, input.tier, user.id, now);
    await recordAudit(tx, actor, { action: 'liaison.bulk_assign', entityType: 'liaison', entityId: null, after: { filter: input.filter, tier: input.tier, userIds: input.userIds, assigned: targets.length } });
  });
  return { matched: all.length, assigned: targets.length, skipped: all.length - targets.length };
}

export async function assignOne(db: Db, user: SessionUser, actor: Actor, enterpriseId: number, userId: number, tier: LiaisonTier): Promise<void> {
  await assignableUsers(db, [userId]);
  const e = await db.selectFrom('enterprises').select('id').where('id', '=', enterpriseId).executeTakeFirst();
  if (!e) throw AppError.notFound('企业');
  await db.transaction().execute(async (tx) => {
    await reassign(tx, enterpriseId, userId, tier, user.id, new Date());
    await recordAudit(tx, actor, { action: 'liaison.assign', entityType: 'enterprise', entityId: enterpriseId, after: { userId, tier } });
  });
}

export async function endAssignment(db: Db, actor: Actor, enterpriseId: number): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const r = await tx.updateTable('liaisons').set({ ended_at: new Date() }).where('enterprise_id', '=', enterpriseId).where('ended_at', 'is', null).executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw AppError.notFound('挂点关系');
    await recordAudit(tx, actor, { action: 'liaison.end', entityType: 'enterprise', entityId: enterpriseId });
  });
}

/** An enterprise's liaison now and before, and its visits. */
export async function enterpriseLiaison(db: Db, enterpriseId: number) {
  const rows = await db
    .selectFrom('liaisons as l')
    .innerJoin('users as u', 'u.id', 'l.user_id')
    .select(['l.user_id', 'u.display_name', 'l.tier', 'l.assigned_at', 'l.ended_at'])
    .where('l.enterprise_id', '=', enterpriseId)
    .orderBy('l.assigned_at', 'desc')
    .orderBy('l.id', 'desc')
    .execute();
  const toRef = (r: (typeof rows)[number]) => ({ userId: r.user_id, name: r.display_name, tier: r.tier, assignedAt: r.assigned_at.toISOString(), endedAt: r.ended_at?.toISOString() ?? null });
  const current = rows.find((r) => r.ended_at === null);
  return { current: current ? toRef(current) : null, history: rows.filter((r) => r.ended_at !== null).map(toRef), visits: await visits(db, { enterpriseId }) };
}

export async function coverage(db: Db, q: z.output<typeof coverageQuery>) {
  const active = (eb: ExpressionBuilder<DB & { e: EnterprisesTable }, 'e'>) =>
    eb.exists(eb.selectFrom('liaisons as l').select('l.id').whereRef('l.enterprise_id', '=', 'e.id').where('l.ended_at', 'is', null));
  const base = filtered(db, { keyOnly: true });
  const [streets, tiers, uncovered, total] = await Promise.all([
    base
      .leftJoin('streets as s', 's.id', 'e.street_id')
      .select((eb) => ['e.street_id', eb.fn.max('s.name').as('name'), eb.fn.countAll<number>().as('n'), eb.fn.count<number>('e.id').filterWhere(active).as('covered')])
      .groupBy('e.street_id')
      .orderBy('e.street_id')
      .execute(),
    db
      .selectFrom('liaisons')
      .select((eb) => ['tier', eb.fn.countAll<number>().as('n'), eb.fn.count<number>('user_id').distinct().as('cadres')])
      .where('ended_at', 'is', null)
      .groupBy('tier')
      .execute(),
    (q.streetId ? base.where('e.street_id', '=', q.streetId) : base)
      .where((eb) => eb.not(active(eb)))
      .leftJoin('streets as s', 's.id', 'e.street_id')
      .select(['e.id', 'e.name', 'e.uscc', 's.name as street_name', 'e.industry_code', 'e.scale'])
      .orderBy('e.id')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    (q.streetId ? base.where('e.street_id', '=', q.streetId) : base)
      .where((eb) => eb.not(active(eb)))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  const byStreet = streets.map((s) => ({ streetId: s.street_id, name: s.name ?? '（未划分街道）', keyEnterprises: Number(s.n), covered: Number(s.covered), uncovered: Number(s.n) - Number(s.covered) }));
  const totals = byStreet.reduce((a, s) => ({ keyEnterprises: a.keyEnterprises + s.keyEnterprises, covered: a.covered + s.covered, uncovered: a.uncovered + s.uncovered }), { keyEnterprises: 0, covered: 0, uncovered: 0 });
  const order: LiaisonTier[] = ['leader', 'department_head', 'special_group'];
  return {
    totals,
    byStreet,
    byTier: order.map((tier) => {
      const t = tiers.find((r) => r.tier === tier);
      return { tier, enterprises: Number(t?.n ?? 0), cadres: Number(t?.cadres ?? 0) };
    }),
    uncovered: {
      items: uncovered.map((e) => ({ id: e.id, name: e.name, uscc: e.uscc, streetName: e.street_name, industryCode: e.industry_code, scale: e.scale })),
      total: Number(total.n),
    },
  };
}

export async function myEnterprises(db: Db, userId: number) {
  const rows = await db
    .selectFrom('liaisons as l')
    .innerJoin('enterprises as e', 'e.id', 'l.enterprise_id')
    .leftJoin('streets as s', 's.id', 'e.street_id')
    .select((eb) => [
      'e.id', 'e.name', 'e.uscc', 's.name as street_name', 'l.tier',
      eb.selectFrom('appeals as a').select((x) => x.fn.countAll<number>().as('n')).whereRef('a.enterprise_id', '=', 'e.id').where('a.state', 'in', OPEN_STATES).as('open_appeals'),
      eb.selectFrom('liaison_visits as v').select((x) => x.fn.max('v.visited_on').as('d')).whereRef('v.enterprise_id', '=', 'e.id').where('v.status', '=', 'done').as('last_visit'),
      eb.selectFrom('liaison_visits as v').select((x) => x.fn.min('v.planned_on').as('d')).whereRef('v.enterprise_id', '=', 'e.id').where('v.status', '=', 'planned').as('next_planned'),
    ])
    .where('l.user_id', '=', userId)
    .where('l.ended_at', 'is', null)
    .orderBy('e.name')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, uscc: r.uscc, streetName: r.street_name, tier: r.tier, openAppeals: Number(r.open_appeals ?? 0), lastVisitOn: r.last_visit ?? null, nextPlannedOn: r.next_planned ?? null }));
}

async function assertLiaisonOf(db: Db, user: SessionUser, enterpriseId: number): Promise<void> {
  const l = await db.selectFrom('liaisons').select('id').where('enterprise_id', '=', enterpriseId).where('user_id', '=', user.id).where('ended_at', 'is', null).executeTakeFirst();
  if (!l) throw AppError.forbidden('该企业不是您的挂点企业');
}

/** Whose visits a user may see: their own, or anyone's for the office. */
export function subjectOf(user: SessionUser, userId: number | undefined): number | undefined {
  if (OFFICE_VIEWERS.has(user.role)) return userId;
  if (userId !== undefined && userId !== user.id) throw AppError.forbidden('只能查看自己的走访');
  return user.id;
}

export async function planVisit(db: Db, user: SessionUser, actor: Actor, input: z.output<typeof planBody>): Promise<number> {
  await assertLiaisonOf(db, user, input.enterpriseId);
  return db.transaction().execute(async (tx) => {
    const row = await tx.insertInto('liaison_visits').values({ enterprise_id: input.enterpriseId, user_id: user.id, planned_on: input.plannedOn, status: 'planned', purpose: input.purpose }).returning('id').executeTakeFirstOrThrow();
    await recordAudit(tx, actor, { action: 'liaison.plan_visit', entityType: 'liaison_visit', entityId: row.id, after: input });
    return row.id;
  });
}

type VisitFilter = { userId?: number | undefined; enterpriseId?: number | undefined; status?: 'planned' | 'done' | 'cancelled' | undefined; ids?: number[]; visitedFrom?: string; visitedTo?: string; plannedFrom?: string; plannedTo?: string };

export async function visits(db: Db, f: VisitFilter) {
  let q = db
    .selectFrom('liaison_visits as v')
    .innerJoin('enterprises as e', 'e.id', 'v.enterprise_id')
    .innerJoin('users as u', 'u.id', 'v.user_id')
    .select(['v.id', 'v.enterprise_id', 'e.name as enterprise_name', 'v.user_id', 'u.display_name', 'v.status', 'v.planned_on', 'v.visited_on', 'v.purpose', 'v.people_met', 'v.notes']);
  if (f.userId !== undefined) q = q.where('v.user_id', '=', f.userId);
  if (f.enterpriseId !== undefined) q = q.where('v.enterprise_id', '=', f.enterpriseId);
  if (f.status) q = q.where('v.status', '=', f.status);
  if (f.ids) q = f.ids.length ? q.where('v.id', 'in', f.ids) : q.where(sql<boolean>`false`);
  if (f.visitedFrom) q = q.where('v.visited_on', '>=', f.visitedFrom);
  if (f.visitedTo) q = q.where('v.visited_on', '<=', f.visitedTo);
  if (f.plannedFrom) q = q.where('v.planned_on', '>=', f.plannedFrom);
  if (f.plannedTo) q = q.where('v.planned_on', '<=', f.plannedTo);
  const rows = await q.orderBy(sql`coalesce(v.visited_on, v.planned_on)`, 'desc').orderBy('v.id', 'desc').limit(500).execute();
  const needs = rows.length
    ? await db
        .selectFrom('liaison_needs as n')
        .leftJoin('appeals as a', 'a.id', 'n.appeal_id')
        .select(['n.id', 'n.visit_id', 'n.description', 'n.resolution', 'n.note', 'a.id as appeal_id', 'a.number', 'a.state'])
        .where('n.visit_id', 'in', rows.map((r) => r.id))
        .orderBy('n.id')
        .execute()
    : [];
  return rows.map((r) => ({
    id: r.id,
    enterprise: { id: r.enterprise_id, name: r.enterprise_name },
    cadre: { id: r.user_id, name: r.display_name },
    status: r.status,
    plannedOn: r.planned_on,
    visitedOn: r.visited_on,
    purpose: r.purpose,
    peopleMet: r.people_met,
    notes: r.notes,
    needs: needs
      .filter((n) => n.visit_id === r.id)
      .map((n) => ({ id: n.id, description: n.description, resolution: n.resolution, note: n.note, appeal: n.appeal_id !== null ? { id: n.appeal_id, number: n.number!, state: n.state as never } : null })),
  }));
}

/**
 * Logs a visit (new, or a planned one done). Each need found either becomes an appeal filed
 * through the cadre (channel `visit`, the one way in) or is recorded as handled on the spot.
 */
export async function logVisit(deps: AppealDeps, user: SessionUser, actor: Actor, input: z.output<typeof logBody>) {
  const db = deps.db;
  await assertLiaisonOf(db, user, input.enterpriseId);
  if (input.visitedOn > shanghaiDate(new Date())) throw AppError.validation('visitedOn', '走访日期不能晚于今天');
  // Every appeal is checked before anything is written.
  const appeals = input.needs.map((n, i) => {
    if (n.resolution !== 'appeal') return null;
    const title = n.title && n.title.length >= 4 ? n.title : `走访发现：${n.description.slice(0, 20)}`;
    const description = n.description.length >= 10 ? n.description : `${n.description}（挂点走访 ${input.visitedOn} 发现）`;
    const parsed = submitBody.safeParse({ title, description, channel: 'visit', enterpriseId: input.enterpriseId, serviceItemId: n.serviceItemId });
    if (!parsed.success) throw AppError.validation(`needs.${i}`, parsed.error.issues[0]?.message ?? '需求无法转为诉求');
    return parsed.data;
  });
  const visitId = await db.transaction().execute(async (tx) => {
    let id = input.visitId;
    if (id !== undefined) {
      const v = await tx.selectFrom('liaison_visits').select(['user_id', 'enterprise_id', 'status']).where('id', '=', id).forUpdate().executeTakeFirst();
      if (!v || v.user_id !== user.id) throw AppError.notFound('走访计划');
      if (v.status !== 'planned' || v.enterprise_id !== input.enterpriseId) throw AppError.conflict('该走访计划已完成或不属于此企业');
      await tx.updateTable('liaison_visits').set({ status: 'done', visited_on: input.visitedOn, people_met: input.peopleMet, notes: input.notes, updated_at: new Date() }).where('id', '=', id).execute();
    } else {
      id = (await tx.insertInto('liaison_visits').values({ enterprise_id: input.enterpriseId, user_id: user.id, status: 'done', visited_on: input.visitedOn, people_met: input.peopleMet, notes: input.notes }).returning('id').executeTakeFirstOrThrow()).id;
    }
    await recordAudit(tx, actor, { action: 'liaison.log_visit', entityType: 'liaison_visit', entityId: id, after: { enterpriseId: input.enterpriseId, visitedOn: input.visitedOn, needs: input.needs.length } });
    return id;
  });
  for (let i = 0; i < input.needs.length; i++) {
    const n = input.needs[i]!;
    const body = appeals[i];
    // The key makes a retried request give back the same appeal.
    const filed = body ? await submit(deps, user, actor, body, `visit-${visitId}-need-${i}`) : null;
    await db.insertInto('liaison_needs').values({ visit_id: visitId, description: n.description, resolution: n.resolution, appeal_id: filed?.id ?? null, note: n.note ?? null }).execute();
  }
  const [visit] = await visits(db, { ids: [visitId] });
  return visit!;
}

export async function cancelVisit(db: Db, user: SessionUser, actor: Actor, id: number): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const r = await tx.updateTable('liaison_visits').set({ status: 'cancelled', updated_at: new Date() }).where('id', '=', id).where('user_id', '=', user.id).where('status', '=', 'planned').executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw AppError.notFound('走访计划');
    await recordAudit(tx, actor, { action: 'liaison.cancel_visit', entityType: 'liaison_visit', entityId: id });
  });
}

/** Monday to Sunday around a date. */
export function weekOf(date: string): { from: string; to: string } {
  const from = addDays(date, -((weekday(date) + 6) % 7));
  return { from, to: addDays(from, 6) };
}

export async function weeklyReport(db: Db, userId: number, date: string) {
  const cadre = await db.selectFrom('users').select(['id', 'display_name']).where('id', '=', userId).executeTakeFirst();
  if (!cadre) throw AppError.notFound('干部');
  const { from, to } = weekOf(date);
  const done = await visits(db, { userId, status: 'done', visitedFrom: from, visitedTo: to });
  const next = await visits(db, { userId, status: 'planned', plannedFrom: addDays(to, 1), plannedTo: addDays(to, 7) });
  const appealIds = done.flatMap((v) => v.needs.flatMap((n) => (n.appeal ? [n.appeal.id] : [])));
  const appeals = appealIds.length
    ? await db.selectFrom('appeals as a').innerJoin('enterprises as e', 'e.id', 'a.enterprise_id').select(['a.id', 'a.number', 'a.title', 'e.name', 'a.state']).where('a.id', 'in', appealIds).orderBy('a.id').execute()
    : [];
  const needs = done.flatMap((v) => v.needs);
  return {
    cadre: { id: cadre.id, name: cadre.display_name },
    from,
    to,
    summary: {
      visits: done.length,
      enterprisesVisited: new Set(done.map((v) => v.enterprise.id)).size,
      needs: needs.length,
      onSpot: needs.filter((n) => n.resolution === 'on_spot').length,
      appealsFiled: appeals.length,
      appealsClosed: appeals.filter((a) => a.state === 'closed').length,
      plannedNext: next.length,
    },
    visits: done.reverse(),
    appeals: appeals.map((a) => ({ id: a.id, number: a.number, title: a.title, enterprise: a.name, state: a.state as never })),
    plannedNext: next.reverse(),
  };
}

/** The half month (1st–15th or 16th–end) around a date. */
export function halfMonthOf(date: string): { from: string; to: string } {
  const month = date.slice(0, 7);
  if (Number(date.slice(8)) <= 15) return { from: `${month}-01`, to: `${month}-15` };
  const nextMonth = addDays(`${month}-28`, 4).slice(0, 7);
  return { from: `${month}-16`, to: addDays(`${nextMonth}-01`, -1) };
}

/** The half-monthly briefing for the office: visits, needs and appeals from visits, by street and by unit. */
export async function briefing(db: Db, date: string) {
  const { from, to } = halfMonthOf(date);
  const { start, end } = instants({ from, to });
  const rows = await db
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
  type Acc = { visits: Set<number>; enterprises: Set<number>; needs: number; onSpot: number; appealsFiled: number; appealsClosed: number };
  const fresh = (): Acc => ({ visits: new Set(), enterprises: new Set(), needs: 0, onSpot: 0, appealsFiled: 0, appealsClosed: 0 });
  const add = (acc: Acc, r: (typeof rows)[number]) => {
    acc.visits.add(r.id);
    acc.enterprises.add(r.enterprise_id);
    if (r.need_id === null) return;
    acc.needs++;
    if (r.resolution === 'on_spot') acc.onSpot++;
    if (r.state !== null) acc.appealsFiled++;
    if (r.state === 'closed' && r.closed_at && r.closed_at >= start && r.closed_at < end) acc.appealsClosed++;
  };
  const total = fresh();
  const byStreet = new Map<string, Acc>();
  const byUnit = new Map<string, Acc>();
  for (const r of rows) {
    add(total, r);
    const s = r.street ?? '（未划分街道）';
    const u = r.unit ?? '（未设单位）';
    add(byStreet.get(s) ?? byStreet.set(s, fresh()).get(s)!, r);
    add(byUnit.get(u) ?? byUnit.set(u, fresh()).get(u)!, r);
  }
  const out = (a: Acc) => ({ visits: a.visits.size, enterprisesVisited: a.enterprises.size, needs: a.needs, onSpot: a.onSpot, appealsFiled: a.appealsFiled, appealsClosed: a.appealsClosed });
  const list = (m: Map<string, Acc>) => [...m].map(([name, a]) => ({ name, ...out(a) })).sort((x, y) => y.visits - x.visits || x.name.localeCompare(y.name, 'zh'));
  const cov = await coverage(db, { page: 1, pageSize: 1 });
  return { from, to, totals: { ...out(total), keyEnterprises: cov.totals.keyEnterprises, covered: cov.totals.covered }, byStreet: list(byStreet), byUnit: list(byUnit) };
}
