import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/platform/db/index.ts';
import { migrateToLatest } from '../../src/platform/db/migrate.ts';

/**
 * A fresh, migrated database for one test file: PGlite in memory by default, or a
 * schema of its own on the PostgreSQL server named by TEST_DATABASE_URL (in the
 * 'postgres' test project, see vitest.config.ts).
 */
export async function freshDatabase(): Promise<Database> {
  const url = process.env.QIFU_TEST_DB === 'postgres' ? process.env.TEST_DATABASE_URL : undefined;
  if (!url) {
    const database = await openDatabase({ dataDir: 'memory://' });
    await migrateToLatest(database.db);
    return database;
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    // Extensions are per database: install pg_trgm once, in public, where every test schema finds it.
    await admin.query('create extension if not exists pg_trgm schema public').catch(() => undefined);
    await admin.query(`create schema ${schema}`);
  } finally {
    await admin.end();
  }
  const database = await openDatabase({ databaseUrl: url, dataDir: 'unused', schema, poolSize: 4 });
  await migrateRetrying(database, schema);
  return {
    ...database,
    close: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    },
  };
}

/**
 * Kysely's migrator introspects every schema of the database; when another test file drops its
 * schema or alters its tables at that moment, PostgreSQL answers 3F000 (schema does not exist),
 * 42P01 (table) or 42703 (column) about the other schema. Nothing of ours is wrong then (and a
 * migration that did start ran in a transaction): try again.
 */
const CONCURRENT_DDL = new Set(['3F000', '42P01', '42703']);

async function migrateRetrying(database: Database, schema: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await migrateToLatest(database.db, schema);
      return;
    } catch (err) {
      if (!CONCURRENT_DDL.has(String((err as { code?: string }).code)) || attempt >= 5) throw err;
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
}
