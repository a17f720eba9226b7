import { sql, type Kysely } from 'kysely';

// Webhooks in order, once, and stopped for an ended subscription or a revoked client (issue 13).
export async function up(db: Kysely<unknown>): Promise<void> {
  // What a delivery is about ('appeal:<id>'): the events of one subject reach a subscriber in order.
  await sql`alter table webhook_deliveries add column subject text`.execute(db);
  await sql`update webhook_deliveries set subject = 'appeal:' || (payload -> 'data' -> 'appeal' ->> 'id')
    where payload -> 'data' -> 'appeal' ->> 'id' is not null`.execute(db);
  // The claim in flight (a random token, cleared with its outcome): an outcome is written only by
  // the claim that sent it, so a stale sender cannot turn an acknowledged delivery back to pending.
  await sql`alter table webhook_deliveries add column lease text`.execute(db);
  // cancelled: never sent, because the subscription ended or the client was revoked (last_error says which).
  await sql`alter table webhook_deliveries drop constraint webhook_deliveries_status_check`.execute(db);
  await sql`alter table webhook_deliveries add constraint webhook_deliveries_status_check
    check (status in ('pending', 'delivered', 'failed', 'cancelled'))`.execute(db);
  // "Is an earlier event of this subject still pending for this subscriber?"
  await sql`create index webhook_deliveries_subject on webhook_deliveries (subscription_id, subject, id) where status = 'pending'`.execute(db);
}
