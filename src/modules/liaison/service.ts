import type { z } from 'zod';
import type { Db, Tx } from '../../platform/db/index.ts';
import type { LiaisonTier } from '../../platform/db/schema-liaison.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Actor, SessionUser } from '../../platform/http/access.ts';
import { addDays, shanghaiDate, weekday } from '../calendar/working-days.ts';
import { instants } from '../appeal-stats/period.ts';
import { submit } from '../appeals/intake.ts';
import { submitBody } from '../appeals/schemas.ts';
import type { AppealDeps } from '../appeals/service.ts';
import { runReassignmentHooks } from './hooks.ts';
import { joined } from './joined.ts';
import * as repo from './repository.ts';
import * as reports from './repository-reports.ts';
import type { bulkAssignBody, coverageQuery, logBody, planBody } from './schemas.ts';

/** Staff who organise the network: they assign, and may log a visit to any enterprise. */
export const OFFICE_STAFF = ['coordinator', 'admin'] as const;
const OFFICE_VIEWERS = new Set(['coordinator', 'leader', 'admin']);
const isOffice = (user: SessionUser) => (OFFICE_STAFF as readonly string[]).includes(user.role);

async function assertAssignable(db: Db, ids: readonly number[]): Promise<void> {
  const rows = await repo.staffUsers(db, ids);
  const found = new Set(rows.filter((u) => u.active && u.role !== 'enterprise').map((u) => u.id));
  for (const id of ids) if (!found.has(id)) throw AppError.validation('userIds', `用户 ${id} 不存在、已停用或不是工作人员`);
}

/**
 * Gives each enterprise its new liaison (the old assignment ends and stays as history) and lets
 * the other modules follow (open warnings move to the new cadre), in the caller's transaction.
 */
async function reassign(
  tx: Tx,
  actor: Actor,
  targets: readonly { enterpriseId: number; userId: number }[],
  tier: LiaisonTier,
  by: number,
): Promise<void> {
  const before = await repo.currentLiaisons(
    tx,
    targets.map((t) => t.enterpriseId),
  );
  await repo.reassign(tx, targets, tier, by, new Date());
  const changes = targets
    .map((t) => ({ enterpriseId: t.enterpriseId, fromUserId: before.get(t.enterpriseId) ?? null, toUserId: t.userId }))
    .filter((c) => c.fromUserId !== c.toUserId);
  await runReassignmentHooks(tx, changes, actor);
}

export async function bulkAssign(db: Db, user: SessionUser, actor: Actor, input: z.output<typeof bulkAssignBody>) {
  await assertAssignable(db, input.userIds);
  return db.transaction().execute(async (tx) => {
    const { all, unassigned } = await repo.matching(tx, input.filter);
    const ids = input.onlyUnassigned ? unassigned : all;
    const targets = ids.map((enterpriseId, i) => ({ enterpriseId, userId: input.userIds[i % input.userIds.length]! }));
    await reassign(tx, actor, targets, input.tier, user.id);
    await recordAudit(tx, actor, {
      action: 'liaison.bulk_assign',
      entityType: 'liaison',
      entityId: null,
      after: { filter: input.filter, tier: input.tier, userIds: input.userIds, assigned: targets.length },
    });
    return { matched: all.length, assigned: targets.length, skipped: all.length - targets.length };
  });
}

export async function assignOne(
  db: Db,
  user: SessionUser,
  actor: Actor,
  enterpriseId: number,
  userId: number,
  tier: LiaisonTier,
): Promise<void> {
  await assertAssignable(db, [userId]);
  if (!(await repo.enterpriseExists(db, enterpriseId))) throw AppError.notFound('企业');
  await db.transaction().execute(async (tx) => {
    await reassign(tx, actor, [{ enterpriseId, userId }], tier, user.id);
    await recordAudit(tx, actor, { action: 'liaison.assign', entityType: 'enterprise', entityId: enterpriseId, after: { userId, tier } });
  });
}

export async function endAssignment(db: Db, actor: Actor, enterpriseId: number): Promise<void> {
  await db.transaction().execute(async (tx) => {
    if ((await repo.endActive(tx, enterpriseId, new Date())) === 0) throw AppError.notFound('挂点关系');
    await recordAudit(tx, actor, { action: 'liaison.end', entityType: 'enterprise', entityId: enterpriseId });
  });
}

/** An enterprise's liaison now and before, and its visits. */
export async function enterpriseLiaison(db: Db, enterpriseId: number) {
  const rows = await repo.liaisonHistory(db, enterpriseId);
  const toRef = (r: (typeof rows)[number]) => ({
    userId: r.user_id,
    name: r.display_name,
    tier: r.tier,
    assignedAt: r.assigned_at.toISOString(),
    endedAt: r.ended_at?.toISOString() ?? null,
  });
  const current = rows.find((r) => r.ended_at === null);
  return {
    current: current ? toRef(current) : null,
    history: rows.filter((r) => r.ended_at !== null).map(toRef),
    visits: await visits(db, { enterpriseId }),
  };
}

export async function coverage(db: Db, q: z.output<typeof coverageQuery>) {
  const { streets, tiers, items, total } = await repo.coverageRows(db, q);
  const byStreet = streets.map((s) => ({
    streetId: s.street_id,
    name: s.name ?? '（未划分街道）',
    keyEnterprises: Number(s.n),
    covered: Number(s.covered),
    uncovered: Number(s.n) - Number(s.covered),
  }));
  const totals = byStreet.reduce(
    (a, s) => ({
      keyEnterprises: a.keyEnterprises + s.keyEnterprises,
      covered: a.covered + s.covered,
      uncovered: a.uncovered + s.uncovered,
    }),
    { keyEnterprises: 0, covered: 0, uncovered: 0 },
  );
  const order: LiaisonTier[] = ['leader', 'department_head', 'special_group'];
  return {
    totals,
    byStreet,
    byTier: order.map((tier) => {
      const t = tiers.find((r) => r.tier === tier);
      return { tier, enterprises: Number(t?.n ?? 0), cadres: Number(t?.cadres ?? 0) };
    }),
    uncovered: {
      items: items.map((e) => ({
        id: e.id,
        name: e.name,
        uscc: e.uscc,
        streetName: e.street_name,
        industryCode: e.industry_code,
        scale: e.scale,
      })),
      total,
    },
  };
}

export async function myEnterprises(db: Db, userId: number) {
  const rows = await repo.myEnterprises(db, userId);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    uscc: r.uscc,
    streetName: r.street_name,
    tier: r.tier,
    openAppeals: Number(r.open_appeals ?? 0),
    lastVisitOn: r.last_visit ?? null,
    nextPlannedOn: r.next_planned ?? null,
  }));
}

async function assertLiaisonOf(db: Db, user: SessionUser, enterpriseId: number): Promise<void> {
  if (!(await repo.isLiaisonOf(db, user.id, enterpriseId))) throw AppError.forbidden('该企业不是您的挂点企业');
}

/** Whose visits a user may see: their own, or anyone's for the office. */
export function subjectOf(user: SessionUser, userId: number | undefined): number | undefined {
  if (OFFICE_VIEWERS.has(user.role)) return userId;
  if (userId !== undefined && userId !== user.id) throw AppError.forbidden('只能查看自己的走访');
  return user.id;
}

export async function planVisit(db: Db, user: SessionUser, actor: Actor, input: z.output<typeof planBody>): Promise<number> {
  return db.transaction().execute(async (tx) => {
    await assertLiaisonOf(tx, user, input.enterpriseId);
    const id = await repo.insertPlannedVisit(tx, {
      enterpriseId: input.enterpriseId,
      userId: user.id,
      plannedOn: input.plannedOn,
      purpose: input.purpose,
    });
    await recordAudit(tx, actor, { action: 'liaison.plan_visit', entityType: 'liaison_visit', entityId: id, after: input });
    return id;
  });
}

export async function visits(db: Db, f: repo.VisitFilter) {
  const { visits: rows, needs } = await repo.visitRows(db, f);
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
      .map((n) => ({
        id: n.id,
        description: n.description,
        resolution: n.resolution,
        note: n.note,
        appeal: n.appeal_id !== null ? { id: n.appeal_id, number: n.number!, state: n.state as never } : null,
      })),
  }));
}

/**
 * Logs a visit (new, or a planned one done) as one guarded use-case. The enterprise's liaison
 * logs it (the office — coordinator, admin — may log a visit it made to any enterprise); each need
 * found either becomes an appeal filed through the visitor by the appeal intake (channel `visit`,
 * the one way in) or is recorded as handled on the spot. Visit, needs, appeals and audit rows are
 * written in one transaction: a need that cannot be filed leaves nothing behind.
 */
export async function logVisit(deps: AppealDeps, user: SessionUser, actor: Actor, input: z.output<typeof logBody>) {
  const db = deps.db;
  if (input.visitedOn > shanghaiDate(new Date())) throw AppError.validation('visitedOn', '走访日期不能晚于今天');
  const appeals = input.needs.map((n, i) => {
    if (n.resolution !== 'appeal') return null;
    const title = n.title && n.title.length >= 4 ? n.title : `走访发现：${n.description.slice(0, 20)}`;
    const description = n.description.length >= 10 ? n.description : `${n.description}（挂点走访 ${input.visitedOn} 发现）`;
    const parsed = submitBody.safeParse({
      title,
      description,
      channel: 'visit',
      enterpriseId: input.enterpriseId,
      serviceItemId: n.serviceItemId,
    });
    if (!parsed.success) throw AppError.validation(`needs.${i}`, parsed.error.issues[0]?.message ?? '需求无法转为诉求');
    return parsed.data;
  });
  const visitId = await db.transaction().execute(async (tx) => {
    if (!isOffice(user)) await assertLiaisonOf(tx, user, input.enterpriseId);
    else if (!(await repo.enterpriseExists(tx, input.enterpriseId))) throw AppError.validation('enterpriseId', '企业不存在');
    const done = { visitedOn: input.visitedOn, peopleMet: input.peopleMet, notes: input.notes };
    let id = input.visitId;
    if (id !== undefined) {
      const v = await repo.lockVisit(tx, id);
      if (!v || v.user_id !== user.id) throw AppError.notFound('走访计划');
      if (v.status !== 'planned' || v.enterprise_id !== input.enterpriseId) throw AppError.conflict('该走访计划已完成或不属于此企业');
      await repo.markVisitDone(tx, id, done);
    } else {
      id = await repo.insertDoneVisit(tx, input.enterpriseId, user.id, done);
    }
    const inTx: AppealDeps = { ...deps, db: joined(tx) };
    const filed: string[] = [];
    for (let i = 0; i < input.needs.length; i++) {
      const n = input.needs[i]!;
      const body = appeals[i];
      let appealId: number | null = null;
      if (body) {
        try {
          // The key makes a retried request give back the same appeal.
          const a = await submit(inTx, user, actor, body, `visit-${id}-need-${i}`);
          appealId = a.id;
          filed.push(a.number);
        } catch (err) {
          // The intake names its own fields; the form's field is the need.
          if (err instanceof AppError && err.code === 'VALIDATION_FAILED') throw AppError.validation(`needs.${i}`, err.message);
          throw err;
        }
      }
      await repo.insertNeed(tx, { visitId: id, description: n.description, resolution: n.resolution, appealId, note: n.note ?? null });
    }
    await recordAudit(tx, actor, {
      action: 'liaison.log_visit',
      entityType: 'liaison_visit',
      entityId: id,
      after: {
        enterpriseId: input.enterpriseId,
        visitedOn: input.visitedOn,
        needs: input.needs.length,
        onSpot: input.needs.filter((n) => n.resolution === 'on_spot').length,
        appeals: filed,
      },
    });
    return id;
  });
  const [visit] = await visits(db, { ids: [visitId] });
  return visit!;
}

export async function cancelVisit(db: Db, user: SessionUser, actor: Actor, id: number): Promise<void> {
  await db.transaction().execute(async (tx) => {
    if (!(await repo.cancelPlanned(tx, id, user.id))) throw AppError.notFound('走访计划');
    await recordAudit(tx, actor, { action: 'liaison.cancel_visit', entityType: 'liaison_visit', entityId: id });
  });
}

/** Monday to Sunday around a date. */
export function weekOf(date: string): { from: string; to: string } {
  const from = addDays(date, -((weekday(date) + 6) % 7));
  return { from, to: addDays(from, 6) };
}

export async function weeklyReport(db: Db, userId: number, date: string) {
  const cadre = await reports.staffName(db, userId);
  if (!cadre) throw AppError.notFound('干部');
  const { from, to } = weekOf(date);
  const done = await visits(db, { userId, status: 'done', visitedFrom: from, visitedTo: to });
  const next = await visits(db, { userId, status: 'planned', plannedFrom: addDays(to, 1), plannedTo: addDays(to, 7) });
  const appealIds = done.flatMap((v) => v.needs.flatMap((n) => (n.appeal ? [n.appeal.id] : [])));
  const appeals = await reports.appealsByIds(db, appealIds);
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
  const rows = await reports.briefingRows(db, from, to);
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
  const out = (a: Acc) => ({
    visits: a.visits.size,
    enterprisesVisited: a.enterprises.size,
    needs: a.needs,
    onSpot: a.onSpot,
    appealsFiled: a.appealsFiled,
    appealsClosed: a.appealsClosed,
  });
  const list = (m: Map<string, Acc>) =>
    [...m].map(([name, a]) => ({ name, ...out(a) })).sort((x, y) => y.visits - x.visits || x.name.localeCompare(y.name, 'zh'));
  const cov = await coverage(db, { page: 1, pageSize: 1 });
  return {
    from,
    to,
    totals: { ...out(total), keyEnterprises: cov.totals.keyEnterprises, covered: cov.totals.covered },
    byStreet: list(byStreet),
    byUnit: list(byUnit),
  };
}
