import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { alive, CACHE_ROOT, dropRunDatabases, MIGRATED_PREFIX, migrationsHash, withServer } from './test-run.ts';

/**
 * vitest globalSetup, once per project and run: a fresh run directory and id for the database
 * templates (tests/support/templates.ts), and their removal at the end. Demo templates are never
 * reused from an earlier run (the demo's dates follow the clock, and its code may have changed);
 * the migrated template is, as long as the migrations are the same.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const migrations = migrationsHash();
  await removeAbandonedRuns(serverUrl);
  await removeOtherMigrations(serverUrl, migrations);
  const id = `r${process.pid}x${randomBytes(3).toString('hex')}`;
  const dir = path.join(CACHE_ROOT, id);
  fs.mkdirSync(dir, { recursive: true });
  project.provide('qifuTestRun', { id, dir, migrations });
  return async () => {
    if (serverUrl) await dropRunDatabases(serverUrl, id);
    fs.rmSync(dir, { recursive: true, force: true });
  };
}

/** Runs killed before their teardown (Ctrl-C twice, a crash) leave a directory and databases: remove them. */
async function removeAbandonedRuns(serverUrl: string | undefined): Promise<void> {
  if (!fs.existsSync(CACHE_ROOT)) return;
  for (const id of fs.readdirSync(CACHE_ROOT)) {
    // A run's id names the vitest process that made it.
    const pid = Number(/^r(\d+)x/.exec(id)?.[1]);
    if (!(pid > 0) || alive(pid)) continue;
    if (serverUrl) await dropRunDatabases(serverUrl, id);
    fs.rmSync(path.join(CACHE_ROOT, id), { recursive: true, force: true });
  }
}

/** Migrated templates of other migrations (an edited or a new one) will not serve again. */
async function removeOtherMigrations(serverUrl: string | undefined, migrations: string): Promise<void> {
  if (fs.existsSync(CACHE_ROOT)) {
    for (const name of fs.readdirSync(CACHE_ROOT)) {
      if (name.startsWith(MIGRATED_PREFIX) && !name.startsWith(MIGRATED_PREFIX + migrations))
        fs.rmSync(path.join(CACHE_ROOT, name), { force: true });
    }
  }
  if (!serverUrl) return;
  await withServer(serverUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      'select datname from pg_database where starts_with(datname, $1) and not starts_with(datname, $2)',
      [MIGRATED_PREFIX, MIGRATED_PREFIX + migrations],
    );
    for (const { datname } of rows) await client.query(`drop database if exists ${datname} with (force)`);
  });
}
