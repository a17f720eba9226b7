import type { ColumnType } from 'kysely';

/** Table types of migration 0012 (delivery). Columns it adds to `outbox` and the push tables are typed there. */

/** What a message is about: picks the SMS template and the rules that apply (see notifications/queue.ts). */
export type MessageKind = 'verification_code' | 'invitation' | 'account' | 'appeal' | 'application' | 'policy';
export const MESSAGE_KINDS: readonly MessageKind[] = ['verification_code', 'invitation', 'account', 'appeal', 'application', 'policy'];

/** pending (queued) → handed (a channel took it) → delivered / failed; logged = written to the log only. */
export type OutboxStatus = 'pending' | 'handed' | 'delivered' | 'failed' | 'logged';
export type ContactChannel = 'in_app' | 'sms' | 'email';

export interface EnterpriseContactPreferencesTable {
  enterprise_id: number;
  channels: ColumnType<ContactChannel[], ContactChannel[] | undefined, ContactChannel[]>;
  promotions: ColumnType<boolean, boolean | undefined, boolean>;
  /** 'HH:MM:SS' in Asia/Shanghai; both set or both null. */
  quiet_start: string | null;
  quiet_end: string | null;
  updated_by: number | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** The outbox messages that reached a campaign's recipient; one message may reach several (a shared contact). */
export interface PushRecipientMessagesTable {
  campaign_id: number;
  enterprise_id: number;
  outbox_id: number;
}

export interface DeliveryTables {
  enterprise_contact_preferences: EnterpriseContactPreferencesTable;
  push_recipient_messages: PushRecipientMessagesTable;
}
