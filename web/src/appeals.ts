/**
 * The appeal loop (诉求闭环) as the API describes it: the workflow's states, actions and rules come from
 * the server's pure module (src/modules/appeals/workflow.ts, through the `@server` alias), the shapes
 * from the generated contract (web/src/api/schema.d.ts). What is declared here is for the screen only.
 */
import {
  ACTIONS,
  CLOCK_STATES,
  SATISFIED_FROM,
  STATES,
  rulesFor,
  type AppealAction,
  type AppealState,
} from '@server/modules/appeals/workflow.ts';
import type { Answer, Schemas } from './api';
import { valuesOf } from './types';

export { CLOCK_STATES, SATISFIED_FROM };
export type { AppealAction, AppealState };

export const APPEAL_STATES = STATES;

/** The enterprise's own steps (补充材料, 评价, 重办), as the workflow gives them to the enterprise role; every other action is taken by staff. */
const ENTERPRISE_ACTIONS: readonly AppealAction[] = ACTIONS.filter((a) => rulesFor(a).roles.includes('enterprise'));
export type EnterpriseAction = Extract<AppealAction, 'provide_info' | 'rate' | 'reopen'>;
export type StaffAction = Exclude<AppealAction, EnterpriseAction>;

function isAppealAction(value: string): value is AppealAction {
  return (ACTIONS as readonly string[]).includes(value);
}

export function isStaffAction(value: string): value is StaffAction {
  return isAppealAction(value) && !ENTERPRISE_ACTIONS.includes(value);
}

export function isEnterpriseAction(value: string): value is EnterpriseAction {
  return isAppealAction(value) && ENTERPRISE_ACTIONS.includes(value);
}

/**
 * What a timeline event records: every action, the filing itself, merges from the problem pool,
 * and deadlines recounted when the working-day calendar changed.
 */
const POOL_EVENTS = ['merge', 'merged_in'] as const;
const CALENDAR_EVENTS = ['deadline_recounted'] as const;
export type EventAction = AppealAction | 'submit' | (typeof POOL_EVENTS)[number] | (typeof CALENDAR_EVENTS)[number];

export function isAppealState(value: string): value is AppealState {
  return (STATES as readonly string[]).includes(value);
}

export function isEventAction(value: string): value is EventAction {
  return (
    value === 'submit' ||
    (POOL_EVENTS as readonly string[]).includes(value) ||
    (CALENDAR_EVENTS as readonly string[]).includes(value) ||
    isAppealAction(value)
  );
}

/** `/api/appeals/:id/<action-with-dashes>` */
export function actionPath(id: number, action: AppealAction): string {
  return `/api/appeals/${id}/${action.replaceAll('_', '-')}`;
}

export type AppealListItem = Schemas['AppealListItem'];
export type AppealDetail = Schemas['AppealDetail'];
export type AppealEvent = AppealDetail['timeline'][number];

export type Channel = AppealListItem['channel'];
export const CHANNELS = valuesOf<Channel>({
  portal: true,
  visit: true,
  phone: true,
  hall: true,
  wechat: true,
  hotline_12345: true,
  system: true,
  joint_meeting: true,
});
/** The channels a staff member names when filing on an enterprise's behalf (the portal is the enterprise's own). */
export const STAFF_CHANNELS: readonly Channel[] = CHANNELS.filter((c) => c !== 'portal');

/** 咨询 / 求助 / 投诉 / 建议, chosen at intake (help when none is chosen). */
export type AppealType = AppealListItem['appealType'];
export const APPEAL_TYPES = valuesOf<AppealType>({ consultation: true, help: true, complaint: true, suggestion: true });
export const APPEAL_TYPE_COLORS: Record<AppealType, string> = {
  consultation: 'cyan',
  help: 'blue',
  complaint: 'volcano',
  suggestion: 'purple',
};

export type WarningLevel = AppealListItem['warningLevel'];
export const WARNING_LEVELS = valuesOf<WarningLevel>({ green: true, yellow: true, red: true });
export type Urgency = AppealDetail['requestedUrgency'];

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

export type RatingSource = NonNullable<AppealDetail['ratingSource']>;
/** Why an appeal closed without a rating. */
export type ClosedUnrated = NonNullable<AppealDetail['closedUnrated']>;

/** One follow-up call (回访) as GET /api/appeals/:id and /api/appeals/:id/follow-ups give it. */
export type FollowUpCall = Schemas['FollowUpCall'];
export type FollowUpOutcome = FollowUpCall['outcome'];
export const FOLLOW_UP_OUTCOMES = valuesOf<FollowUpOutcome>({ rated: true, not_reached: true, declined: true });

/** GET /api/appeals/follow-ups: an appeal waiting for its follow-up. */
export type FollowUpItem = Schemas['FollowUpItem'];
export type FollowUpList = Answer<'/api/appeals/follow-ups'>;
/** GET /api/appeals/:id/follow-ups: the number to call in full, the due date and the calls so far. */
export type FollowUpDetail = Schemas['FollowUp'];

/** POST /api/appeals/suggest: a service item the text looks like, with the words that matched. */
export type Suggestion = Answer<'/api/appeals/suggest', 'post'>['items'][number];

/** Below this a suggestion is noise (chips at 0 % cluttered the form): such suggestions are not shown. */
export const MIN_SUGGESTION_CONFIDENCE = 0.1;

/** The suggestions worth showing. */
export function meaningful<S extends { confidence: number }>(suggestions: readonly S[]): S[] {
  return suggestions.filter((s) => s.confidence >= MIN_SUGGESTION_CONFIDENCE);
}

export type Notification = Schemas['Notification'];

export type ExtensionRequest = Answer<'/api/appeals/extensions'>['items'][number];
export type AppealRef = ExtensionRequest['appeal'];
export type ExtensionStatus = ExtensionRequest['status'];

export type SupervisionOrder = Answer<'/api/supervision-orders'>['items'][number];
export type SupervisionStatus = SupervisionOrder['status'];
export const SUPERVISION_STATUSES = valuesOf<SupervisionStatus>({ open: true, answered: true, closed: true });

export type MeetingItem = Schemas['MeetingItem'];
export type MeetingStatus = MeetingItem['status'];
export const MEETING_STATUSES = valuesOf<MeetingStatus>({ pending: true, decided: true, done: true });

export type SweepResult = Answer<'/api/appeals/sweep', 'post'>;

/** What the reply card is called: after a rating sends it back (重办), the reply on file is only the earlier one. */
export function outcomeLabel(a: AppealDetail): 'appeal.declineReason' | 'appeal.reply' | 'appeal.previousReply' {
  if (a.declineReason) return 'appeal.declineReason';
  return a.state === 'replied' || a.state === 'closed' ? 'appeal.reply' : 'appeal.previousReply';
}
