import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../tests/support/database.ts';
import type { Database } from './index.ts';
import { hit, purgeRateLimits } from './rate-limits.ts';

let database: Database;
beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(() => database.close());

describe('shared rate-limit counters', () => {
  it('counts every hit once, even at the same moment, and starts a new window when the last has passed', async () => {
    const db = database.db;
    const hits = await Promise.all(Array.from({ length: 20 }, () => hit(db, 'POST/api/auth/login-10.0.0.1', 60_000)));
    expect(hits.map((h) => h.current).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    for (const h of hits) expect(h.ttl).toBeGreaterThan(55_000);
    expect((await hit(db, 'POST/api/auth/login-10.0.0.2', 60_000)).current).toBe(1);
    // The window has passed: counting starts again.
    await sql`update rate_limits set window_start = now() - interval '61 seconds' where key = 'POST/api/auth/login-10.0.0.1'`.execute(db);
    expect((await hit(db, 'POST/api/auth/login-10.0.0.1', 60_000)).current).toBe(1);
    await sql`update rate_limits set window_start = now() - interval '2 days' where key = 'POST/api/auth/login-10.0.0.2'`.execute(db);
    expect(await purgeRateLimits(db, new Date(Date.now() - 86_400_000))).toBe(1);
    expect((await db.selectFrom('rate_limits').select('key').execute()).map((r) => r.key)).toEqual(['POST/api/auth/login-10.0.0.1']);
  });
});
