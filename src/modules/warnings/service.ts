import type { Db, Tx } from '../../platform/db/index.ts';
import type { IndicatorName, WarningLevel, WarningRuleKind } from '../../platform/db/schema-warnings.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Actor, SessionUser } from '../../platform/http/access.ts';
import { AppError } from '../../platform/errors.ts';
import { enqueueNotices, type Notice } from '../notifications/notices.ts';
import { addAction, lockWarning, updateWarning } from './repository-changes.ts';
import { insertNewWarnings, latestMonth, liaisonCadres, monthState, recordRun, ruleRows, warnedBefore } from './repository-evaluation.ts';
import { findHits } from './repository-hits.ts';
import { explain, toRule, type Rule } from './rules.ts';

export type StoredRule = Rule & {
  name: string;
  level: WarningLevel;
  active: boolean;
};

/** The latest month with indicators, 'YYYY-MM-01'; null on an empty district. */
export { latestMonth };

export async function loadRules(db: Db, activeOnly: boolean): Promise<StoredRule[]> {
  const rows = await ruleRows(db, activeOnly);
  return rows.map((r) => ({
    ...toRule({ id: r.id, kind: r.kind as WarningRuleKind, indicator: r.indicator as IndicatorName | null, params: r.params }),
    name: r.name,
    level: r.level,
    active: r.active,
  }));
}

export interface EvaluationResult {
  month: string;
  found: number;
  raised: number;
}

const CHUNK = 1_000;

/**
 * Evaluates the active rules for `month` (default: the latest month with indicators) and raises
 * what is new: a warning exists once per (enterprise, rule, month), however often this runs.
 * New warnings go to the enterprise's liaison cadre, or to the coordinators when it has none,
 * one summary notice per recipient.
 */
export async function evaluateWarnings(db: Db, opts: { month?: string; actor?: Actor } = {}): Promise<EvaluationResult> {
  const month = opts.month ?? (await latestMonth(db));
  if (!month) return { month: '', found: 0, raised: 0 };
  const rules = await loadRules(db, true);
  // An address outside the district is warned about once per enterprise, not every month.
  const once = rules.filter((r) => r.kind === 'relocation_address').map((r) => r.id);
  const known = await warnedBefore(db, once, month);
  const hits = (await findHits(db, rules, month)).filter((h) => !known.has(`${h.ruleId}:${h.enterpriseId}`));
  const byId = new Map(rules.map((r) => [r.id, r]));
  return db.transaction().execute(async (tx) => {
    const cadres = await liaisonCadres(tx, [...new Set(hits.map((h) => h.enterpriseId))]);
    const raised: { enterprise_id: number; assigned_user_id: number | null; level: WarningLevel }[] = [];
    for (let i = 0; i < hits.length; i += CHUNK) {
      const values = hits.slice(i, i + CHUNK).map((h) => {
        const rule = byId.get(h.ruleId)!;
        return {
          enterprise_id: h.enterpriseId,
          rule_id: h.ruleId,
          month,
          level: rule.level,
          value: h.value,
          explanation: explain(rule, month, h),
          assigned_user_id: cadres.get(h.enterpriseId) ?? null,
        };
      });
      raised.push(...(await insertNewWarnings(tx, values)));
    }
    await recordRun(tx, month, raised.length);
    if (raised.length > 0) {
      const perCadre = new Map<number, number>();
      let unassigned = 0;
      for (const r of raised) {
        if (r.assigned_user_id === null) unassigned++;
        else perCadre.set(r.assigned_user_id, (perCadre.get(r.assigned_user_id) ?? 0) + 1);
      }
      const label = `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
      const notices: Notice[] = [...perCadre].map(([userId, n]) => ({
        to: { kind: 'user', userId },
        title: `您挂点的企业新增 ${n} 条监测预警`,
        body: `${label}指标监测发现异常，请及时走访核实并登记跟进情况`,
        link: '/warnings?mine=1',
      }));
      if (unassigned > 0)
        notices.push({
          to: { kind: 'role', role: 'coordinator' },
          title: `新增 ${unassigned} 条无挂点干部的监测预警`,
          body: `${label}指标监测发现异常，相关企业暂无挂点干部，请安排跟进`,
          link: '/warnings?unassigned=1',
        });
      await enqueueNotices(tx, notices);
    }
    if (opts.actor)
      await recordAudit(tx, opts.actor, {
        action: 'warnings.evaluate',
        entityType: 'warning_run',
        entityId: month,
        after: { found: hits.length, raised: raised.length },
      });
    return { month, found: hits.length, raised: raised.length };
  });
}

/**
 * The monthly job: evaluates the latest month when its indicators arrived or grew since the
 * last run (re-running is harmless: nothing is raised twice). One indexed count when idle.
 */
export async function monthlyWarningJob(db: Db): Promise<EvaluationResult | null> {
  const month = await latestMonth(db);
  if (!month) return null;
  const r = await monthState(db, month);
  if (r && r.done !== null && r.done >= r.n) return null;
  return evaluateWarnings(db, { month });
}

/** May this user see / act on this warning? Office roles see all; a cadre only what is assigned to them. */
export function canSee(user: SessionUser, w: { assigned_user_id: number | null }): boolean {
  if (['coordinator', 'leader', 'admin'].includes(user.role)) return true;
  return user.role === 'cadre' && w.assigned_user_id === user.id;
}
export function canAct(user: SessionUser, w: { assigned_user_id: number | null }): boolean {
  if (['coordinator', 'admin'].includes(user.role)) return true;
  return user.role === 'cadre' && w.assigned_user_id === user.id;
}

async function warningFor(tx: Tx, id: number, user: SessionUser) {
  const w = await lockWarning(tx, id);
  if (!w || !canSee(user, w)) throw new AppError('NOT_FOUND', '预警不存在');
  if (!canAct(user, w)) throw new AppError('FORBIDDEN', '只有企业服务办、管理员或该企业的挂点干部可以跟进预警');
  return w;
}

/** Logs what was done; the first follow-up moves an open warning to "following". */
export async function followUp(db: Db, id: number, user: SessionUser, actor: Actor, note: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const w = await warningFor(tx, id, user);
    if (w.status === 'closed') throw new AppError('INVALID_STATE', '预警已关闭，不能再登记跟进');
    await addAction(tx, { warning_id: id, user_id: user.id, kind: 'follow_up', note });
    await updateWarning(tx, id, { status: 'following', updated_at: new Date() });
    await recordAudit(tx, actor, {
      action: 'warning.follow_up',
      entityType: 'enterprise_warning',
      entityId: id,
      before: { status: w.status },
      after: { status: 'following', note },
    });
  });
}

/** Closes with what was done (措施), which the monthly report lists. */
export async function closeWarning(db: Db, id: number, user: SessionUser, actor: Actor, actionsTaken: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const w = await warningFor(tx, id, user);
    if (w.status === 'closed') throw new AppError('INVALID_STATE', '预警已关闭');
    await addAction(tx, { warning_id: id, user_id: user.id, kind: 'close', note: actionsTaken });
    await updateWarning(tx, id, {
      status: 'closed',
      actions_taken: actionsTaken,
      closed_by: user.id,
      closed_at: new Date(),
      updated_at: new Date(),
    });
    await recordAudit(tx, actor, {
      action: 'warning.close',
      entityType: 'enterprise_warning',
      entityId: id,
      before: { status: w.status },
      after: { status: 'closed', actionsTaken },
    });
  });
}

/**
 * Reopens a closed warning with the reason (the enterprise's situation did not hold): it goes back
 * to following, to the enterprise's liaison cadre of the day, and the close stays in the log.
 */
export async function reopenWarning(db: Db, id: number, user: SessionUser, actor: Actor, reason: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const w = await warningFor(tx, id, user);
    if (w.status !== 'closed') throw new AppError('INVALID_STATE', '只有已关闭的预警可以重新打开');
    const cadre = (await liaisonCadres(tx, [w.enterprise_id])).get(w.enterprise_id) ?? w.assigned_user_id;
    await addAction(tx, { warning_id: id, user_id: user.id, kind: 'reopen', note: reason });
    await updateWarning(tx, id, {
      status: 'following',
      assigned_user_id: cadre,
      actions_taken: null,
      closed_by: null,
      closed_at: null,
      updated_at: new Date(),
    });
    await recordAudit(tx, actor, {
      action: 'warning.reopen',
      entityType: 'enterprise_warning',
      entityId: id,
      before: { status: w.status, assignedUserId: w.assigned_user_id, actionsTaken: w.actions_taken },
      after: { status: 'following', assignedUserId: cadre, reason },
    });
    if (cadre !== null && cadre !== user.id) {
      await enqueueNotices(tx, [
        { to: { kind: 'user', userId: cadre }, title: '一条监测预警已重新打开', body: reason, link: `/warnings/${id}` },
      ]);
    }
  });
}
