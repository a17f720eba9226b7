import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

/**
 * One vitest run (per project): its id names its PostgreSQL databases, its directory holds the
 * PGlite template tarballs and the locks that let one worker build each template while the
 * others wait. Made by global-setup.ts, handed to the workers through vitest's provide/inject.
 */
export interface TestRun {
  id: string;
  dir: string;
  /** migrationsHash() at the run's start: names the migrated template, kept from run to run. */
  migrations: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    qifuTestRun: TestRun;
  }
}

/**
 * Where the templates live (under node_modules, so ignored by git): the migrated one, kept, and a
 * directory per run that the run's teardown removes.
 */
export const CACHE_ROOT = fileURLToPath(new URL('../../node_modules/.cache/qifu-tests', import.meta.url));

/**
 * What a migrated database's content follows from: the migrations, their list, and the versions
 * of PGlite and Kysely (PostgreSQL's is the server's own). Migrations import nothing but Kysely
 * and use the clock only for column defaults, so a migrated template can serve later runs.
 */
export function migrationsHash(): string {
  const hash = createHash('sha256');
  const db = new URL('../../src/platform/db/', import.meta.url);
  const migrations = new URL('migrations/', db);
  for (const name of fs.readdirSync(migrations).sort()) hash.update(name).update(fs.readFileSync(new URL(name, migrations)));
  hash.update(fs.readFileSync(new URL('migrate.ts', db)));
  for (const pkg of ['@electric-sql/pglite', 'kysely'])
    hash.update(fs.readFileSync(new URL(`../../node_modules/${pkg}/package.json`, import.meta.url)));
  return hash.digest('hex').slice(0, 16);
}

/** The PostgreSQL server of the 'postgres' project (vitest.config.ts), or undefined on PGlite. */
export function postgresUrl(): string | undefined {
  return process.env.QIFU_TEST_DB === 'postgres' ? process.env.TEST_DATABASE_URL : undefined;
}

/** The migrated template, kept from run to run: a PGlite tarball in CACHE_ROOT, a PostgreSQL database. */
export const MIGRATED_PREFIX = 'qifu_migrated_';

/** Every database of a run starts with this prefix, so that a run's teardown finds all of its own. */
export function databasePrefix(runId: string): string {
  return `qifu_${runId}_`;
}

export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs `f` on a connection to the server's own database (TEST_DATABASE_URL's), for CREATE / DROP DATABASE. */
export async function withServer<T>(serverUrl: string, f: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await f(client);
  } finally {
    await client.end();
  }
}

export async function dropRunDatabases(serverUrl: string, runId: string): Promise<void> {
  await withServer(serverUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>(`select datname from pg_database where starts_with(datname, $1)`, [
      databasePrefix(runId),
    ]);
    for (const { datname } of rows) await client.query(`drop database if exists ${datname} with (force)`);
  });
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A lock across the run's workers (processes): a file made exclusively, holding the holder's pid.
 * A lock whose holder died (a worker killed mid-build) is taken over.
 */
export async function lockFile(file: string): Promise<() => void> {
  for (;;) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    let holder = NaN;
    try {
      holder = Number(fs.readFileSync(file, 'utf8'));
    } catch {
      continue; // released meanwhile
    }
    // An empty file is a lock being written: wait for it like for a live holder.
    if (holder > 0 && !alive(holder)) fs.rmSync(file, { force: true });
    else await sleep(200);
  }
}
