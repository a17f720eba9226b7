import { sql, type Kysely } from 'kysely';

// Frozen once landed: later changes go into new migrations.
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    sql`create extension if not exists pg_trgm`,
    sql`create table streets (
      id serial primary key,
      code text not null unique,
      name text not null unique,
      active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`,
    sql`create table departments (
      id serial primary key,
      code text not null unique,
      name text not null unique,
      kind text not null default 'bureau' check (kind in ('bureau', 'coordination', 'street_office', 'other')),
      phone text,
      head_user_id integer,
      active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`,
    // 一企一档: an enterprise is keyed by its unified social credit code (GB 32100-2015).
    sql`create table enterprises (
      id serial primary key,
      uscc char(18) not null unique,
      name text not null,
      legal_representative text,
      address text,
      phone text,
      street_id integer references streets(id),
      industry_code text not null,
      scale text not null check (scale in ('large', 'medium', 'small', 'micro')),
      founded_on date,
      registered_capital numeric(16, 2),
      is_key boolean not null default false,
      status text not null default 'active' check (status in ('active', 'moved_out', 'deregistered')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`,
    sql`create index enterprises_name_trgm on enterprises using gin (name gin_trgm_ops)`,
    sql`create index enterprises_street on enterprises (street_id)`,
    sql`create index enterprises_industry on enterprises (industry_code)`,
    sql`create table enterprise_tags (
      enterprise_id integer not null references enterprises(id) on delete cascade,
      tag text not null,
      primary key (enterprise_id, tag)
    )`,
    sql`create index enterprise_tags_tag on enterprise_tags (tag)`,
    // Monthly indicators. Units: money in 万元, electricity in kWh, water in t, gas in m³.
    sql`create table enterprise_indicators (
      enterprise_id integer not null references enterprises(id) on delete cascade,
      month date not null check (extract(day from month) = 1),
      output double precision,
      value_added double precision,
      fixed_investment double precision,
      tax double precision,
      employees integer,
      electricity double precision,
      water double precision,
      gas double precision,
      primary key (enterprise_id, month)
    )`,
    sql`create table users (
      id serial primary key,
      username text not null unique,
      mobile text unique,
      display_name text not null,
      password_hash text not null,
      role text not null check (role in ('enterprise', 'specialist', 'coordinator', 'handler', 'cadre', 'leader', 'policy_officer', 'admin')),
      department_id integer references departments(id),
      street_id integer references streets(id),
      enterprise_id integer references enterprises(id),
      active boolean not null default true,
      must_change_password boolean not null default false,
      failed_logins integer not null default 0,
      locked_until timestamptz,
      last_login_at timestamptz,
      password_changed_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint users_enterprise_role check ((role = 'enterprise') = (enterprise_id is not null))
    )`,
    sql`alter table departments add constraint departments_head_user_id_fkey foreign key (head_user_id) references users(id)`,
    sql`create table sessions (
      id text primary key,
      user_id integer not null references users(id) on delete cascade,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      last_seen_at timestamptz not null default now(),
      ip text,
      user_agent text
    )`,
    sql`create index sessions_user on sessions (user_id)`,
    sql`create table taxonomy_categories (
      id serial primary key,
      code text not null unique,
      name text not null unique,
      sort_order integer not null default 0,
      active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`,
    // Each service item names the department responsible for it, so nothing is pushed around.
    sql`create table service_items (
      id serial primary key,
      category_id integer not null references taxonomy_categories(id),
      code text not null unique,
      name text not null,
      department_id integer not null references departments(id),
      default_grade text not null default 'normal' check (default_grade in ('normal', 'urgent', 'complex')),
      keywords text not null default '',
      description text not null default '',
      sort_order integer not null default 0,
      active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (category_id, name)
    )`,
    sql`create table audit_log (
      id bigserial primary key,
      at timestamptz not null default now(),
      actor_id integer,
      actor_name text,
      actor_role text,
      ip text,
      request_id text,
      action text not null,
      entity_type text not null,
      entity_id text,
      before jsonb,
      after jsonb
    )`,
    sql`create index audit_log_at on audit_log (at desc)`,
    sql`create index audit_log_entity on audit_log (entity_type, entity_id)`,
    sql`create index audit_log_actor on audit_log (actor_id)`,
    // The audit log is append-only: the database itself refuses to rewrite history.
    sql`create function audit_log_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_log is append-only' using errcode = '42501';
      end
    $$`,
    sql`create trigger audit_log_no_change before update or delete on audit_log
      for each row execute function audit_log_append_only()`,
    sql`create trigger audit_log_no_truncate before truncate on audit_log
      for each statement execute function audit_log_append_only()`,
  ];
  for (const s of statements) await s.execute(db);
}
