import type { Updateable } from 'kysely';
import { nextCounter } from '../../platform/db/counters.ts';
import type { AppealsTable } from '../../platform/db/schema-appeals.ts';
import { AppError } from '../../platform/errors.ts';
import type { Effect, EffectContext } from './effects.ts';
import { link, toDepartment } from './effects.ts';
import * as repo from './repository.ts';
import { shanghaiYear } from './time.ts';

/**
 * The coordinator's ruling on a department's return. Upheld: the appeal goes to the right
 * department with a fresh deadline, and the return does not count against the first one.
 * Rejected: the same department must handle it, on its original deadline.
 */
export async function arbitrateReturn(c: EffectContext<'arbitrate_return'>, redirect: Updateable<AppealsTable>): Promise<Effect> {
  const pending = await repo.pendingReturn(c.tx, c.appeal.id);
  if (!pending) throw new AppError('INVALID_STATE', '没有待仲裁的退回');
  const decision = c.input.upheld ? 'upheld' : 'rejected';
  await repo.decideReturn(c.tx, pending.id, { decision, decision_note: c.input.note ?? null, decided_by: c.user.id, decided_at: c.now });
  if (!c.input.upheld) {
    const lead = pending.department_id;
    return {
      patch: { handler_user_id: null, claimed_at: null },
      note: c.input.note ?? null,
      data: { decision, departmentId: lead },
      public: false,
      notify: [toDepartment(c.appeal, lead, '退回不成立，请继续办理')],
    };
  }
  const target = c.input.departmentId ?? pending.suggested_department_id;
  if (!target) throw AppError.validation('departmentId', '退回成立时须指定改派部门');
  if (target === pending.department_id) throw AppError.validation('departmentId', '改派部门不能是退回的部门');
  if (!(await repo.departmentActive(c.tx, target))) throw AppError.validation('departmentId', '部门不存在或已停用');
  await repo.setLead(c.tx, c.appeal.id, target);
  return {
    patch: { ...redirect, lead_department_id: target, returns_upheld: c.appeal.returns_upheld + 1 },
    note: c.input.note ?? null,
    data: { decision, from: pending.department_id, to: target },
    notify: [toDepartment(c.appeal, target, '改派诉求')],
  };
}

export async function decideExtension(c: EffectContext<'decide_extension'>): Promise<Effect> {
  const pending = await repo.pendingExtension(c.tx, c.appeal.id);
  if (!pending) throw new AppError('INVALID_STATE', '没有待审批的延期申请');
  const old = c.appeal.deadline_at;
  const next = c.input.approve && old ? c.clock.addWorkingDays(old, pending.working_days) : null;
  await repo.decideExtensionRequest(c.tx, pending.id, {
    status: c.input.approve ? 'approved' : 'denied',
    decision_note: c.input.note ?? null,
    decided_by: c.user.id,
    decided_at: c.now,
    old_deadline: old,
    new_deadline: next,
  });
  const notify = [
    {
      to: { kind: 'user' as const, userId: pending.requested_by },
      title: `延期申请${c.input.approve ? '已批准' : '未批准'}：${c.appeal.number}`,
      body: c.input.note ?? '',
      link: link(c.appeal),
      appealId: c.appeal.id,
    },
  ];
  if (!next) return { note: c.input.note ?? null, data: { approved: false }, public: false, notify };
  return {
    patch: { deadline_at: next, warning_level: 'green', red_since: null },
    note: c.input.note ?? null,
    data: { approved: true, workingDays: pending.working_days, deadline: next.toISOString() },
    notify,
  };
}

/** A numbered supervision order (督办单 DB-2026-0001) with its own deadline, to the lead department and its head. */
export async function supervise(c: EffectContext<'supervise'>): Promise<Effect> {
  const dept = c.appeal.lead_department_id;
  if (!dept) throw new AppError('INVALID_STATE', '诉求尚未分办，不能督办');
  const year = shanghaiYear(c.now);
  const n = await nextCounter(c.tx, `supervision-${year}`);
  const number = `DB-${year}-${String(n).padStart(4, '0')}`;
  const deadline = c.clock.addWorkingDays(c.now, c.input.workingDays);
  await repo.insertSupervisionOrder(c.tx, {
    number,
    appeal_id: c.appeal.id,
    department_id: dept,
    content: c.input.content,
    deadline_at: deadline,
    issued_by: c.user.id,
  });
  return {
    note: c.input.content,
    data: { number, deadline: deadline.toISOString() },
    public: false,
    notify: [
      {
        to: { kind: 'department', departmentId: dept },
        title: `督办单 ${number}：${c.appeal.number}`,
        body: c.input.content,
        link: link(c.appeal),
        appealId: c.appeal.id,
        sms: true,
      },
      {
        to: { kind: 'department_head', departmentId: dept },
        title: `督办单 ${number}：${c.appeal.number}`,
        body: c.input.content,
        link: link(c.appeal),
        appealId: c.appeal.id,
        sms: true,
      },
    ],
  };
}
