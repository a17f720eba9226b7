import { sql, type Kysely } from 'kysely';

// Single sign-on logout and supervision orders that end with their appeal.
export async function up(db: Kysely<unknown>): Promise<void> {
  // The provider's ID token of a single sign-on session: sent back as id_token_hint when the user
  // logs out, so that the provider ends its own session too (RP-initiated logout). Deleted with the session.
  await sql`alter table sessions add column id_token text`.execute(db);
  // How a supervision order ended: closed by the office, or settled because its appeal closed.
  await sql`alter table supervision_orders add column closed_at timestamptz`.execute(db);
  await sql`alter table supervision_orders add column closed_reason text check (closed_reason in ('office', 'appeal_closed'))`.execute(db);
  // Orders left open by appeals that have already closed (or were declined) are settled now.
  await sql`update supervision_orders s set status = 'closed', closed_reason = 'appeal_closed', closed_at = coalesce(a.closed_at, a.updated_at)
    from appeals a where a.id = s.appeal_id and s.status <> 'closed' and a.state in ('closed', 'declined')`.execute(db);
}
