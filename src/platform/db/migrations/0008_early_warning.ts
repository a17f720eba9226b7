import { sql, type Kysely } from 'kysely';

// Monitoring and early warning (监测预警). Frozen once landed: later changes go into new migrations.
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    // A rule set by the administrator. `params` depends on the kind (see src/modules/warnings/rules.ts).
    // The rules read a few months of the whole district at a time.
    sql`create index enterprise_indicators_month on enterprise_indicators (month)`,
    sql`create table warning_rules (
      id serial primary key,
      name text not null,
      kind text not null check (kind in ('yoy_drop', 'rolling_drop', 'consecutive_decline', 'missing', 'relocation_address', 'relocation_power')),
      indicator text check (indicator in ('output', 'value_added', 'fixed_investment', 'tax', 'employees', 'electricity', 'water', 'gas')),
      params jsonb not null default '{}',
      level text not null check (level in ('yellow', 'orange', 'red')),
      active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`,
    // One warning per (enterprise, rule, month), whatever how often the evaluation runs.
    sql`create table enterprise_warnings (
      id serial primary key,
      enterprise_id integer not null references enterprises(id) on delete cascade,
      rule_id integer not null references warning_rules(id),
      month date not null check (extract(day from month) = 1),
      level text not null check (level in ('yellow', 'orange', 'red')),
      value double precision,
      explanation text not null,
      status text not null default 'open' check (status in ('open', 'following', 'closed')),
      assigned_user_id integer references users(id),
      actions_taken text,
      closed_by integer references users(id),
      closed_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (enterprise_id, rule_id, month)
    )`,
    sql`create index enterprise_warnings_month on enterprise_warnings (month, level)`,
    sql`create index enterprise_warnings_assigned on enterprise_warnings (assigned_user_id, status)`,
    sql`create index enterprise_warnings_status on enterprise_warnings (status, id desc)`,
    // The follow-up log: what was done, by whom, when.
    sql`create table warning_actions (
      id serial primary key,
      warning_id integer not null references enterprise_warnings(id) on delete cascade,
      user_id integer references users(id),
      kind text not null check (kind in ('follow_up', 'close', 'reopen')),
      note text not null,
      created_at timestamptz not null default now()
    )`,
    sql`create index warning_actions_warning on warning_actions (warning_id, id)`,
    // Which month was evaluated over how many indicator rows: the monthly job re-runs when more arrive.
    sql`create table warning_runs (
      month date primary key,
      indicator_rows integer not null,
      raised integer not null,
      ran_at timestamptz not null default now()
    )`,
    sql`insert into warning_rules (name, kind, indicator, params, level) values
      ('产值同比大幅下降', 'yoy_drop', 'output', '{"threshold": 30}', 'orange'),
      ('税收同比大幅下降', 'yoy_drop', 'tax', '{"threshold": 50}', 'yellow'),
      ('产值较近 3 月均值骤降', 'rolling_drop', 'output', '{"months": 3, "threshold": 40}', 'red'),
      ('产值连续 3 个月下降', 'consecutive_decline', 'output', '{"count": 3}', 'yellow'),
      ('用电连续 3 个月未报送', 'missing', 'electricity', '{"months": 3}', 'yellow'),
      ('注册地址迁出本区', 'relocation_address', null, '{}', 'red'),
      ('用电骤降而产值平稳（疑似外迁）', 'relocation_power', null, '{"months": 3, "electricityDrop": 50, "outputBand": 15}', 'red')`,
  ];
  for (const s of statements) await s.execute(db);
}
