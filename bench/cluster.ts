import fs from 'node:fs';
import os from 'node:os';
import pg from 'pg';
import { NGINX, startNginx } from '../tests/cluster/nginx.ts';
import { startServer, type ServerProcess } from '../tests/cluster/server.ts';
import { BENCH_URL } from './support.ts';

/**
 * Appeal intake (the enterprise's POST /api/appeals: validation, classification, number, event,
 * audit row, notification) through Debian's nginx to 1 and to 3 server processes on one
 * PostgreSQL, with deploy/nginx/qifu.conf. The same clients, the same database, one after the other.
 */
const N = Number(process.env.BENCH_CLUSTER_N ?? 600);
const CLIENTS = Number(process.env.BENCH_CLUSTER_CLIENTS ?? 12);

const body = (i: number) => ({
  title: `厂房消防验收协调 ${i}`,
  description: `我司新租厂房需要办理消防验收，提交材料后一直没有回复，影响投产计划，请协调相关部门尽快安排现场检查。编号 ${i}`,
  contactPhone: '13900000000',
});

async function intake(url: string, label: string): Promise<number> {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'enterprise', password: 'qifu@2026' }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const round = async (count: number, key: string) => {
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (next < count) {
          const i = next++;
          const res = await fetch(`${url}/api/appeals`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie, 'idempotency-key': `${key}-${i}` },
            body: JSON.stringify(body(i)),
          });
          if (res.status !== 201) throw new Error(`intake failed: ${res.status} ${await res.text()}`);
        }
      }),
    );
    return count / ((performance.now() - started) / 1000);
  };
  // Warm-up, untimed: every process has compiled the path and run its first jobs.
  await round(Math.ceil(N / 5), `${label}-warm`);
  const perSecond = await round(N, label);
  console.log(`${label}: ${N} appeals through nginx (${CLIENTS} clients) = ${perSecond.toFixed(0)}/s`);
  return perSecond;
}

export async function run(): Promise<void> {
  if (!fs.existsSync(NGINX)) {
    console.log(`${NGINX} is absent (apt-get install nginx-light); skipped`);
    return;
  }
  const admin = new pg.Client({ connectionString: BENCH_URL });
  try {
    await admin.connect();
  } catch {
    console.log(`PostgreSQL: not reachable at ${BENCH_URL}; skipped`);
    return;
  }
  const name = `qifu_bench_cluster_${process.pid}`;
  await admin.query(`create database ${name}`);
  const url = new URL(BENCH_URL);
  url.pathname = `/${name}`;
  const env = { DATABASE_URL: url.toString(), QIFU_TRUST_PROXY: '1', LOG_LEVEL: 'warn', QIFU_LOGIN_RATE_PER_MINUTE: '1000' };
  const servers: ServerProcess[] = [];
  try {
    console.log(`servers: dist/server/main.js; ${os.cpus().length} cores for nginx, the servers, PostgreSQL and the clients`);
    servers.push(await startServer('qifu-1', { ...env, QIFU_SEED: 'demo', QIFU_DEMO_ENTERPRISES: '50' }));
    const one = await startNginx([servers[0]!.port]);
    const single = await intake(one.url, '1 process');
    await one.stop();
    servers.push(...(await Promise.all(['qifu-2', 'qifu-3'].map((n) => startServer(n, { ...env, QIFU_SEED: 'none' })))));
    // The new processes' first jobs (the matching store, the classifier) run 5 s after start.
    await new Promise((r) => setTimeout(r, 8_000));
    const three = await startNginx(servers.map((s) => s.port));
    const triple = await intake(three.url, '3 processes');
    await three.stop();
    console.log(`3 processes / 1 process: ${(triple / single).toFixed(2)}×`);
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
