/**
 * The appeal workflow rules (诉求闭环), pure: no I/O, no clock. Every use-case asks
 * `decide()` whether an action is allowed for this actor in this state and where it leads;
 * workflow.test.ts checks every action for every role in every state.
 */
import type { Role } from '../../platform/db/schema.ts';
import type { AppealType } from '../../platform/db/schema-appeals.ts';
import type { FollowUpOutcome } from '../../platform/db/schema-follow-up.ts';

export const STATES = [
  'submitted', // 已提交: waiting for the front office
  'accepted', // 已受理: graded and timed, waiting to be handled on the spot or dispatched
  'declined', // 不予受理: not an appeal (with a reason)
  'dispatched', // 已分办: waiting for the lead department to claim it
  'claimed', // 已签收
  'in_progress', // 办理中
  'awaiting_info', // 待企业补充: the clock is paused
  'return_requested', // 退回待仲裁: the department says it is not theirs
  'replied', // 已答复: waiting for the enterprise's rating
  'closed', // 已办结
] as const;
export type AppealState = (typeof STATES)[number];

export const ACTIONS = [
  'accept',
  'decline',
  'resolve_on_spot',
  'dispatch',
  'claim',
  'start',
  'claim_and_start',
  'return',
  'arbitrate_return',
  'transfer',
  'request_info',
  'provide_info',
  'assist_opinion',
  'reply',
  'rate',
  'follow_up',
  'reopen',
  'close',
  'request_extension',
  'decide_extension',
  'escalate',
  'supervise',
  'comment',
] as const;
export type AppealAction = (typeof ACTIONS)[number];

/** How the actor stands to this appeal, worked out by the service from the database. */
export interface Relation {
  /** The enterprise user whose enterprise filed it. */
  ownEnterprise: boolean;
  /** A handler of the lead department. */
  leadDepartment: boolean;
  /** A handler of an assisting department (协办). */
  assistDepartment: boolean;
}

export const OPEN_STATES: readonly AppealState[] = [
  'submitted',
  'accepted',
  'dispatched',
  'claimed',
  'in_progress',
  'awaiting_info',
  'return_requested',
  'replied',
];
/** States in which a department holds the appeal and the deadline runs against it. */
const WITH_DEPARTMENT: readonly AppealState[] = ['dispatched', 'claimed', 'in_progress'];
const FRONT_OFFICE: readonly Role[] = ['specialist', 'coordinator'];
const OFFICE: readonly Role[] = ['coordinator'];
/** Who calls enterprises back for their rating (回访). */
export const FOLLOW_UP_ROLES: readonly Role[] = ['specialist', 'coordinator', 'admin'];

interface Rule {
  roles: readonly Role[];
  from: readonly AppealState[];
  /** The relation the actor must have, beyond the role. */
  needs?: keyof Relation;
  /** Allowed too in a closed appeal that still awaits its rating (a consultation closed at its reply). */
  ratingAfterClose?: true;
  /** Where it leads; a function when the outcome depends on the input. */
  to: AppealState | 'same' | ((input: DecisionInput, state: AppealState) => AppealState);
}

export interface DecisionInput {
  /** rate: 1–5; a rating of 1 or 2 is unsatisfied and sends the appeal back (重办). */
  rating?: number;
  /** arbitrate_return: upheld → to the department named instead; rejected → back to the same one. */
  upheld?: boolean;
  /** rate: an appeal handled on the spot has no department; unsatisfied, it goes back to the front office. */
  hasDepartment?: boolean;
  /** resolve_on_spot: a consultation (咨询) answered on the spot is closed at its reply. */
  appealType?: AppealType;
  /** rate, follow_up: closed at its reply (a consultation answered on the spot) and not rated since. */
  awaitingRating?: boolean;
  /** follow_up: the call's outcome; a rating acts as the enterprise's own. */
  outcome?: FollowUpOutcome;
  /** follow_up: this "not reached" is the last attempt allowed: the appeal closes without a rating. */
  lastAttempt?: boolean;
}

/** Where a rating leads: satisfied closes; unsatisfied goes back to the department, or to the front office when it had none. */
const afterRating = (i: DecisionInput): AppealState =>
  (i.rating ?? 0) >= SATISFIED_FROM ? 'closed' : i.hasDepartment === false ? 'accepted' : 'dispatched';

/** Where a follow-up call leads: a rating as the enterprise's; declined or never reached closes; otherwise nothing changes yet. */
function afterFollowUp(i: DecisionInput, state: AppealState): AppealState {
  if (i.outcome === 'declined' || (i.outcome === 'not_reached' && i.lastAttempt)) return 'closed';
  if (i.outcome === 'not_reached') return state;
  return afterRating(i);
}

export const SATISFIED_FROM = 3;

const RULES: Record<AppealAction, Rule> = {
  accept: { roles: FRONT_OFFICE, from: ['submitted'], to: 'accepted' },
  decline: { roles: FRONT_OFFICE, from: ['submitted'], to: 'declined' },
  resolve_on_spot: { roles: FRONT_OFFICE, from: ['accepted'], to: (i) => (i.appealType === 'consultation' ? 'closed' : 'replied') },
  dispatch: { roles: FRONT_OFFICE, from: ['accepted'], to: 'dispatched' },
  claim: { roles: ['handler'], from: ['dispatched'], needs: 'leadDepartment', to: 'claimed' },
  start: { roles: ['handler'], from: ['claimed'], needs: 'leadDepartment', to: 'in_progress' },
  // One step for the handler who answers now: claimed and started together (签收 alone stays, to claim for later).
  claim_and_start: { roles: ['handler'], from: ['dispatched'], needs: 'leadDepartment', to: 'in_progress' },
  return: { roles: ['handler'], from: WITH_DEPARTMENT, needs: 'leadDepartment', to: 'return_requested' },
  arbitrate_return: { roles: OFFICE, from: ['return_requested'], to: 'dispatched' },
  transfer: { roles: OFFICE, from: WITH_DEPARTMENT, to: 'dispatched' },
  request_info: { roles: ['handler'], from: ['in_progress'], needs: 'leadDepartment', to: 'awaiting_info' },
  provide_info: { roles: ['enterprise'], from: ['awaiting_info'], needs: 'ownEnterprise', to: 'in_progress' },
  assist_opinion: { roles: ['handler'], from: WITH_DEPARTMENT, needs: 'assistDepartment', to: 'same' },
  reply: { roles: ['handler'], from: ['in_progress'], needs: 'leadDepartment', to: 'replied' },
  rate: { roles: ['enterprise'], from: ['replied'], ratingAfterClose: true, needs: 'ownEnterprise', to: afterRating },
  follow_up: { roles: FOLLOW_UP_ROLES, from: ['replied'], ratingAfterClose: true, to: afterFollowUp },
  reopen: { roles: ['enterprise'], from: ['closed'], needs: 'ownEnterprise', to: 'dispatched' },
  close: { roles: OFFICE, from: ['replied'], to: 'closed' },
  request_extension: { roles: ['handler'], from: ['claimed', 'in_progress', 'awaiting_info'], needs: 'leadDepartment', to: 'same' },
  decide_extension: { roles: OFFICE, from: ['claimed', 'in_progress', 'awaiting_info'], to: 'same' },
  escalate: { roles: OFFICE, from: ['accepted', 'dispatched', 'claimed', 'in_progress', 'awaiting_info', 'return_requested'], to: 'same' },
  supervise: { roles: OFFICE, from: ['dispatched', 'claimed', 'in_progress', 'awaiting_info', 'return_requested'], to: 'same' },
  comment: { roles: ['coordinator', 'leader'], from: OPEN_STATES, to: 'same' },
};

export const STATE_NAMES: Record<AppealState, string> = {
  submitted: '已提交',
  accepted: '已受理',
  declined: '不予受理',
  dispatched: '已分办',
  claimed: '已签收',
  in_progress: '办理中',
  awaiting_info: '待企业补充',
  return_requested: '退回待仲裁',
  replied: '已答复',
  closed: '已办结',
};

export const ACTION_NAMES: Record<AppealAction, string> = {
  accept: '受理',
  decline: '不予受理',
  resolve_on_spot: '现场即办',
  dispatch: '分办',
  claim: '签收',
  start: '开始办理',
  claim_and_start: '签收并办理',
  return: '退回',
  arbitrate_return: '退回仲裁',
  transfer: '转办',
  request_info: '请企业补充材料',
  provide_info: '企业补充材料',
  assist_opinion: '协办意见',
  reply: '答复',
  rate: '评价',
  follow_up: '回访',
  reopen: '重办',
  close: '办结',
  request_extension: '申请延期',
  decide_extension: '审批延期',
  escalate: '提请区领导',
  supervise: '督办',
  comment: '批示/备注',
};

export type Decision = { ok: true; to: AppealState } | { ok: false; reason: 'role' | 'relation' | 'state'; message: string };

export function decide(action: AppealAction, role: Role, state: AppealState, relation: Relation, input: DecisionInput = {}): Decision {
  const rule = RULES[action];
  if (!rule.roles.includes(role)) return { ok: false, reason: 'role', message: `当前角色不能执行「${ACTION_NAMES[action]}」` };
  if (rule.needs && !relation[rule.needs]) {
    const why =
      rule.needs === 'ownEnterprise'
        ? '只能处理本企业的诉求'
        : rule.needs === 'leadDepartment'
          ? '该诉求不在本部门主办'
          : '本部门不是该诉求的协办部门';
    return { ok: false, reason: 'relation', message: why };
  }
  const closedAwaiting = state === 'closed' && rule.ratingAfterClose === true && input.awaitingRating === true;
  if (!rule.from.includes(state) && !closedAwaiting) {
    const message =
      state === 'closed' && rule.ratingAfterClose
        ? `诉求已办结，且已评价或已结束回访，不能再${ACTION_NAMES[action]}`
        : `诉求处于「${STATE_NAMES[state]}」状态，不能${ACTION_NAMES[action]}`;
    return { ok: false, reason: 'state', message };
  }
  const to = typeof rule.to === 'function' ? rule.to(input, state) : rule.to === 'same' ? state : rule.to;
  return { ok: true, to };
}

/** What an actor may do now: drives the buttons on the appeal page. */
export function availableActions(
  role: Role,
  state: AppealState,
  relation: Relation,
  input: Pick<DecisionInput, 'awaitingRating'> = {},
): AppealAction[] {
  return ACTIONS.filter((a) => decide(a, role, state, relation, input).ok);
}

/** States in which the deadline runs: from acceptance to the reply, except while the enterprise is asked. */
export const CLOCK_STATES: readonly AppealState[] = ['accepted', 'dispatched', 'claimed', 'in_progress', 'return_requested'];

export function rulesFor(action: AppealAction): Readonly<Rule> {
  return RULES[action];
}
