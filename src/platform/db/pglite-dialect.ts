import { Worker } from 'node:worker_threads';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';

interface WorkerReply {
  id?: number;
  type?: 'ready';
  ok?: boolean;
  rows?: unknown[];
  affectedRows?: number;
  error?: { message: string; code?: string; detail?: string; constraint?: string; column?: string; table?: string };
}

/** Error raised by the embedded database, shaped like node-postgres' DatabaseError. */
export class PgliteError extends Error {
  code?: string;
  detail?: string;
  constraint?: string;
  column?: string;
  table?: string;
  constructor(e: NonNullable<WorkerReply['error']>) {
    super(e.message);
    this.name = 'PgliteError';
    Object.assign(this, { code: e.code, detail: e.detail, constraint: e.constraint, column: e.column, table: e.table });
  }
}

/** The client side of pglite-worker.mjs: one PGlite instance, one session. */
export class PgliteClient {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (r: WorkerReply) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  readonly ready: Promise<void>;

  /** `loadDataDir`: a tarball made by dumpDataDir() to start from instead of an empty database. */
  constructor(dataDir: string, loadDataDir?: string) {
    this.worker = new Worker(new URL('./pglite-worker.mjs', import.meta.url), { workerData: { dataDir, loadDataDir } });
    this.ready = new Promise((resolve, reject) => {
      const onMessage = (m: WorkerReply): void => {
        if (m.type === 'ready') {
          this.worker.off('error', reject);
          resolve();
          return;
        }
        if (m.id === undefined) return;
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        if (m.ok) p.resolve(m);
        else p.reject(new PgliteError(m.error ?? { message: 'unknown embedded database error' }));
      };
      this.worker.on('message', onMessage);
      this.worker.once('error', reject);
    });
    this.worker.on('error', (err) => {
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    });
  }

  private send(op: 'query' | 'exec' | 'dump' | 'close', sql?: string, params?: readonly unknown[], file?: string): Promise<WorkerReply> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, op, sql, params, file });
    });
  }

  async query<R>(sql: string, params: readonly unknown[] = []): Promise<{ rows: R[]; affectedRows: number }> {
    const r = await this.send('query', sql, params);
    return { rows: (r.rows ?? []) as R[], affectedRows: r.affectedRows ?? 0 };
  }

  async exec(sql: string): Promise<void> {
    await this.send('exec', sql);
  }

  /** Writes the whole data directory as a tar file, for `loadDataDir`. */
  async dumpDataDir(file: string): Promise<void> {
    await this.send('dump', undefined, undefined, file);
  }

  async close(): Promise<void> {
    await this.send('close');
    await this.worker.terminate();
  }
}

/**
 * PGlite has exactly one session, so the driver hands out one connection at a time.
 * A request therefore waits at most for the query (or transaction) holding it,
 * never for a whole other request.
 */
class PgliteDriver implements Driver {
  private queue: Promise<void> = Promise.resolve();
  private readonly connection: PgliteConnection;

  constructor(private readonly client: PgliteClient) {
    this.connection = new PgliteConnection(client);
  }

  async init(): Promise<void> {
    await this.client.ready;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    let release!: () => void;
    const previous = this.queue;
    this.queue = new Promise<void>((r) => (release = r));
    await previous;
    this.connection.release = release;
    return this.connection;
  }

  async beginTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('begin'));
  }

  async commitTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(): Promise<void> {
    const release = this.connection.release;
    this.connection.release = undefined;
    release?.();
  }

  async destroy(): Promise<void> {
    await this.queue;
    await this.client.close();
  }
}

class PgliteConnection implements DatabaseConnection {
  release: (() => void) | undefined;
  constructor(private readonly client: PgliteClient) {}

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const { rows, affectedRows } = await this.client.query<R>(compiledQuery.sql, compiledQuery.parameters);
    return { rows, numAffectedRows: BigInt(affectedRows) };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not supported on the embedded database');
  }
}

export class PgliteDialect implements Dialect {
  constructor(private readonly client: PgliteClient) {}
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PgliteDriver(this.client);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
}
