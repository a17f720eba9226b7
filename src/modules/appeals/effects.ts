import type { Updateable } from 'kysely';
import type { Tx } from '../../platform/db/index.ts';
import type { AppealsTable } from '../../platform/db/schema-appeals.ts';
import type { Grade } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import type { SessionUser } from '../../platform/http/access.ts';
import type { Notice } from '../notifications/notices.ts';
import type { ActionInput } from './action-inputs.ts';
import type { AppealClock, AppealSettings } from './clock.ts';
import * as repo from './repository.ts';
import { insertMeetingItem } from './repository-office.ts';
import type { AppealAction, AppealState } from './workflow.ts';
import { supervise, decideExtension, arbitrateReturn } from './effects-office.ts';
import { followUpEffect, ratingEffect } from './effects-rating.ts';

export type AppealRow = NonNullable<Awaited<ReturnType<typeof repo.findAppeal>>>;

export interface EffectContext<A extends AppealAction> {
  tx: Tx;
  appeal: AppealRow;
  input: ActionInput<A>;
  user: SessionUser;
  now: Date;
  /** The state the workflow decided the appeal moves to. */
  to: AppealState;
  clock: AppealClock;
  settings: AppealSettings;
}

export interface Effect {
  patch?: Updateable<AppealsTable>;
  note?: string | null;
  data?: unknown;
  /** Whether the enterprise sees this step on its timeline. */
  public?: boolean;
  notify?: Notice[];
  /** Files sent with this step (a reply): linked to its timeline event. */
  attach?: number[];
}

type Effects = { [A in AppealAction]: (c: EffectContext<A>) => Promise<Effect> };

export const link = (a: AppealRow) => `/appeals/${a.id}`;
export const toEnterprise = (a: AppealRow, title: string, body?: string, sms = false): Notice => ({
  to: { kind: 'enterprise', enterpriseId: a.enterprise_id, phone: a.contact_phone },
  title,
  body,
  link: `/portal/appeals/${a.id}`,
  appealId: a.id,
  sms,
});
export const toDepartment = (a: AppealRow, departmentId: number, title: string): Notice => ({
  to: { kind: 'department', departmentId },
  title: `${title}：${a.number}`,
  body: a.title,
  link: link(a),
  appealId: a.id,
});
export const toCoordinators = (a: AppealRow, title: string, body?: string): Notice => ({
  to: { kind: 'role', role: 'coordinator' },
  title: `${title}：${a.number}`,
  body: body ?? a.title,
  link: link(a),
  appealId: a.id,
});

async function checkDepartment(c: EffectContext<AppealAction>, id: number, field: string): Promise<void> {
  if (!(await repo.departmentActive(c.tx, id))) throw AppError.validation(field, '部门不存在或已停用');
}

/** Dispatch to a department, with a fresh deadline when the appeal comes back (重办, a return upheld). */
export function toDepartmentPatch(c: EffectContext<AppealAction>, departmentId: number, restartClock: boolean): Updateable<AppealsTable> {
  return {
    lead_department_id: departmentId,
    handler_user_id: null,
    claimed_at: null,
    dispatched_at: c.now,
    ...(restartClock
      ? { deadline_at: c.clock.deadlineFor(c.now, (c.appeal.grade ?? 'normal') as Grade), warning_level: 'green' as const, red_since: null }
      : {}),
  };
}

export const EFFECTS: Effects = {
  async accept(c) {
    const itemId = c.input.serviceItemId ?? c.appeal.service_item_id;
    if (!itemId) throw AppError.validation('serviceItemId', '请选择服务事项');
    const item = await repo.serviceItem(c.tx, itemId);
    if (!item?.active) throw AppError.validation('serviceItemId', '服务事项不存在或已停用');
    const grade: Grade = c.input.grade ?? (c.appeal.requested_urgency === 'urgent' ? 'urgent' : item.default_grade);
    const deadline = c.clock.deadlineFor(c.now, grade);
    return {
      patch: {
        service_item_id: item.id,
        grade,
        accepted_at: c.now,
        deadline_at: deadline,
        // The acceptance light goes out; the handling light starts green.
        warning_level: 'green',
        red_since: null,
        ...(c.input.appealType ? { appeal_type: c.input.appealType } : {}),
      },
      note: c.input.note ?? null,
      data: {
        serviceItem: item.name,
        grade,
        deadline: deadline.toISOString(),
        ...(c.input.appealType && c.input.appealType !== c.appeal.appeal_type ? { appealType: c.input.appealType } : {}),
      },
      notify: [
        toEnterprise(
          c.appeal,
          `您的诉求 ${c.appeal.number} 已受理`,
          `承诺办理时限：${deadline.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })}`,
          true,
        ),
      ],
    };
  },
  async decline(c) {
    return {
      patch: { decline_reason: c.input.reason, closed_at: c.now, warning_level: 'green', red_since: null },
      note: c.input.reason,
      notify: [toEnterprise(c.appeal, `您的诉求 ${c.appeal.number} 不予受理`, c.input.reason, true)],
    };
  },
  async resolve_on_spot(c) {
    // A consultation answered on the spot is closed at its reply; it is still rated or followed up.
    const closes = c.to === 'closed';
    return {
      patch: { on_spot: true, reply: c.input.reply, replied_at: c.now, ...(closes ? { closed_at: c.now, closed_unrated: null } : {}) },
      note: c.input.reply,
      notify: [
        toEnterprise(
          c.appeal,
          closes ? `您的咨询 ${c.appeal.number} 已现场答复并办结，请评价` : `您的诉求 ${c.appeal.number} 已现场办结，请评价`,
          c.input.reply,
          true,
        ),
      ],
    };
  },
  async dispatch(c) {
    let lead = c.input.departmentId;
    if (!lead && c.appeal.service_item_id) lead = (await repo.serviceItem(c.tx, c.appeal.service_item_id))?.department_id;
    if (!lead) throw AppError.validation('departmentId', '请选择主办部门');
    await checkDepartment(c, lead, 'departmentId');
    for (const d of c.input.assistDepartmentIds) await checkDepartment(c, d, 'assistDepartmentIds');
    await repo.setDepartments(c.tx, c.appeal.id, lead, c.input.assistDepartmentIds);
    return {
      patch: toDepartmentPatch(c, lead, false),
      note: c.input.note ?? null,
      data: { departmentId: lead, assistDepartmentIds: c.input.assistDepartmentIds },
      notify: [
        toDepartment(c.appeal, lead, '新分办诉求'),
        ...c.input.assistDepartmentIds.map((d) => toDepartment(c.appeal, d, '请协办诉求')),
      ],
    };
  },
  async claim(c) {
    return { patch: { handler_user_id: c.user.id, claimed_at: c.now }, note: c.input.note ?? null };
  },
  async start(c) {
    return { note: c.input.note ?? null };
  },
  async claim_and_start(c) {
    return { patch: { handler_user_id: c.user.id, claimed_at: c.now }, note: c.input.note ?? null };
  },
  async return(c) {
    if (c.input.suggestedDepartmentId) await checkDepartment(c, c.input.suggestedDepartmentId, 'suggestedDepartmentId');
    await repo.insertReturn(c.tx, {
      appeal_id: c.appeal.id,
      department_id: c.appeal.lead_department_id!,
      reason: c.input.reason,
      suggested_department_id: c.input.suggestedDepartmentId ?? null,
      requested_by: c.user.id,
    });
    return {
      note: c.input.reason,
      data: { suggestedDepartmentId: c.input.suggestedDepartmentId ?? null },
      public: false,
      notify: [toCoordinators(c.appeal, '部门退回待仲裁', c.input.reason)],
    };
  },
  arbitrate_return: (c) => arbitrateReturn(c, toDepartmentPatch(c, c.input.departmentId ?? 0, true)),
  async transfer(c) {
    await checkDepartment(c, c.input.departmentId, 'departmentId');
    await repo.setLead(c.tx, c.appeal.id, c.input.departmentId);
    return {
      patch: toDepartmentPatch(c, c.input.departmentId, false),
      note: c.input.note,
      data: { from: c.appeal.lead_department_id, to: c.input.departmentId },
      notify: [toDepartment(c.appeal, c.input.departmentId, '转办诉求')],
    };
  },
  async request_info(c) {
    return {
      patch: { paused_since: c.now },
      note: c.input.question,
      notify: [toEnterprise(c.appeal, `诉求 ${c.appeal.number} 需要您补充材料`, c.input.question, true)],
    };
  },
  async provide_info(c) {
    // The time spent waiting for the enterprise is given back to the department.
    const from = c.appeal.paused_since ?? c.now;
    const paused = c.now.getTime() - from.getTime();
    const deadline = c.appeal.deadline_at
      ? c.clock.addPause(c.appeal.deadline_at, { from, to: c.now }, (c.appeal.grade ?? 'normal') as Grade)
      : null;
    return {
      patch: { paused_since: null, paused_ms: Number(c.appeal.paused_ms) + paused, deadline_at: deadline },
      note: c.input.answer,
      data: { pausedMs: paused, deadline: deadline?.toISOString() ?? null },
      notify: c.appeal.lead_department_id ? [toDepartment(c.appeal, c.appeal.lead_department_id, '企业已补充材料')] : [],
    };
  },
  async assist_opinion(c) {
    await repo.setOpinion(c.tx, c.appeal.id, c.user.departmentId!, c.input.opinion, c.user.id);
    return {
      note: c.input.opinion,
      public: false,
      notify: c.appeal.lead_department_id ? [toDepartment(c.appeal, c.appeal.lead_department_id, '协办部门已提交意见')] : [],
    };
  },
  async reply(c) {
    const depts = await repo.departmentsOf(c.tx, c.appeal.id);
    const missing = depts.filter((d) => d.role === 'assist' && !d.opinion);
    if (missing.length) throw new AppError('INVALID_STATE', `协办部门尚未提交意见：${missing.map((d) => d.name).join('、')}`);
    // One combined reply: the lead department's answer with each assisting department's opinion.
    const assists = depts.filter((d) => d.role === 'assist').map((d) => `【${d.name}】${d.opinion}`);
    const combined = assists.length ? `${c.input.reply}\n\n协办部门意见：\n${assists.join('\n')}` : c.input.reply;
    const ids = [...new Set(c.input.attachmentIds)];
    const files = await repo.unsentAttachments(c.tx, c.appeal.id, ids);
    if (files.length !== ids.length) throw AppError.validation('attachmentIds', '附件不存在、不属于该诉求或已随答复发出');
    return {
      patch: { reply: combined, replied_at: c.now },
      note: combined,
      ...(files.length
        ? { data: { attachments: files.map((f) => ({ id: f.id, fileName: f.file_name, mime: f.mime, size: f.size })) } }
        : {}),
      attach: ids,
      notify: [toEnterprise(c.appeal, `您的诉求 ${c.appeal.number} 已答复，请评价`, c.input.reply, true)],
    };
  },
  rate: async (c) => ratingEffect(c, c.input.rating, c.input.comment, 'self'),
  follow_up: (c) => followUpEffect(c),
  async reopen(c) {
    const closedAt = c.appeal.closed_at;
    if (!closedAt || c.now.getTime() - closedAt.getTime() > c.settings.reopenDays * 86_400_000) {
      throw new AppError('INVALID_STATE', `办结超过 ${c.settings.reopenDays} 天的诉求不能重办，请提交新诉求`);
    }
    if (c.appeal.merged_into_id !== null) throw new AppError('INVALID_STATE', '该诉求已并入其他诉求一并办理，不能单独重办');
    const lead = c.appeal.lead_department_id;
    if (!lead || c.appeal.on_spot) throw new AppError('INVALID_STATE', '该诉求未经部门办理，不能重办，请提交新诉求');
    return {
      // The rating that closed it no longer stands: the next one (or an unrated closure) counts instead.
      patch: {
        ...toDepartmentPatch(c, lead, true),
        closed_at: null,
        closed_unrated: null,
        replied_at: null,
        reopen_count: c.appeal.reopen_count + 1,
        rating: null,
        rating_source: null,
        rating_comment: null,
        rated_at: null,
      },
      note: c.input.reason,
      notify: [toDepartment(c.appeal, lead, '企业申请重办'), toCoordinators(c.appeal, '企业申请重办', c.input.reason)],
    };
  },
  async close(c) {
    // The office closes without a rating: counted among the appeals closed unrated.
    return {
      patch: { closed_at: c.now, closed_unrated: 'office' },
      note: c.input.note ?? null,
      notify: [toEnterprise(c.appeal, `您的诉求 ${c.appeal.number} 已办结`)],
    };
  },
  async request_extension(c) {
    if (await repo.pendingExtension(c.tx, c.appeal.id)) throw new AppError('INVALID_STATE', '已有待审批的延期申请');
    await repo.insertExtensionRequest(c.tx, {
      appeal_id: c.appeal.id,
      department_id: c.appeal.lead_department_id!,
      working_days: c.input.workingDays,
      reason: c.input.reason,
      requested_by: c.user.id,
    });
    return {
      note: c.input.reason,
      data: { workingDays: c.input.workingDays },
      public: false,
      notify: [toCoordinators(c.appeal, '延期申请待审批', c.input.reason)],
    };
  },
  decide_extension: (c) => decideExtension(c),
  async escalate(c) {
    if (c.input.toAgenda) {
      await insertMeetingItem(c.tx, {
        appeal_id: c.appeal.id,
        title: `${c.appeal.number} ${c.appeal.title}`,
        summary: c.input.note,
        added_by: c.user.id,
      });
    }
    return {
      patch: { escalated_at: c.now, escalation_note: c.input.note },
      note: c.input.note,
      public: false,
      notify: [
        {
          to: { kind: 'role', role: 'leader' },
          title: `提请区领导协调：${c.appeal.number}`,
          body: c.input.note,
          link: link(c.appeal),
          appealId: c.appeal.id,
        },
      ],
    };
  },
  supervise: (c) => supervise(c),
  async comment(c) {
    return { note: c.input.note, public: false };
  },
};
