import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/platform/config.ts';
import { openDatabase, type Database } from '../src/platform/db/index.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { seedDemo } from '../src/seed/demo.ts';

/**
 * Appeal intake over real HTTP (login cookie, validation, classification, number, event,
 * audit row, notification) on PGlite and on PostgreSQL. Baseline: the bare INSERT of the
 * same appeal rows on the same database, measured in the same run.
 */
const N = Number(process.env.BENCH_INTAKE_N ?? 400);
const CONCURRENCY = 8;
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const body = (i: number) => ({
  title: `厂房消防验收协调 ${i}`,
  description: `我司新租厂房需要办理消防验收，提交材料后一直没有回复，影响投产计划，请协调相关部门尽快安排现场检查。编号 ${i}`,
  contactPhone: '13900000000',
});

function pct(sorted: number[], p: number): string {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!.toFixed(1);
}

async function measure(name: string, database: Database): Promise<void> {
  await seedDemo(database.db, { enterprises: 50, randomSeed: 1 });
  const app = await buildApp(
    { db: database.db, config: loadConfig({ QIFU_SCHEDULER: 'off', LOG_LEVEL: 'silent', QIFU_LOGIN_RATE_PER_MINUTE: '1000' }) },
    { serveWeb: false },
  );
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'enterprise', password: 'qifu@2026' }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < N) {
        const i = next++;
        const t = performance.now();
        const res = await fetch(`${base}/api/appeals`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie, 'idempotency-key': `b-${i}` },
          body: JSON.stringify(body(i)),
        });
        if (res.status !== 201) throw new Error(`intake failed: ${res.status} ${await res.text()}`);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const httpMs = performance.now() - started;
  await app.close();

  const enterprise = await database.db
    .selectFrom('users')
    .select(['id', 'enterprise_id'])
    .where('username', '=', 'enterprise')
    .executeTakeFirstOrThrow();
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    await database.db
      .insertInto('appeals')
      .values({
        number: `B-${i}`,
        enterprise_id: enterprise.enterprise_id!,
        title: body(i).title,
        description: body(i).description,
        channel: 'portal',
        state: 'submitted',
        submitted_by: enterprise.id,
      })
      .execute();
  }
  const bareMs = performance.now() - t0;
  latencies.sort((a, b) => a - b);
  console.log(
    `${name}: ${N} appeals over HTTP (${CONCURRENCY} clients) in ${httpMs.toFixed(0)} ms = ${(N / (httpMs / 1000)).toFixed(0)}/s; latency p50 ${pct(latencies, 0.5)} ms, p99 ${pct(latencies, 0.99)} ms`,
  );
  console.log(
    `${name}: baseline bare INSERT ×${N}: ${bareMs.toFixed(0)} ms = ${(N / (bareMs / 1000)).toFixed(0)}/s; full intake costs ${(httpMs / bareMs).toFixed(1)}× the bare insert`,
  );
}

export async function run(): Promise<void> {
  const lite = await openDatabase({ dataDir: 'memory://' });
  await migrateToLatest(lite.db);
  await measure('PGlite', lite);
  await lite.close();

  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  try {
    await admin.connect();
  } catch {
    console.log(`PostgreSQL: not reachable at ${PG_URL}; skipped`);
    return;
  }
  await admin.query('create extension if not exists pg_trgm schema public');
  await admin.query(`create schema ${schema}`);
  const database = await openDatabase({ databaseUrl: PG_URL, dataDir: 'unused', schema });
  try {
    await migrateToLatest(database.db, schema);
    await measure('PostgreSQL', database);
  } finally {
    await database.close();
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  }
}
