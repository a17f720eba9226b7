import { sql, type Kysely } from 'kysely';

// A clock on acceptance (受理时限): the moment by which a submitted appeal must be accepted, set
// at submission from the appeal settings on the working-day calendar. Appeals already waiting get
// theirs from the warning sweep (the calendar and the settings live in the application, not in
// SQL). While an appeal is unaccepted its warning_level / red_since are the acceptance light.
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    sql`alter table appeals add column accept_deadline_at timestamptz`,
    // The intake queue and the sweep read the unaccepted appeals only: a small partial index.
    sql`create index appeals_unaccepted on appeals (submitted_at, id) where state = 'submitted'`,
  ];
  for (const s of statements) await s.execute(db);
}
