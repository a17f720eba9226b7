import { sql, type Kysely } from 'kysely';

// The service network (挂点服务): liaison assignments with their history, visits and the needs found on them.
// Frozen once landed: later changes go into new migrations.
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    sql`create table liaisons (
      id serial primary key,
      enterprise_id integer not null references enterprises(id),
      user_id integer not null references users(id),
      tier text not null check (tier in ('leader', 'department_head', 'special_group')),
      assigned_by integer references users(id),
      assigned_at timestamptz not null default now(),
      ended_at timestamptz
    )`,
    // One active assignment per enterprise; ended ones stay as history.
    sql`create unique index liaisons_active on liaisons (enterprise_id) where ended_at is null`,
    sql`create index liaisons_user on liaisons (user_id) where ended_at is null`,
    sql`create table liaison_visits (
      id serial primary key,
      enterprise_id integer not null references enterprises(id),
      user_id integer not null references users(id),
      planned_on date,
      visited_on date,
      status text not null check (status in ('planned', 'done', 'cancelled')),
      people_met text not null default '',
      notes text not null default '',
      purpose text not null default '',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`,
    sql`create index liaison_visits_user on liaison_visits (user_id, visited_on)`,
    sql`create index liaison_visits_enterprise on liaison_visits (enterprise_id)`,
    sql`create table liaison_needs (
      id serial primary key,
      visit_id integer not null references liaison_visits(id) on delete cascade,
      description text not null,
      resolution text not null check (resolution in ('appeal', 'on_spot')),
      appeal_id integer references appeals(id),
      note text
    )`,
    sql`create index liaison_needs_visit on liaison_needs (visit_id)`,
  ];
  for (const s of statements) await s.execute(db);
}
