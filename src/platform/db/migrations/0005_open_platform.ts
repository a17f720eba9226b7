import { sql, type Kysely } from 'kysely';

// The open platform: API clients, their call log, webhooks. Frozen once landed: later changes go into new migrations.
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    // A connected system (12345 hotline …). It acts through a service user of its own, so that
    // intake, idempotency and the audit log treat it like any other submitter.
    sql`create table api_clients (
      id serial primary key,
      name text not null unique,
      description text not null default '',
      user_id integer not null unique references users(id),
      channel text not null default 'system' check (channel in ('hotline_12345', 'system', 'wechat', 'phone', 'hall', 'visit')),
      scopes text not null default '',
      rate_per_minute integer not null default 60 check (rate_per_minute between 1 and 100000),
      key_prefix text not null,
      key_hash text not null unique,
      active boolean not null default true,
      created_by integer references users(id),
      created_at timestamptz not null default now(),
      key_rotated_at timestamptz not null default now(),
      revoked_at timestamptz
    )`,
    sql`create table api_calls (
      id bigserial primary key,
      client_id integer not null references api_clients(id) on delete cascade,
      at timestamptz not null default now(),
      method text not null,
      path text not null,
      status integer not null,
      ms integer not null,
      request_id text not null
    )`,
    sql`create index api_calls_client on api_calls (client_id, id desc)`,
    // Status read back by the connected system's own reference.
    sql`create index appeals_external_ref on appeals (submitted_by, external_ref) where external_ref is not null`,
    sql`create table webhook_subscriptions (
      id serial primary key,
      client_id integer not null references api_clients(id) on delete cascade,
      url text not null,
      events text not null,
      secret text not null,
      active boolean not null default true,
      created_at timestamptz not null default now()
    )`,
    sql`create index webhook_subscriptions_client on webhook_subscriptions (client_id)`,
    // The outbox: written in the transaction of the change, sent later by the scheduler.
    sql`create table webhook_deliveries (
      id bigserial primary key,
      subscription_id integer not null references webhook_subscriptions(id) on delete cascade,
      event text not null,
      payload jsonb not null,
      status text not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
      attempts integer not null default 0,
      next_attempt_at timestamptz not null default now(),
      last_status integer,
      last_error text,
      delivered_at timestamptz,
      created_at timestamptz not null default now()
    )`,
    sql`create index webhook_deliveries_due on webhook_deliveries (next_attempt_at) where status = 'pending'`,
    sql`create index webhook_deliveries_subscription on webhook_deliveries (subscription_id, id desc)`,
  ];
  for (const s of statements) await s.execute(db);
}
