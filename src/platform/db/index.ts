import path from 'node:path';
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.ts';
import { PgliteClient, PgliteDialect } from './pglite-dialect.ts';
import { lockDataDir } from './lock.ts';

export type { DB } from './schema.ts';
/** The database, or a transaction (a Transaction is a Kysely): for reads and for helpers used by both. */
export type Db = Kysely<DB>;
/** The change's transaction: the one type for code that must run inside it (audit rows, locks). */
export type Tx = Transaction<DB>;

export interface Database {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** Where the data lives: the URL without password, or the directory. */
  location: string;
  /** The embedded database only: writes its data directory as a tar file, for OpenOptions.loadDataDir. */
  dumpDataDir?(file: string): Promise<void>;
  close(): Promise<void>;
}

// node-postgres returns int8 and numeric as strings and dates as local-midnight Date
// objects; both databases are made to answer alike (numbers, 'YYYY-MM-DD').
pg.types.setTypeParser(20, Number);
pg.types.setTypeParser(1700, Number);
pg.types.setTypeParser(1082, (v: string) => v);

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** A directory, or 'memory://' for a throw-away database (tests). */
  dataDir: string;
  /** search_path schema on PostgreSQL: the benches' throw-away schemas (bench/). */
  schema?: string;
  poolSize?: number;
  /** With 'memory://': start from a tar file written by dumpDataDir (the test suite's templates). */
  loadDataDir?: string;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.poolSize ?? 10,
      options: opts.schema ? `-c search_path=${opts.schema},public` : undefined,
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    await sql`select 1`.execute(db);
    const url = new URL(opts.databaseUrl);
    url.password = '';
    return { db, kind: 'postgres', location: url.toString(), close: () => db.destroy() };
  }
  const inMemory = opts.dataDir.startsWith('memory://');
  const dir = inMemory ? opts.dataDir : path.resolve(opts.dataDir);
  const unlock = inMemory ? () => undefined : lockDataDir(dir);
  try {
    const client = new PgliteClient(inMemory ? dir : path.join(dir, 'pg'), inMemory ? opts.loadDataDir : undefined);
    await client.ready;
    const db = new Kysely<DB>({ dialect: new PgliteDialect(client) });
    return {
      db,
      kind: 'pglite',
      location: dir,
      dumpDataDir: (file) => client.dumpDataDir(file),
      close: async () => {
        await db.destroy();
        unlock();
      },
    };
  } catch (err) {
    unlock();
    throw err;
  }
}
