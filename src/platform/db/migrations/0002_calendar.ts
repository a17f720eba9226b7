import { sql, type Kysely } from 'kysely';

// Frozen once landed: later changes go into new migrations.
export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    // The administrator's corrections to the official calendar (chinese-days package data), and
    // the whole calendar of years the package does not cover yet. A row wins over the package.
    sql`create table calendar_overrides (
      date date primary key,
      kind text not null check (kind in ('workday', 'holiday')),
      name text,
      updated_by integer references users(id),
      updated_at timestamptz not null default now(),
      constraint calendar_overrides_name_check check (kind = 'workday' or name is not null)
    )`,
    // A year the administrator has finished entering: deadlines in it are no longer provisional.
    sql`create table calendar_years (
      year integer primary key check (year between 2004 and 2100),
      complete boolean not null default false,
      note text,
      updated_by integer references users(id),
      updated_at timestamptz not null default now()
    )`,
  ];
  for (const s of statements) await s.execute(db);
}
