import { sql, type Kysely } from 'kysely';

// Login failures counted atomically for every login name, real or not, so an unknown name is
// locked like a real account and the answers name no account. Real accounts keep their count on
// the users row (administrators unlock it there); names that match no account are counted here,
// keyed by a hash of the name as the lookup compared it (a password typed into the name field is
// not stored). Both forget failures a day after the last one, which is when the purge may delete a
// row here. A session records how it was opened: a password an administrator set must be changed
// before a password session may do anything else, but a single sign-on session never used it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table login_attempts (
    login_key text primary key,
    failures integer not null,
    locked_until timestamptz,
    updated_at timestamptz not null default now()
  )`.execute(db);
  await sql`alter table users add column failed_login_at timestamptz`.execute(db);
  await sql`alter table sessions add column method text not null default 'password' check (method in ('password', 'sso', 'code'))`.execute(
    db,
  );
}
