import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../tests/support/database.ts';
import type { Database } from './index.ts';
import { claimRun, finishRun } from './job-runs.ts';

let database: Database;
beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(() => database.close());

describe('job runs: one process per period', () => {
  it('gives each period to one claimant, never while a run is unfinished, and keeps a day', async () => {
    const db = database.db;
    const claims = await Promise.all(['a', 'b', 'c'].map((p) => claimRun(db, 'sweep', 100, 60_000, p)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    // The next period waits for the run still going in another process …
    expect(await claimRun(db, 'sweep', 101, 60_000, 'b')).toBe(false);
    // … but another job does not.
    expect(await claimRun(db, 'outbox', 101, 60_000, 'b')).toBe(true);
    await finishRun(db, 'sweep', 100, false);
    expect(await claimRun(db, 'sweep', 101, 60_000, 'b')).toBe(true);
    expect(await claimRun(db, 'sweep', 101, 60_000, 'c')).toBe(false);
    await finishRun(db, 'sweep', 101, true);
    // A run its crashed process left unfinished holds the job for 15 minutes only.
    expect(await claimRun(db, 'sweep', 102, 60_000, 'a')).toBe(true);
    await sql`update job_runs set started_at = now() - interval '16 minutes' where slot = 102`.execute(db);
    expect(await claimRun(db, 'sweep', 103, 60_000, 'b')).toBe(true);
    await finishRun(db, 'sweep', 103, false);
    // Records older than a day go on the next claim: 1,440 one-minute periods later.
    expect(await claimRun(db, 'sweep', 101 + 1_441, 60_000, 'c')).toBe(true);
    const left = await db.selectFrom('job_runs').select(['slot', 'failed']).where('job', '=', 'sweep').orderBy('slot').execute();
    expect(left.map((r) => r.slot)).toEqual([102, 103, 1542]);
  });
});
