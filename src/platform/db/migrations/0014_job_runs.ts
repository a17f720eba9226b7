import { sql, type Kysely } from 'kysely';

// Background jobs shared by several server processes: one row per job and period, claimed by
// the first process whose timer fires in it, so each period's run happens once in the cluster.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table job_runs (
    job text not null,
    -- the period: floor(epoch milliseconds / the job's interval), the same number in every process
    slot bigint not null,
    process text not null,
    started_at timestamptz not null default now(),
    finished_at timestamptz,
    failed boolean,
    primary key (job, slot)
  )`.execute(db);
}
