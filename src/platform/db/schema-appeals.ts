import type { ColumnType, Generated } from 'kysely';
import type { Grade } from './schema.ts';
import type { MessageKind, OutboxStatus } from './schema-delivery.ts';

/** Table types of migration 0003 (the appeal closed loop). */
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string | undefined | null, string | null>;
type Int8 = ColumnType<number, number | undefined, number>;

export type Channel = 'portal' | 'visit' | 'phone' | 'hall' | 'wechat' | 'hotline_12345' | 'system' | 'joint_meeting';
export type WarningLevel = 'green' | 'yellow' | 'red';
/** 咨询 / 求助 / 投诉 / 建议 (migration 0013). */
export type AppealType = 'consultation' | 'help' | 'complaint' | 'suggestion';
export type RatingSource = 'self' | 'follow_up';
/** Why an appeal closed with no rating (migration 0013). */
export type ClosedUnrated = 'not_reached' | 'declined' | 'auto' | 'office';

export interface AppealsTable {
  id: Generated<number>;
  number: string;
  enterprise_id: number;
  service_item_id: number | null;
  title: string;
  description: string;
  contact_name: string | null;
  contact_phone: string | null;
  channel: Channel;
  requested_urgency: ColumnType<'normal' | 'urgent', 'normal' | 'urgent' | undefined, 'normal' | 'urgent'>;
  grade: Grade | null;
  state: string;
  lead_department_id: number | null;
  handler_user_id: number | null;
  submitted_by: number;
  submitted_at: Timestamp;
  accepted_at: Date | null;
  dispatched_at: Date | null;
  claimed_at: Date | null;
  replied_at: Date | null;
  closed_at: Date | null;
  deadline_at: Date | null;
  paused_since: Date | null;
  paused_ms: Int8;
  warning_level: ColumnType<WarningLevel, WarningLevel | undefined, WarningLevel>;
  red_since: Date | null;
  escalated_at: Date | null;
  escalation_note: string | null;
  on_spot: Generated<boolean>;
  reopen_count: Generated<number>;
  returns_upheld: Generated<number>;
  decline_reason: string | null;
  reply: string | null;
  rating: number | null;
  unsatisfied_ratings: Generated<number>;
  rating_comment: string | null;
  rated_at: Date | null;
  merged_into_id: number | null;
  common_problem_id: number | null;
  idempotency_key: string | null;
  external_ref: string | null;
  suggestions: Json;
  created_at: CreatedAt;
  updated_at: Timestamp;
  // Migration 0013 (回访 and appeal types).
  appeal_type: ColumnType<AppealType, AppealType | undefined, AppealType>;
  rating_source: RatingSource | null;
  unsatisfied_follow_ups: Generated<number>;
  unsatisfied_points: Generated<number>;
  unsatisfied_follow_up_points: Generated<number>;
  closed_unrated: ClosedUnrated | null;
  // Migration 0017 (受理时限): when a submitted appeal must be accepted by.
  accept_deadline_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  // Migration 0019 (Open311): where the requester says the problem is, their e-mail, a picture link.
  location_lat: ColumnType<number | null, number | null | undefined, number | null>;
  location_long: ColumnType<number | null, number | null | undefined, number | null>;
  location_address: ColumnType<string | null, string | null | undefined, string | null>;
  contact_email: ColumnType<string | null, string | null | undefined, string | null>;
  media_url: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface AppealDepartmentsTable {
  appeal_id: number;
  department_id: number;
  role: 'lead' | 'assist';
  opinion: string | null;
  opinion_at: Date | null;
  opinion_by: number | null;
}

export interface AppealEventsTable {
  id: Generated<number>;
  appeal_id: number;
  at: Timestamp;
  actor_id: number | null;
  actor_name: string;
  actor_role: string;
  action: string;
  from_state: string | null;
  to_state: string | null;
  note: string | null;
  data: Json;
  public: Generated<boolean>;
}

export interface AppealAttachmentsTable {
  id: Generated<number>;
  appeal_id: number;
  file_name: string;
  mime: string;
  size: number;
  sha256: string;
  content: Uint8Array;
  uploaded_by: number;
  created_at: CreatedAt;
  /** The timeline step (a reply) the file was sent with; null while not sent. */
  event_id: ColumnType<number | null, number | null | undefined, number | null>;
}

/** 答复模板: a department's standard wording for replies on one of its service items. */
export interface ReplyTemplatesTable {
  id: Generated<number>;
  department_id: number;
  service_item_id: number;
  title: string;
  body: string;
  created_by: number;
  updated_at: Timestamp;
}

export interface AppealReturnsTable {
  id: Generated<number>;
  appeal_id: number;
  department_id: number;
  reason: string;
  suggested_department_id: number | null;
  requested_by: number;
  requested_at: CreatedAt;
  decision: 'upheld' | 'rejected' | null;
  decision_note: string | null;
  decided_by: number | null;
  decided_at: Date | null;
}

export interface ExtensionRequestsTable {
  id: Generated<number>;
  appeal_id: number;
  department_id: number;
  working_days: number;
  reason: string;
  requested_by: number;
  requested_at: CreatedAt;
  status: ColumnType<'pending' | 'approved' | 'denied', 'pending' | undefined, 'approved' | 'denied'>;
  decision_note: string | null;
  decided_by: number | null;
  decided_at: Date | null;
  old_deadline: Date | null;
  new_deadline: Date | null;
}

export interface SupervisionOrdersTable {
  id: Generated<number>;
  number: string;
  appeal_id: number | null;
  department_id: number;
  content: string;
  deadline_at: Date;
  issued_by: number;
  issued_at: CreatedAt;
  status: ColumnType<'open' | 'answered' | 'closed', 'open' | undefined, 'open' | 'answered' | 'closed'>;
  response: string | null;
  responded_by: number | null;
  responded_at: Date | null;
  closed_at: Date | null;
  /** 'office' (closed by the office) or 'appeal_closed' (settled with its appeal). */
  closed_reason: 'office' | 'appeal_closed' | null;
}

export interface MeetingItemsTable {
  id: Generated<number>;
  appeal_id: number | null;
  common_problem_id: number | null;
  title: string;
  summary: Generated<string>;
  source: ColumnType<'manual' | 'long_red', 'manual' | 'long_red' | undefined, never>;
  added_by: number | null;
  added_at: CreatedAt;
  meeting_date: string | null;
  decision: string | null;
  decided_by: number | null;
  decided_at: Date | null;
  follow_up_department_id: number | null;
  follow_up_due: string | null;
  status: ColumnType<'pending' | 'decided' | 'done', 'pending' | undefined, 'pending' | 'decided' | 'done'>;
}

export interface CommonProblemsTable {
  id: Generated<number>;
  title: string;
  description: Generated<string>;
  owner_department_id: number | null;
  deadline: string | null;
  progress: Generated<string>;
  status: ColumnType<'open' | 'resolved', 'open' | undefined, 'open' | 'resolved'>;
  created_by: number | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface AppealRemindersTable {
  appeal_id: number;
  stage: string;
  deadline_at: Date;
  created_at: CreatedAt;
}

export interface NotificationsTable {
  id: Generated<number>;
  user_id: number;
  title: string;
  body: Generated<string>;
  link: string | null;
  appeal_id: number | null;
  /** Added by migration 0009. */
  policy_id: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: CreatedAt;
  read_at: Date | null;
}

export interface OutboxTable {
  id: Generated<number>;
  channel: 'sms' | 'email';
  recipient: string;
  subject: Generated<string>;
  body: string;
  created_at: CreatedAt;
  status: ColumnType<OutboxStatus, 'pending' | undefined, OutboxStatus>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  last_error: string | null;
  /** Columns below: migration 0012 (delivery). When a real channel took the message. */
  handed_at: Date | null;
  kind: MessageKind;
  params: ColumnType<Record<string, string>, string | undefined, string>;
  enterprise_id: number | null;
  campaign_id: number | null;
  /** The adapter that took (or refused) it: aliyun, tencent, smtp, log. */
  provider: string | null;
  /** The provider's id for it: Aliyun BizId, Tencent SerialNo, the SMTP Message-ID. */
  provider_id: string | null;
  error_code: string | null;
  delivered_at: Date | null;
  finished_at: Date | null;
  receipt_due_at: Date | null;
  receipt_checks: Generated<number>;
}

export interface OverdueReportsTable {
  id: Generated<number>;
  kind: 'weekly' | 'on_demand';
  period_start: string;
  period_end: string;
  generated_at: CreatedAt;
  generated_by: number | null;
  data: Json;
}

export interface CountersTable {
  name: string;
  value: Int8;
}

export interface SettingsTable {
  key: string;
  value: Json;
  updated_at: Timestamp;
}

export interface AppealTables {
  appeals: AppealsTable;
  appeal_departments: AppealDepartmentsTable;
  appeal_events: AppealEventsTable;
  appeal_attachments: AppealAttachmentsTable;
  reply_templates: ReplyTemplatesTable;
  appeal_returns: AppealReturnsTable;
  extension_requests: ExtensionRequestsTable;
  supervision_orders: SupervisionOrdersTable;
  meeting_items: MeetingItemsTable;
  common_problems: CommonProblemsTable;
  appeal_reminders: AppealRemindersTable;
  notifications: NotificationsTable;
  outbox: OutboxTable;
  overdue_reports: OverdueReportsTable;
  counters: CountersTable;
  settings: SettingsTable;
}
