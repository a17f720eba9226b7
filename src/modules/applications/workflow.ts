/**
 * The application workflow (申报—受理—审核—审批—协议—兑现), pure: no I/O, no clock.
 * Every step asks `decide()` whether this actor may do it in this state and where it leads;
 * workflow.test.ts checks every action for every role, relation and state.
 *
 * Review levels: `reviewLevel` counts the levels already passed (0 after acceptance); the level
 * under review is reviewLevel + 1. `pass` hands it to the next level, `approve` is the last
 * level's decision. 秒批 (instant approval) is not a user action: the submit use-case records
 * it directly when the held data decide everything (see instant.ts).
 */
import type { Role } from '../../platform/db/schema.ts';
import type { ApplicationState } from '../../platform/db/schema-policies.ts';

export const STATES = [
  'submitted',
  'accepted',
  'in_review',
  'returned',
  'approved',
  'refused',
  'agreement_signed',
  'disbursed',
  'withdrawn',
] as const satisfies readonly ApplicationState[];
export type { ApplicationState };

export const ACTIONS = ['accept', 'pass', 'approve', 'refuse', 'return', 'resubmit', 'withdraw', 'sign_agreement', 'disburse'] as const;
export type ApplicationAction = (typeof ACTIONS)[number];

/** How the actor stands to this application, worked out by the service from the database. */
export interface Relation {
  /** An enterprise user of the applying enterprise. */
  ownEnterprise: boolean;
  /** A handler of the department that issued the policy (主管部门). */
  policyDepartment: boolean;
}

export interface Levels {
  /** Levels already passed. */
  reviewLevel: number;
  /** Levels the notice asks for (1–5). */
  reviewLevels: number;
}

/** Reviewers: policy officers and administrators everywhere, handlers for their department's policies. */
export const REVIEWER_ROLES: readonly Role[] = ['policy_officer', 'admin', 'handler'];
const UNDECIDED: readonly ApplicationState[] = ['submitted', 'accepted', 'in_review'];
const UNDER_REVIEW: readonly ApplicationState[] = ['accepted', 'in_review'];

interface StepRule {
  by: 'reviewer' | 'enterprise';
  from: readonly ApplicationState[];
  to: ApplicationState;
  /** For pass / approve: whether the level under review is the last one. */
  lastLevel?: boolean;
}

const RULES: Record<ApplicationAction, StepRule> = {
  accept: { by: 'reviewer', from: ['submitted'], to: 'accepted' },
  pass: { by: 'reviewer', from: UNDER_REVIEW, to: 'in_review', lastLevel: false },
  approve: { by: 'reviewer', from: UNDER_REVIEW, to: 'approved', lastLevel: true },
  refuse: { by: 'reviewer', from: UNDECIDED, to: 'refused' },
  return: { by: 'reviewer', from: UNDECIDED, to: 'returned' },
  resubmit: { by: 'enterprise', from: ['returned'], to: 'submitted' },
  withdraw: { by: 'enterprise', from: [...UNDECIDED, 'returned'], to: 'withdrawn' },
  sign_agreement: { by: 'reviewer', from: ['approved'], to: 'agreement_signed' },
  disburse: { by: 'reviewer', from: ['agreement_signed'], to: 'disbursed' },
};

export const STATE_NAMES: Record<ApplicationState, string> = {
  submitted: '已提交',
  accepted: '已受理',
  in_review: '审核中',
  returned: '退回补正',
  approved: '已批准',
  refused: '不予批准',
  agreement_signed: '已签订协议',
  disbursed: '已拨付',
  withdrawn: '已撤回',
};

export const ACTION_NAMES: Record<ApplicationAction, string> = {
  accept: '受理',
  pass: '审核通过（转下一级）',
  approve: '审批通过',
  refuse: '不予批准',
  return: '退回补正',
  resubmit: '补正后重新提交',
  withdraw: '撤回申报',
  sign_agreement: '签订协议',
  disburse: '拨付',
};

/** States in which the enterprise still waits for a decision. */
export const OPEN_STATES: readonly ApplicationState[] = [...UNDECIDED, 'returned'];

export type Decision =
  { ok: true; to: ApplicationState; reviewLevel: number } | { ok: false; reason: 'role' | 'relation' | 'state'; message: string };

export function decide(action: ApplicationAction, role: Role, state: ApplicationState, relation: Relation, levels: Levels): Decision {
  const rule = RULES[action];
  const name = ACTION_NAMES[action];
  if (rule.by === 'enterprise') {
    if (role !== 'enterprise') return { ok: false, reason: 'role', message: `当前角色不能执行「${name}」` };
    if (!relation.ownEnterprise) return { ok: false, reason: 'relation', message: '只能处理本企业的申报' };
  } else {
    if (!REVIEWER_ROLES.includes(role)) return { ok: false, reason: 'role', message: `当前角色不能执行「${name}」` };
    if (role === 'handler' && !relation.policyDepartment) return { ok: false, reason: 'relation', message: '该政策不由本部门主管' };
  }
  if (!rule.from.includes(state)) return { ok: false, reason: 'state', message: `申报处于「${STATE_NAMES[state]}」状态，不能${name}` };
  const level = levels.reviewLevel + 1;
  if (rule.lastLevel !== undefined && level >= levels.reviewLevels !== rule.lastLevel) {
    const message = rule.lastLevel
      ? `当前为第 ${level} 级审核（共 ${levels.reviewLevels} 级），请先审核通过转下一级`
      : `已是最后一级审核（共 ${levels.reviewLevels} 级），请直接审批`;
    return { ok: false, reason: 'state', message };
  }
  const reviewLevel = action === 'pass' || action === 'approve' ? level : action === 'resubmit' ? 0 : levels.reviewLevel;
  return { ok: true, to: rule.to, reviewLevel };
}

/** What an actor may do now: drives the buttons on the application pages. */
export function availableActions(role: Role, state: ApplicationState, relation: Relation, levels: Levels): ApplicationAction[] {
  return ACTIONS.filter((a) => decide(a, role, state, relation, levels).ok);
}
