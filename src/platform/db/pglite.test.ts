import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './index.ts';

let database: Database;
beforeAll(async () => {
  database = await openDatabase({ dataDir: 'memory://' });
});
afterAll(() => database.close());

describe('embedded database (PGlite in a worker thread)', () => {
  it('keeps the event loop free while a long query runs', async () => {
    let maxLag = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      maxLag = Math.max(maxLag, now - last - 5);
      last = now;
    }, 5);
    const started = performance.now();
    await sql`select count(*) from generate_series(1, 8000000)`.execute(database.db);
    const took = performance.now() - started;
    clearInterval(timer);
    expect(took).toBeGreaterThan(300);
    // Had the query run on this thread, the timer would have stalled for the whole query;
    // the margin allows for a loaded machine (CI, two test files at a time on two cores).
    expect(maxLag).toBeLessThan(took / 4);
  });

  it('runs one transaction at a time and rolls back on error', async () => {
    await sql`create table t (n int primary key)`.execute(database.db);
    const a = database.db.transaction().execute(async (trx) => {
      await sql`insert into t values (1)`.execute(trx);
      await new Promise((r) => setTimeout(r, 30));
      await sql`insert into t values (2)`.execute(trx);
    });
    const b = database.db.transaction().execute(async (trx) => {
      await sql`insert into t values (3)`.execute(trx);
      throw new Error('abort');
    });
    await a;
    await expect(b).rejects.toThrow('abort');
    const rows = await sql<{ n: number }>`select n from t order by n`.execute(database.db);
    expect(rows.rows.map((r) => r.n)).toEqual([1, 2]);
  });

  it('raises PostgreSQL error codes like node-postgres does', async () => {
    await sql`create table u (k text unique)`.execute(database.db);
    await sql`insert into u values ('a')`.execute(database.db);
    await expect(sql`insert into u values ('a')`.execute(database.db)).rejects.toMatchObject({ code: '23505', constraint: 'u_k_key' });
  });

  it('starts a new database from a dumped data directory (the test templates)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qifu-dump-'));
    const file = path.join(dir, 'data.tar');
    try {
      await sql`create table kept (v text)`.execute(database.db);
      await sql`insert into kept values ('before the dump')`.execute(database.db);
      await database.dumpDataDir?.(file);
      const copy = await openDatabase({ dataDir: 'memory://', loadDataDir: file });
      try {
        await sql`insert into kept values ('only in the copy')`.execute(copy.db);
        const inCopy = await sql<{ v: string }>`select v from kept order by v`.execute(copy.db);
        expect(inCopy.rows.map((r) => r.v)).toEqual(['before the dump', 'only in the copy']);
      } finally {
        await copy.close();
      }
      const inOriginal = await sql<{ v: string }>`select v from kept`.execute(database.db);
      expect(inOriginal.rows.map((r) => r.v)).toEqual(['before the dump']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
