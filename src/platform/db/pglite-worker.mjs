// Runs PGlite (PostgreSQL compiled to WASM) in a worker thread. PGlite blocks the
// thread it runs on for the whole of a query; keeping it here leaves the server's
// event loop free to answer other requests meanwhile. Plain JS so that the worker
// starts without a TypeScript loader (under vitest as under `node --import tsx`).
import { openAsBlob } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

if (!parentPort) throw new Error('pglite-worker must run in a worker thread');
const port = parentPort;

/** Same parsers as the node-postgres side (see pg-types.ts): int8 and numeric as numbers, dates as 'YYYY-MM-DD'. */
const parsers = { 20: Number, 1700: Number, 1082: (/** @type {string} */ v) => v };

// loadDataDir: a tarball written by the 'dump' op below, so that a prepared database (the test
// suite's migrated, seeded templates) starts without initdb, migrations or seeding.
const loadDataDir = workerData.loadDataDir ? await openAsBlob(workerData.loadDataDir) : undefined;
const db = await PGlite.create({ dataDir: workerData.dataDir, extensions: { pg_trgm }, parsers, ...(loadDataDir ? { loadDataDir } : {}) });
port.postMessage({ type: 'ready' });

port.on(
  'message',
  async (/** @type {{id:number, op:'query'|'exec'|'dump'|'close', sql?:string, params?:unknown[], file?:string}} */ msg) => {
    try {
      if (msg.op === 'dump') {
        // Uncompressed: gzip makes the tarball 9 times smaller but every load slower.
        const tar = await db.dumpDataDir('none');
        await writeFile(msg.file ?? '', Buffer.from(await tar.arrayBuffer()));
        port.postMessage({ id: msg.id, ok: true });
        return;
      }
      if (msg.op === 'close') {
        await db.close();
        port.postMessage({ id: msg.id, ok: true });
        return;
      }
      if (msg.op === 'exec') {
        await db.exec(msg.sql ?? '');
        port.postMessage({ id: msg.id, ok: true, rows: [], affectedRows: 0 });
        return;
      }
      const res = await db.query(msg.sql ?? '', msg.params ?? []);
      port.postMessage({ id: msg.id, ok: true, rows: res.rows, affectedRows: res.affectedRows ?? 0 });
    } catch (err) {
      const e = /** @type {Record<string, unknown>} */ (err ?? {});
      port.postMessage({
        id: msg.id,
        ok: false,
        error: {
          message: String(e.message ?? err),
          code: e.code,
          detail: e.detail,
          constraint: e.constraint,
          column: e.column,
          table: e.table,
        },
      });
    }
  },
);
