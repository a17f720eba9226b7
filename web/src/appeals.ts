/**
 * The appeal loop (诉求闭环) as the API describes it: src/modules/appeals/{schemas,workflow,action-inputs}.ts
 * and the office's lists (延期, 督办单, 联席会议). Names here mirror STATE_NAMES / ACTION_NAMES there.
 */
import type { Grade, Ref } from './types';

export const APPEAL_STATES = [
  'submitted',
  'accepted',
  'declined',
  'dispatched',
  'claimed',
  'in_progress',
  'awaiting_info',
  'return_requested',
  'replied',
  'closed',
] as const;
export type AppealState = (typeof APPEAL_STATES)[number];

const APPEAL_ACTIONS = [
  'accept',
  'decline',
  'resolve_on_spot',
  'dispatch',
  'claim',
  'start',
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
export type AppealAction = (typeof APPEAL_ACTIONS)[number];

/** The enterprise's own steps (补充材料, 评价, 重办); every other action is taken by staff. */
const ENTERPRISE_ACTIONS = ['provide_info', 'rate', 'reopen'] as const;
export type EnterpriseAction = (typeof ENTERPRISE_ACTIONS)[number];
export type StaffAction = Exclude<AppealAction, EnterpriseAction>;

export function isStaffAction(value: string): value is StaffAction {
  return isAppealAction(value) && !(ENTERPRISE_ACTIONS as readonly string[]).includes(value);
}

export function isEnterpriseAction(value: string): value is EnterpriseAction {
  return (ENTERPRISE_ACTIONS as readonly string[]).includes(value);
}

/** What a timeline event records: every action, the filing itself, and merges from the problem pool. */
const POOL_EVENTS = ['merge', 'merged_in'] as const;
export type EventAction = AppealAction | 'submit' | (typeof POOL_EVENTS)[number];

export function isAppealState(value: string): value is AppealState {
  return (APPEAL_STATES as readonly string[]).includes(value);
}

function isAppealAction(value: string): value is AppealAction {
  return (APPEAL_ACTIONS as readonly string[]).includes(value);
}

export function isEventAction(value: string): value is EventAction {
  return value === 'submit' || (POOL_EVENTS as readonly string[]).includes(value) || isAppealAction(value);
}

/** `/api/appeals/:id/<action-with-dashes>` */
export function actionPath(id: number, action: AppealAction): string {
  return `/api/appeals/${id}/${action.replaceAll('_', '-')}`;
}

export const CHANNELS = ['portal', 'visit', 'phone', 'hall', 'wechat', 'hotline_12345', 'system', 'joint_meeting'] as const;
export type Channel = (typeof CHANNELS)[number];
/** The channels a staff member names when filing on an enterprise's behalf (the portal is the enterprise's own). */
export const STAFF_CHANNELS: readonly Channel[] = CHANNELS.filter((c) => c !== 'portal');

/** 咨询 / 求助 / 投诉 / 建议, chosen at intake (help when none is chosen). */
export const APPEAL_TYPES = ['consultation', 'help', 'complaint', 'suggestion'] as const;
export type AppealType = (typeof APPEAL_TYPES)[number];
export const APPEAL_TYPE_COLORS: Record<AppealType, string> = { consultation: 'cyan', help: 'blue', complaint: 'volcano', suggestion: 'purple' };

export const WARNING_LEVELS = ['green', 'yellow', 'red'] as const;
export type WarningLevel = (typeof WARNING_LEVELS)[number];
export type Urgency = 'normal' | 'urgent';

/** A rating from this many stars up closes the appeal; below it the appeal goes back to the department. */
export const SATISFIED_FROM = 3;

/** States in which the deadline runs (workflow.ts CLOCK_STATES); it pauses while the enterprise is asked. */
export const CLOCK_STATES: readonly AppealState[] = ['accepted', 'dispatched', 'claimed', 'in_progress', 'return_requested'];

export const STATE_COLORS: Record<AppealState, string> = {
  submitted: 'blue',
  accepted: 'cyan',
  declined: 'default',
  dispatched: 'geekblue',
  claimed: 'purple',
  in_progress: 'processing',
  awaiting_info: 'orange',
  return_requested: 'magenta',
  replied: 'gold',
  closed: 'success',
};

export const WARNING_COLORS: Record<WarningLevel, string> = { green: 'success', yellow: 'warning', red: 'error' };

export interface AppealListItem {
  id: number;
  number: string;
  title: string;
  state: AppealState;
  appealType: AppealType;
  channel: Channel;
  grade: Grade | null;
  enterprise: Ref;
  serviceItem: Ref | null;
  department: Ref | null;
  submittedAt: string;
  deadlineAt: string | null;
  warningLevel: WarningLevel;
  escalated: boolean;
  reopenCount: number;
}

export interface AppealEvent {
  id: number;
  at: string;
  actorName: string;
  actorRole: string;
  action: string;
  fromState: string | null;
  toState: string | null;
  note: string | null;
  data: unknown;
}

interface AppealDepartment extends Ref {
  role: 'lead' | 'assist';
  opinion: string | null;
}

export interface AppealDetail extends AppealListItem {
  description: string;
  contactName: string | null;
  contactPhone: string | null;
  requestedUrgency: Urgency;
  acceptedAt: string | null;
  repliedAt: string | null;
  closedAt: string | null;
  reply: string | null;
  declineReason: string | null;
  rating: number | null;
  ratingComment: string | null;
  /** Who gave the current rating: the enterprise itself or the office's follow-up call (回访). */
  ratingSource: RatingSource | null;
  closedUnrated: ClosedUnrated | null;
  /** The office's follow-up calls (empty for the enterprise). */
  followUps: FollowUpCall[];
  onSpot: boolean;
  paused: boolean;
  mergedInto: { id: number; number: string } | null;
  departments: AppealDepartment[];
  suggestions: { serviceItemId: number; name: string; confidence: number; terms: string[] }[];
  timeline: AppealEvent[];
  /** What the current user may do now: exactly these become buttons. */
  actions: string[];
}

export type RatingSource = 'self' | 'follow_up';
export const FOLLOW_UP_OUTCOMES = ['rated', 'not_reached', 'declined'] as const;
export type FollowUpOutcome = (typeof FOLLOW_UP_OUTCOMES)[number];
/** Why an appeal closed without a rating. */
export type ClosedUnrated = 'not_reached' | 'declined' | 'auto' | 'office';

/** One follow-up call (回访) as GET /api/appeals/:id and /api/appeals/:id/follow-ups give it. */
export interface FollowUpCall {
  id: number;
  outcome: FollowUpOutcome;
  rating: number | null;
  comment: string | null;
  calledBy: string;
  calledAt: string;
}

/** GET /api/appeals/follow-ups: an appeal waiting for its follow-up (src/modules/appeals/follow-up-schemas.ts). */
export interface FollowUpItem {
  id: number;
  number: string;
  title: string;
  state: AppealState;
  appealType: AppealType;
  channel: Channel;
  closedOnSpot: boolean;
  enterprise: Ref;
  department: Ref | null;
  contactName: string | null;
  contactPhone: string | null;
  repliedAt: string;
  dueAt: string;
  overdue: boolean;
  attempts: number;
  lastCallAt: string | null;
}

export interface FollowUpList {
  items: FollowUpItem[];
  total: number;
  overdue: number;
  followUpAfterWorkingDays: number;
  maxAttempts: number;
}

/** GET /api/appeals/:id/follow-ups: the number to call in full, the due date and the calls so far. */
export interface FollowUpDetail {
  awaiting: boolean;
  contactName: string | null;
  contactPhone: string | null;
  dueAt: string | null;
  overdue: boolean;
  maxAttempts: number;
  calls: FollowUpCall[];
}

/** POST /api/appeals/suggest: a service item the text looks like, with the words that matched. */
export interface Suggestion {
  serviceItemId: number;
  name: string;
  categoryName: string;
  departmentName: string;
  confidence: number;
  terms: string[];
}

export interface Notification {
  id: number;
  title: string;
  body: string;
  link: string | null;
  appealId: number | null;
  createdAt: string;
  read: boolean;
}

export interface AppealRef {
  id: number;
  number: string;
  title: string;
}

export type ExtensionStatus = 'pending' | 'approved' | 'denied';

export interface ExtensionRequest {
  id: number;
  appeal: AppealRef;
  department: Ref;
  workingDays: number;
  reason: string;
  requestedBy: string;
  requestedAt: string;
  status: ExtensionStatus;
  decisionNote: string | null;
}

export const SUPERVISION_STATUSES = ['open', 'answered', 'closed'] as const;
export type SupervisionStatus = (typeof SUPERVISION_STATUSES)[number];

export interface SupervisionOrder {
  id: number;
  number: string;
  appeal: AppealRef | null;
  department: Ref;
  content: string;
  deadlineAt: string;
  issuedAt: string;
  status: SupervisionStatus;
  response: string | null;
  respondedAt: string | null;
}

export const MEETING_STATUSES = ['pending', 'decided', 'done'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export interface MeetingItem {
  id: number;
  appeal: AppealRef | null;
  title: string;
  summary: string;
  source: 'manual' | 'long_red';
  addedAt: string;
  meetingDate: string | null;
  decision: string | null;
  followUpDepartment: Ref | null;
  followUpDue: string | null;
  status: MeetingStatus;
}

export interface SweepResult {
  changed: number;
  reminders: Record<string, number>;
  agendaItems: number;
  autoClosed: number;
  ms: number;
}

/** What the reply card is called: after a rating sends it back (重办), the reply on file is only the earlier one. */
export function outcomeLabel(a: AppealDetail): 'appeal.declineReason' | 'appeal.reply' | 'appeal.previousReply' {
  if (a.declineReason) return 'appeal.declineReason';
  return a.state === 'replied' || a.state === 'closed' ? 'appeal.reply' : 'appeal.previousReply';
}
