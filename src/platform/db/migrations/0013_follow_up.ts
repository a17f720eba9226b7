import { sql, type Kysely } from 'kysely';

// 回访 (follow-up ratings by the office) and appeal types (咨询 / 求助 / 投诉 / 建议).
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    // The type chosen at intake; appeals filed before types existed asked for help (求助).
    sql`alter table appeals add column appeal_type text not null default 'help'
      check (appeal_type in ('consultation', 'help', 'complaint', 'suggestion'))`,
    // Who gave the current rating: the enterprise itself or the office's follow-up call.
    sql`alter table appeals add column rating_source text check (rating_source in ('self', 'follow_up'))`,
    sql`update appeals set rating_source = 'self' where rating is not null`,
    // Every unsatisfied rating sends the appeal back and is kept only as counts: how many of
    // unsatisfied_ratings came from follow-ups, and the points given, for the average rating.
    sql`alter table appeals add column unsatisfied_follow_ups integer not null default 0`,
    sql`alter table appeals add column unsatisfied_points integer not null default 0`,
    sql`alter table appeals add column unsatisfied_follow_up_points integer not null default 0`,
    // Closed with no rating, and why: the follow-up never reached the enterprise, it declined,
    // nobody rated in time (the sweep), or the office closed it.
    sql`alter table appeals add column closed_unrated text check (closed_unrated in ('not_reached', 'declined', 'auto', 'office'))`,
    // Past unsatisfied ratings: their points from the timeline where it holds them, else the lowest.
    sql`update appeals a set unsatisfied_points = coalesce((
        select sum((e.data->>'rating')::int) from appeal_events e
        where e.appeal_id = a.id and e.action = 'rate' and (e.data->>'rating')::int < 3), a.unsatisfied_ratings)
      where a.unsatisfied_ratings > 0`,
    sql`update appeals a set closed_unrated = case when exists (
        select 1 from appeal_events e where e.appeal_id = a.id and e.action = 'close' and e.actor_role = 'system') then 'auto' else 'office' end
      where a.state = 'closed' and a.rating is null and a.replied_at is not null and a.merged_into_id is null`,
    // One row per follow-up call, whatever its outcome.
    sql`create table appeal_follow_ups (
      id serial primary key,
      appeal_id integer not null references appeals(id),
      outcome text not null check (outcome in ('rated', 'not_reached', 'declined')),
      rating smallint check (rating between 1 and 5),
      comment text,
      called_by integer not null references users(id),
      called_at timestamptz not null default now(),
      check ((outcome = 'rated') = (rating is not null))
    )`,
    sql`create index appeal_follow_ups_appeal on appeal_follow_ups (appeal_id, called_at)`,
    // The follow-up queue: replied appeals and consultations closed on the spot, oldest reply first.
    sql`create index appeals_follow_up_queue on appeals (replied_at) where state = 'replied' or (on_spot and appeal_type = 'consultation')`,
    sql`create index appeals_type on appeals (appeal_type)`,
  ];
  for (const s of statements) await s.execute(db);
}
