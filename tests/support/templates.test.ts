import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { Database } from '../../src/platform/db/index.ts';
import { demoDatabase, freshDatabase } from './database.ts';
import { MIGRATED_PREFIX } from './test-run.ts';

// The harness every database test stands on: each file gets its own copy of a template made
// once (tests/support/templates.ts); a copy must be whole, and separate from every other copy.
const opened: Database[] = [];
afterAll(async () => {
  for (const d of opened) await d.close();
});
async function open(make: () => Promise<Database>): Promise<Database> {
  const d = await make();
  opened.push(d);
  return d;
}
const count = async (d: Database, table: 'enterprises' | 'users') =>
  Number(
    (
      await d.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('database templates', () => {
  it('gives each caller its own migrated copy: what one writes, another does not see', async () => {
    const a = await open(freshDatabase);
    const b = await open(freshDatabase);
    await sql`insert into counters (name, value) values ('template-test', 1)`.execute(a.db);
    const inB = await sql<{ n: number }>`select count(*)::int as n from counters where name = 'template-test'`.execute(b.db);
    expect(inB.rows[0]?.n).toBe(0);
    expect(await count(b, 'enterprises')).toBe(0);
  });

  it('copies the demo seeded once per enterprise count, whole', async () => {
    const run = inject('qifuTestRun');
    const first = await open(() => demoDatabase(2));
    const tarball = path.join(run.dir, `qifu_${run.id}_demo2.tar`);
    const made = fs.statSync(tarball).mtimeMs;
    const second = await open(() => demoDatabase(2));
    expect(fs.statSync(tarball).mtimeMs).toBe(made);
    expect(await count(first, 'enterprises')).toBe(2);
    expect(await count(second, 'enterprises')).toBe(2);
    expect(await count(second, 'users')).toBeGreaterThan(0);
  });

  it('keeps the migrated template from run to run, named by the migrations', () => {
    const run = inject('qifuTestRun');
    expect(fs.existsSync(path.join(path.dirname(run.dir), `${MIGRATED_PREFIX}${run.migrations}.tar`))).toBe(true);
  });
});
