import { sql, type Kysely } from 'kysely';

// The enterprise file (一企一档): contacts kept by the enterprise itself, and changes to the
// registered address or legal representative that wait for staff verification. Frozen once landed.
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    sql`create table enterprise_contacts (
      id serial primary key,
      enterprise_id integer not null references enterprises(id) on delete cascade,
      name text not null,
      title text,
      mobile text,
      email text,
      is_primary boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`,
    sql`create index enterprise_contacts_enterprise on enterprise_contacts (enterprise_id)`,
    sql`create unique index enterprise_contacts_one_primary on enterprise_contacts (enterprise_id) where is_primary`,
    sql`create table enterprise_change_requests (
      id serial primary key,
      enterprise_id integer not null references enterprises(id) on delete cascade,
      field text not null check (field in ('address', 'legal_representative')),
      old_value text,
      new_value text not null,
      status text not null default 'pending' check (status in ('pending', 'approved', 'rejected')),
      requested_by integer not null references users(id),
      requested_at timestamptz not null default now(),
      reviewer_id integer references users(id),
      reviewed_at timestamptz,
      review_note text
    )`,
    sql`create index enterprise_change_requests_status on enterprise_change_requests (status, requested_at)`,
    // One open request per enterprise and field: a new one replaces nothing silently.
    sql`create unique index enterprise_change_requests_one_pending on enterprise_change_requests (enterprise_id, field) where status = 'pending'`,
  ];
  for (const s of statements) await s.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists enterprise_change_requests`.execute(db);
  await sql`drop table if exists enterprise_contacts`.execute(db);
}
