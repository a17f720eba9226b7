import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../src/platform/db/index.ts';
import { migrateToLatest } from '../../src/platform/db/migrate.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { CACHE_ROOT, databasePrefix, databaseUrl, lockFile, MIGRATED_PREFIX, postgresUrl, withServer, type TestRun } from './test-run.ts';

/**
 * Database templates, copied for each test file: one migrated database (kept from run to run while
 * the migrations stay the same), and one demo-seeded copy of it per enterprise count the files
 * ask for (made once per run). The first worker to need one builds it under a lock; the others
 * wait for it, then copy it: PGlite opens the template's dumped data directory, PostgreSQL
 * creates a database from it (CREATE DATABASE … TEMPLATE).
 */
export type Template = 'migrated' | { enterprises: number };

/** The demo's random seed in every test: tests name demo records that this seed makes. */
const RANDOM_SEED = 7;

function run(): TestRun {
  const r = inject('qifuTestRun');
  if (!r) throw new Error('tests/support/global-setup.ts did not run: start tests through vitest.config.ts');
  return r;
}

/** A template's name: a PGlite tarball's and lock's in `dir`, a PostgreSQL database's. */
function placeOf(t: Template): { name: string; dir: string } {
  const r = run();
  if (t === 'migrated') return { name: MIGRATED_PREFIX + r.migrations, dir: CACHE_ROOT };
  return { name: `${databasePrefix(r.id)}demo${t.enterprises}`, dir: r.dir };
}

/** A new database for one test file, a copy of the template; close() removes it. */
export async function databaseFrom(t: Template): Promise<Database> {
  const serverUrl = postgresUrl();
  if (!serverUrl) return openDatabase({ dataDir: 'memory://', loadDataDir: await pgliteTemplate(t) });
  const template = await postgresTemplate(serverUrl, t);
  const name = `${databasePrefix(run().id)}f_${randomBytes(4).toString('hex')}`;
  await withServer(serverUrl, (client) => client.query(`create database ${name} template ${template}`));
  const database = await openDatabase({ databaseUrl: databaseUrl(serverUrl, name), dataDir: 'unused', poolSize: 4 });
  return {
    ...database,
    close: async () => {
      await database.close();
      await withServer(serverUrl, async (client) => {
        // pg's pool.end() resolves before its clients' sockets have closed; a DROP … WITH (FORCE) then
        // terminates a closing client, whose error has no listener left (an unhandled error in the run).
        for (let tries = 0; tries < 50; tries++) {
          const { rows } = await client.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
          if ((rows[0]?.n ?? 0) === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        await client.query(`drop database if exists ${name} with (force)`);
      });
    },
  };
}

/** Fills a template: migrations on an empty database, or the demo on a copy of the migrated one. */
async function fill(database: Database, t: Template): Promise<void> {
  if (t === 'migrated') await migrateToLatest(database.db);
  else await seedDemo(database.db, { enterprises: t.enterprises, randomSeed: RANDOM_SEED });
}

/** Builds a template once: the first worker under the lock, the others (and later runs, for the migrated one) find it made. */
async function once(lock: string, made: () => Promise<boolean>, build: () => Promise<void>): Promise<void> {
  if (await made()) return;
  const release = await lockFile(lock);
  try {
    if (!(await made())) await build();
  } finally {
    release();
  }
}

/** The tarball of the template's PGlite data directory. */
async function pgliteTemplate(t: Template): Promise<string> {
  const { name, dir } = placeOf(t);
  const file = path.join(dir, `${name}.tar`);
  await once(
    path.join(dir, `${name}.lock`),
    async () => fs.existsSync(file),
    async () => {
      const base = t === 'migrated' ? undefined : await pgliteTemplate('migrated');
      const database = await openDatabase({ dataDir: 'memory://', ...(base ? { loadDataDir: base } : {}) });
      try {
        await fill(database, t);
        if (!database.dumpDataDir) throw new Error('the embedded database cannot dump its data directory');
        // Written aside and renamed: a worker that finds the file finds it whole.
        const partial = `${file}.${process.pid}.partial`;
        await database.dumpDataDir(partial);
        fs.renameSync(partial, file);
      } finally {
        await database.close();
      }
    },
  );
  return file;
}

/** The template database's name on the PostgreSQL server. */
async function postgresTemplate(serverUrl: string, t: Template): Promise<string> {
  const { name, dir } = placeOf(t);
  const exists = () =>
    withServer(serverUrl, async (client) => (await client.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1);
  await once(path.join(dir, `${name}.lock`), exists, async () => {
    const base = t === 'migrated' ? undefined : await postgresTemplate(serverUrl, 'migrated');
    // Built under another name and renamed when complete, so that a template that exists is whole.
    const building = `${name}_b`;
    await withServer(serverUrl, async (client) => {
      await client.query(`drop database if exists ${building} with (force)`);
      await client.query(`create database ${building}${base ? ` template ${base}` : ''}`);
    });
    const database = await openDatabase({ databaseUrl: databaseUrl(serverUrl, building), dataDir: 'unused', poolSize: 2 });
    try {
      await fill(database, t);
    } finally {
      await database.close();
    }
    // CREATE DATABASE … TEMPLATE fails while any session is connected to the template; closed to
    // connections, not even autovacuum opens one while the run's workers copy it.
    await withServer(serverUrl, async (client) => {
      await client.query(`alter database ${building} rename to ${name}`);
      await client.query(`alter database ${name} allow_connections false`);
    });
  });
  return name;
}
