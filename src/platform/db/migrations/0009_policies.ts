import { sql, type Kysely } from 'kysely';

// Policy direct delivery (惠企政策直达): library, rules as data, matching, push, 免申即享,
// applications and 秒批. Frozen once landed: later changes go into new migrations.
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    // Annual figures that rules read besides the monthly indicators (revenue, R&D share). Money in 万元.
    sql`create table enterprise_annual_figures (
      enterprise_id integer not null references enterprises(id) on delete cascade,
      year integer not null check (year between 1990 and 2100),
      revenue double precision,
      rd_expense double precision,
      rd_staff integer,
      patents integer,
      primary key (enterprise_id, year)
    )`,
    // The policy library. Search text is segmented by jieba in the application (title and body
    // separately, so a hit in the title ranks higher) and indexed with the 'simple' configuration.
    sql`create table policies (
      id serial primary key,
      code text not null unique,
      title text not null,
      doc_number text,
      issuer text not null,
      department_id integer references departments(id),
      level text not null check (level in ('national', 'provincial', 'municipal', 'district')),
      category text not null default '',
      effective_from date not null,
      effective_to date,
      summary text not null default '',
      full_text text not null default '',
      interpretation text not null default '',
      benefit text not null default '',
      max_amount double precision,
      industry_codes text[] not null default '{}',
      auto_grant boolean not null default false,
      status text not null default 'draft' check (status in ('draft', 'published', 'archived')),
      title_tokens text not null default '',
      body_tokens text not null default '',
      search_vector tsvector generated always as (
        setweight(to_tsvector('simple'::regconfig, title_tokens), 'A') || setweight(to_tsvector('simple'::regconfig, body_tokens), 'B')
      ) stored,
      created_by integer references users(id),
      published_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (effective_to is null or effective_to >= effective_from)
    )`,
    sql`create index policies_search on policies using gin (search_vector)`,
    sql`create index policies_title_trgm on policies using gin (title gin_trgm_ops)`,
    sql`create index policies_filter on policies (status, level, effective_from)`,
    sql`create index policies_industry on policies using gin (industry_codes)`,
    sql`create table policy_attachments (
      id serial primary key,
      policy_id integer not null references policies(id) on delete cascade,
      file_name text not null,
      mime text not null,
      size integer not null,
      sha256 text not null,
      content bytea not null,
      uploaded_by integer not null references users(id),
      created_at timestamptz not null default now()
    )`,
    sql`create index policy_attachments_policy on policy_attachments (policy_id)`,
    // 申报通知: a window for applications under a policy, its materials and the values declared.
    sql`create table policy_notices (
      id serial primary key,
      policy_id integer not null references policies(id) on delete cascade,
      title text not null,
      body text not null default '',
      opens_at timestamptz not null,
      closes_at timestamptz not null,
      materials jsonb not null default '[]',
      declared_fields jsonb not null default '[]',
      review_levels integer not null default 1 check (review_levels between 1 and 5),
      budget double precision,
      status text not null default 'draft' check (status in ('draft', 'published', 'withdrawn')),
      created_by integer references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (closes_at > opens_at)
    )`,
    sql`create index policy_notices_policy on policy_notices (policy_id)`,
    sql`create index policy_notices_window on policy_notices (status, closes_at)`,
    // 政策画像: a versioned rule; the version valid on a day is the one whose range holds it.
    sql`create table policy_rules (
      id serial primary key,
      policy_id integer not null references policies(id) on delete cascade,
      version integer not null,
      valid_from date not null,
      valid_to date,
      rule jsonb not null,
      note text not null default '',
      created_by integer references users(id),
      created_at timestamptz not null default now(),
      unique (policy_id, version),
      check (valid_to is null or valid_to >= valid_from)
    )`,
    // Test cases kept with the rule: given this profile, this outcome.
    sql`create table policy_rule_cases (
      id serial primary key,
      policy_id integer not null references policies(id) on delete cascade,
      name text not null,
      profile jsonb not null,
      expected text not null check (expected in ('eligible', 'ineligible', 'unknown')),
      created_by integer references users(id),
      created_at timestamptz not null default now()
    )`,
    sql`create index policy_rule_cases_policy on policy_rule_cases (policy_id)`,
    // The matching result kept current by the engine: eligible, or unknown for want of data.
    // Ineligible pairs are not stored.
    sql`create table policy_matches (
      policy_id integer not null references policies(id) on delete cascade,
      enterprise_id integer not null references enterprises(id) on delete cascade,
      outcome text not null check (outcome in ('eligible', 'unknown')),
      rule_version integer not null,
      matched_at timestamptz not null default now(),
      primary key (policy_id, enterprise_id)
    )`,
    sql`create index policy_matches_enterprise on policy_matches (enterprise_id, outcome)`,
    sql`create table match_runs (
      id serial primary key,
      scope text not null check (scope in ('full', 'policy', 'enterprises')),
      policy_id integer references policies(id) on delete set null,
      policies integer not null,
      enterprises integer not null,
      changed integer not null,
      duration_ms double precision not null,
      ran_at timestamptz not null default now()
    )`,
    // Enterprises whose file changed since they were last matched. Filled by triggers, so that no
    // writer (forms, change reviews, imports, seeds) has to remember the matching engine; the engine
    // drains it. Statement-level with transition tables: a bulk import queues each enterprise once.
    sql`create table match_queue (
      enterprise_id integer primary key references enterprises(id) on delete cascade,
      queued_at timestamptz not null default now()
    )`,
    sql`create function queue_match_by_id() returns trigger language plpgsql as $$
      begin
        insert into match_queue (enterprise_id) select distinct id from changed_rows on conflict do nothing;
        return null;
      end $$`,
    sql`create function queue_match_by_enterprise() returns trigger language plpgsql as $$
      begin
        insert into match_queue (enterprise_id)
          select distinct c.enterprise_id from changed_rows c where exists (select 1 from enterprises e where e.id = c.enterprise_id)
          on conflict do nothing;
        return null;
      end $$`,
    sql`create trigger enterprises_match_ins after insert on enterprises referencing new table as changed_rows for each statement execute function queue_match_by_id()`,
    sql`create trigger enterprises_match_upd after update on enterprises referencing new table as changed_rows for each statement execute function queue_match_by_id()`,
    sql`create trigger enterprise_tags_match_ins after insert on enterprise_tags referencing new table as changed_rows for each statement execute function queue_match_by_enterprise()`,
    sql`create trigger enterprise_tags_match_upd after update on enterprise_tags referencing new table as changed_rows for each statement execute function queue_match_by_enterprise()`,
    sql`create trigger enterprise_tags_match_del after delete on enterprise_tags referencing old table as changed_rows for each statement execute function queue_match_by_enterprise()`,
    sql`create trigger enterprise_indicators_match_ins after insert on enterprise_indicators referencing new table as changed_rows for each statement execute function queue_match_by_enterprise()`,
    sql`create trigger enterprise_indicators_match_upd after update on enterprise_indicators referencing new table as changed_rows for each statement execute function queue_match_by_enterprise()`,
    sql`create trigger enterprise_indicators_match_del after delete on enterprise_indicators referencing old table as changed_rows for each statement execute function queue_match_by_enterprise()`,
    sql`create trigger enterprise_annual_figures_match_ins after insert on enterprise_annual_figures referencing new table as changed_rows for each statement execute function queue_match_by_enterprise()`,
    sql`create trigger enterprise_annual_figures_match_upd after update on enterprise_annual_figures referencing new table as changed_rows for each statement execute function queue_match_by_enterprise()`,
    sql`create trigger enterprise_annual_figures_match_del after delete on enterprise_annual_figures referencing old table as changed_rows for each statement execute function queue_match_by_enterprise()`,
    // Push (精准推送): a campaign to a policy's eligible enterprises; one recipient row per
    // enterprise and policy/notice, so a second campaign never sends the same thing twice.
    sql`create table push_campaigns (
      id serial primary key,
      policy_id integer not null references policies(id),
      notice_id integer references policy_notices(id),
      title text not null,
      message text not null,
      channels text[] not null,
      include_unknown boolean not null default false,
      targeted integer not null default 0,
      sent integer not null default 0,
      skipped integer not null default 0,
      created_by integer references users(id),
      created_at timestamptz not null default now(),
      check (channels <@ array['in_app', 'sms', 'email']::text[] and cardinality(channels) > 0)
    )`,
    sql`create table push_recipients (
      id serial primary key,
      campaign_id integer not null references push_campaigns(id) on delete cascade,
      policy_id integer not null references policies(id),
      notice_id integer references policy_notices(id),
      enterprise_id integer not null references enterprises(id) on delete cascade,
      sent_at timestamptz not null default now(),
      read_at timestamptz
    )`,
    sql`create unique index push_recipients_once on push_recipients (policy_id, coalesce(notice_id, 0), enterprise_id)`,
    sql`create index push_recipients_campaign on push_recipients (campaign_id)`,
    sql`create index push_recipients_enterprise on push_recipients (enterprise_id)`,
    // Applications (申报) and their review (受理 → 审核 → 审批 → 协议 → 拨付).
    sql`create table policy_applications (
      id serial primary key,
      number text not null unique,
      notice_id integer not null references policy_notices(id),
      policy_id integer not null references policies(id),
      enterprise_id integer not null references enterprises(id),
      applicant_id integer references users(id),
      state text not null check (state in ('submitted', 'accepted', 'in_review', 'approved', 'refused', 'agreement_signed', 'disbursed', 'withdrawn')),
      review_level integer not null default 0,
      review_levels integer not null,
      declared jsonb not null default '{}',
      held jsonb not null default '{}',
      differences jsonb not null default '[]',
      explanation jsonb,
      instant boolean not null default false,
      requested_amount double precision,
      approved_amount double precision,
      contact_name text,
      contact_phone text,
      decision_reason text,
      decided_at timestamptz,
      decided_by integer references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`,
    sql`create unique index policy_applications_once on policy_applications (notice_id, enterprise_id) where state <> 'withdrawn'`,
    sql`create index policy_applications_state on policy_applications (state, id desc)`,
    sql`create index policy_applications_enterprise on policy_applications (enterprise_id, id desc)`,
    sql`create index policy_applications_policy on policy_applications (policy_id)`,
    sql`create table application_materials (
      id serial primary key,
      application_id integer not null references policy_applications(id) on delete cascade,
      material text not null,
      file_name text not null,
      mime text not null,
      size integer not null,
      sha256 text not null,
      content bytea not null,
      uploaded_by integer not null references users(id),
      created_at timestamptz not null default now()
    )`,
    sql`create index application_materials_application on application_materials (application_id)`,
    sql`create table application_events (
      id serial primary key,
      application_id integer not null references policy_applications(id) on delete cascade,
      action text not null,
      from_state text,
      to_state text not null,
      level integer,
      actor_id integer references users(id),
      comment text not null default '',
      data jsonb,
      created_at timestamptz not null default now()
    )`,
    sql`create index application_events_application on application_events (application_id, id)`,
    // 免申即享: an officer confirms a batch drawn from the eligible list.
    sql`create table grant_batches (
      id serial primary key,
      number text not null unique,
      policy_id integer not null references policies(id),
      rule_version integer not null,
      status text not null default 'draft' check (status in ('draft', 'confirmed', 'cancelled')),
      enterprises integer not null default 0,
      total_amount double precision not null default 0,
      created_by integer references users(id),
      confirmed_by integer references users(id),
      confirmed_at timestamptz,
      created_at timestamptz not null default now()
    )`,
    sql`create table grant_batch_items (
      batch_id integer not null references grant_batches(id) on delete cascade,
      enterprise_id integer not null references enterprises(id),
      amount double precision not null check (amount >= 0),
      explanation jsonb not null,
      excluded boolean not null default false,
      primary key (batch_id, enterprise_id)
    )`,
    // What an enterprise received, from an auto-grant batch or a disbursed application.
    sql`create table benefits (
      id serial primary key,
      enterprise_id integer not null references enterprises(id),
      policy_id integer not null references policies(id),
      grant_batch_id integer references grant_batches(id),
      application_id integer references policy_applications(id),
      amount double precision not null check (amount >= 0),
      paid_on date not null,
      payment_batch text,
      created_by integer references users(id),
      created_at timestamptz not null default now(),
      check ((grant_batch_id is null) <> (application_id is null))
    )`,
    sql`create unique index benefits_grant_once on benefits (grant_batch_id, enterprise_id) where grant_batch_id is not null`,
    sql`create index benefits_enterprise on benefits (enterprise_id)`,
    sql`create index benefits_policy on benefits (policy_id, enterprise_id)`,
    sql`alter table notifications add column policy_id integer references policies(id) on delete cascade`,
  ];
  for (const s of statements) await s.execute(db);
}
