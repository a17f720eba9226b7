import { sql, type Kysely } from 'kysely';

// Rate limits (login, SMS codes, API clients) counted across the server processes on one database:
// the hits of each key in its current window.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table rate_limits (
    key text primary key,
    window_start timestamptz not null default now(),
    hits integer not null
  )`.execute(db);
}
