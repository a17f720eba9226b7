import { sql, type Kysely } from 'kysely';

// Login failures counted atomically for every login name, real or not, so an unknown name is
// locked like a real account and the answers name no account. Real accounts keep their count on
// the users row (administrators unlock it there); names that match no account are counted here,
// keyed by a hash of the normalised name (a password typed into the name field is not stored).
// Both forget failures a day after the last one, which is when the purge may delete a row here.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table login_attempts (
    login_key text primary key,
    failures integer not null,
    locked_until timestamptz,
    updated_at timestamptz not null default now()
  )`.execute(db);
  await sql`alter table users add column failed_login_at timestamptz`.execute(db);
}
