import { sql, type Kysely } from 'kysely';

/**
 * Every recipient row that exists when this runs was written before delivery was recorded: mark
 * it legacy, and count back the in-app notifications its campaign's transaction wrote (the same
 * now(), so created_at = sent_at) for the policy to the enterprise's users. Exported for its test.
 */
export const BACKFILL_LEGACY_RECIPIENTS = sql`update push_recipients r set legacy = true, in_app = (
  select count(*) from notifications n join users u on u.id = n.user_id
  where n.policy_id = r.policy_id and u.enterprise_id = r.enterprise_id and n.created_at = r.sent_at)`;

// Delivery: per-message state with the provider's id and receipt, campaign reach, contact preferences.
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const q of [
    // Outbox states: pending (queued) → handed (a real channel took it, with its id) → delivered /
    // failed (the provider's receipt, or a permanent refusal); `logged` = only written to the log,
    // since no channel is configured — never counted as sent.
    sql`alter table outbox drop constraint outbox_status_check`,
    sql`update outbox set status = 'logged' where status = 'sent'`,
    sql`alter table outbox add constraint outbox_status_check check (status in ('pending', 'handed', 'delivered', 'failed', 'logged'))`,
    sql`alter table outbox rename column sent_at to handed_at`,
    sql`alter table outbox add column kind text not null default 'appeal'
      check (kind in ('verification_code', 'invitation', 'account', 'appeal', 'application', 'policy'))`,
    // Every writer names the kind from now on (it picks the template and the rules that apply).
    sql`alter table outbox alter column kind drop default`,
    sql`alter table outbox add column params jsonb not null default '{}'`,
    sql`alter table outbox add column enterprise_id integer references enterprises(id) on delete set null`,
    sql`alter table outbox add column campaign_id integer references push_campaigns(id) on delete cascade`,
    sql`alter table outbox add column provider text`,
    sql`alter table outbox add column provider_id text`,
    sql`alter table outbox add column error_code text`,
    sql`alter table outbox add column delivered_at timestamptz`,
    sql`alter table outbox add column finished_at timestamptz`,
    sql`alter table outbox add column receipt_due_at timestamptz`,
    sql`alter table outbox add column receipt_checks integer not null default 0`,
    sql`create index outbox_campaign on outbox (campaign_id, enterprise_id) where campaign_id is not null`,
    sql`create index outbox_receipts on outbox (receipt_due_at) where status = 'handed' and receipt_due_at is not null`,
    sql`create index outbox_provider_id on outbox (provider, provider_id) where provider_id is not null`,
    sql`create index outbox_recent on outbox (id desc)`,
    // Campaign reach: `sent` claimed delivery for rows merely inserted; it is the recipient count.
    sql`alter table push_campaigns rename column sent to recipients`,
    sql`alter table push_campaigns add column reachable integer not null default 0`,
    sql`alter table push_campaigns add column opted_out integer not null default 0`,
    sql`alter table push_recipients add column reachable boolean not null default true`,
    sql`alter table push_recipients add column unreachable_reason text check (unreachable_reason in ('no_contact', 'opted_out'))`,
    sql`alter table push_recipients add column in_app integer not null default 0`,
    // Recipients of campaigns sent before this migration: their SMS / e-mails were not linked to
    // the campaign, so nothing says what became of them. Their in-app notifications were written
    // in the campaign's transaction (notifications.created_at = sent_at, both now()) and are
    // counted back; the rest show as `legacy` (发送于迁移前，无送达记录), neither handed nor failed.
    sql`alter table push_recipients add column legacy boolean not null default false`,
    BACKFILL_LEGACY_RECIPIENTS,
    // The messages that reached each recipient of a campaign. One SMS / e-mail goes to an address
    // once per campaign, even when the contact serves several of its enterprises (an agency): each
    // of them is linked to it and counts as reached by it.
    sql`create table push_recipient_messages (
      campaign_id integer not null references push_campaigns(id) on delete cascade,
      enterprise_id integer not null references enterprises(id) on delete cascade,
      outbox_id bigint not null references outbox(id) on delete cascade,
      primary key (campaign_id, enterprise_id, outbox_id)
    )`,
    sql`create index push_recipient_messages_outbox on push_recipient_messages (outbox_id)`,
    // An enterprise that could not be reached is tried again by a later campaign; one that was reached is not.
    sql`drop index push_recipients_once`,
    sql`create unique index push_recipients_once on push_recipients (policy_id, coalesce(notice_id, 0), enterprise_id) where reachable`,
    sql`create index push_recipients_policy on push_recipients (policy_id, enterprise_id)`,
    // Contact preferences (消息设置), kept by the enterprise's administrator; no row = the defaults.
    sql`create table enterprise_contact_preferences (
      enterprise_id integer primary key references enterprises(id) on delete cascade,
      channels text[] not null default array['in_app', 'sms', 'email']::text[],
      promotions boolean not null default true,
      quiet_start time,
      quiet_end time,
      updated_by integer references users(id),
      updated_at timestamptz not null default now(),
      check (channels <@ array['in_app', 'sms', 'email']::text[]),
      check ((quiet_start is null) = (quiet_end is null) and (quiet_start is null or quiet_start <> quiet_end))
    )`,
  ]) {
    await q.execute(db);
  }
}
