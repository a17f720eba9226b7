import { sql, type Kysely } from 'kysely';

// The appeal figures and reports (appeal-stats). Frozen once landed: later changes go into new migrations.
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    // The figures' cohort is the appeals accepted in a period. The index carries every column the
    // figures read, so a year out of several is one range of it, and even all of a million appeals
    // are an index-only scan of ~80 MB instead of the ~400 MB table.
    sql`create index appeals_figures on appeals (accepted_at)
      include (lead_department_id, service_item_id, enterprise_id, state, deadline_at, replied_at, on_spot, rating, unsatisfied_ratings, reopen_count, returns_upheld)`,
    // How many Shanghai days the appeals were accepted on: without it the planner takes every
    // appeal for its own group when the figures group by day, and gives up the parallel plan.
    sql`create statistics appeals_accepted_day on ((timezone(interval '8 hours', accepted_at))::date) from appeals`,
    sql`analyze appeals`,
  ];
  for (const s of statements) await s.execute(db);
}
