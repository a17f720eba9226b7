import { Worker } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import Fastify from 'fastify';
import { sql } from 'kysely';
import { openDatabase } from '../src/platform/db/index.ts';

/**
 * Does a long query on the embedded database stall other requests?
 * While one heavy query runs, a client on another thread pings /healthz every 10 ms; we print the ping
 * latencies with PGlite in Qifu's worker thread, and with PGlite on the server's own
 * thread (the naive set-up) as the baseline, measured in the same run.
 */
const HEAVY = 'select count(*) from generate_series(1, 6000000) g where g % 7 = 3';

// The client runs on its own thread: on the server's thread it would stall with it and see nothing.
const PINGER = `
const { parentPort, workerData } = require('node:worker_threads');
let running = true;
const latencies = [];
parentPort.on('message', () => { running = false; });
(async () => {
  while (running) {
    const t = performance.now();
    await fetch('http://127.0.0.1:' + workerData.port + '/healthz');
    latencies.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 10));
  }
  parentPort.postMessage(latencies);
})();
`;

async function pingWhile(port: number, work: () => Promise<unknown>): Promise<{ workMs: number; latencies: number[] }> {
  const pinger = new Worker(PINGER, { eval: true, workerData: { port } });
  const done = new Promise<number[]>((resolve) => pinger.once('message', resolve));
  await new Promise((r) => setTimeout(r, 100));
  const t0 = performance.now();
  await work();
  const workMs = performance.now() - t0;
  pinger.postMessage('stop');
  const latencies = await done;
  await pinger.terminate();
  return { workMs, latencies };
}

function stats(l: number[]): string {
  const s = [...l].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!.toFixed(1);
  return `n=${s.length} p50=${q(0.5)} ms p99=${q(0.99)} ms max=${s.at(-1)!.toFixed(1)} ms`;
}

async function server(): Promise<{ port: number; close: () => Promise<void> }> {
  const app = Fastify();
  app.get('/healthz', async () => ({ status: 'ok' }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  if (!addr || typeof addr === 'string') throw new Error('no port');
  return { port: addr.port, close: () => app.close() };
}

export async function run(): Promise<void> {
  const srv = await server();
  const worker = await openDatabase({ dataDir: 'memory://' });
  const ours = await pingWhile(srv.port, () => sql.raw(HEAVY).execute(worker.db));
  await worker.close();

  const inline = await PGlite.create('memory://');
  const naive = await pingWhile(srv.port, () => inline.query(HEAVY));
  await inline.close();
  await srv.close();

  const maxOurs = Math.max(...ours.latencies);
  const maxNaive = Math.max(...naive.latencies);
  console.log(`heavy query: ${ours.workMs.toFixed(0)} ms (worker) / ${naive.workMs.toFixed(0)} ms (same thread)`);
  console.log(`/healthz during it, PGlite in worker thread : ${stats(ours.latencies)}`);
  console.log(`/healthz during it, PGlite on server thread : ${stats(naive.latencies)}  (baseline)`);
  console.log(`worst ping latency ratio baseline/ours: ${(maxNaive / maxOurs).toFixed(1)}x`);
}
