import { sql } from 'kysely';
import type { Db } from './index.ts';

/** A run left unfinished this long (its process died) no longer holds its job. */
const LEASE = sql`interval '15 minutes'`;
/** How long the record of past runs is kept. */
const KEEP_MS = 86_400_000;

/**
 * Claims period `slot` of `job` for `process`: true for exactly one process per period, and
 * never while another process's run of the same job is unfinished (no overlap across processes).
 * Records older than a day are removed on the way.
 */
export async function claimRun(db: Db, job: string, slot: number, everyMs: number, process: string): Promise<boolean> {
  const claimed = await db
    .insertInto('job_runs')
    .columns(['job', 'slot', 'process'])
    .expression(
      db
        // Cast: a bare parameter in INSERT … SELECT would be text.
        .selectNoFrom([
          sql<string>`${job}::text`.as('job'),
          sql<number>`${slot}::bigint`.as('slot'),
          sql<string>`${process}::text`.as('process'),
        ])
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('job_runs')
                .select('slot')
                .where('job', '=', job)
                .where('finished_at', 'is', null)
                .where('started_at', '>', sql<Date>`now() - ${LEASE}`),
            ),
          ),
        ),
    )
    .onConflict((oc) => oc.columns(['job', 'slot']).doNothing())
    .returning('slot')
    .executeTakeFirst();
  if (claimed)
    await db
      .deleteFrom('job_runs')
      .where('job', '=', job)
      .where('slot', '<', slot - Math.ceil(KEEP_MS / everyMs))
      .execute();
  return claimed !== undefined;
}

export async function finishRun(db: Db, job: string, slot: number, failed: boolean): Promise<void> {
  await db
    .updateTable('job_runs')
    .set({ finished_at: sql<Date>`now()`, failed })
    .where('job', '=', job)
    .where('slot', '=', slot)
    .execute();
}
