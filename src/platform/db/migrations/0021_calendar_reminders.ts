import { sql, type Kysely } from 'kysely';

// The December reminder to load next year's official holiday schedule: one row per year once the
// administrators were told, inserted or nothing, so several processes never remind twice.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table calendar_reminders (
    year integer primary key check (year between 2004 and 2100),
    sent_at timestamptz not null default now()
  )`.execute(db);
}
