import fs from 'node:fs';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NGINX, startNginx, type Nginx } from './cluster/nginx.ts';
import { scratchDatabase, startServer, type ScratchDatabase, type ServerProcess } from './cluster/server.ts';

/**
 * Three server processes on one PostgreSQL behind Debian's nginx (deploy/nginx/qifu.conf):
 * sessions, uploads, settings, the calendar and the warm matching store work from any process,
 * an appeal walks through them, and each background job runs once per period in the cluster.
 */
const PG_URL = process.env.TEST_DATABASE_URL;
const skip = !PG_URL
  ? 'TEST_DATABASE_URL is unset: the three-process test needs PostgreSQL'
  : !fs.existsSync(NGINX)
    ? `${NGINX} is absent: the three-process test needs Debian's nginx (apt-get install nginx-light)`
    : undefined;
if (skip) console.warn(`tests/cluster.test.ts skipped — ${skip}`);

const NAMES = ['qifu-1', 'qifu-2', 'qifu-3'];
/** Login attempts per address per minute: the whole test logs in fewer times. */
const LOGIN_RATE = 40;
let scratch: ScratchDatabase | undefined;
let db: pg.Client;
const servers: ServerProcess[] = [];
let nginx: Nginx | undefined;
let allStarted = 0;

interface Answer {
  status: number;
  process: string | null;
  body: unknown;
  raw: Buffer;
  cookie: string | undefined;
}

async function call(
  method: string,
  path: string,
  opts: { cookie?: string; json?: unknown; body?: Buffer; type?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (opts.cookie) headers.cookie = opts.cookie;
  if (opts.json !== undefined) headers['content-type'] = 'application/json';
  if (opts.type) headers['content-type'] = opts.type;
  const res = await fetch(`${nginx!.url}${path}`, {
    method,
    headers,
    body: opts.json !== undefined ? JSON.stringify(opts.json) : opts.body && new Uint8Array(opts.body),
  });
  const raw = Buffer.from(await res.arrayBuffer());
  let body: unknown = null;
  if ((res.headers.get('content-type') ?? '').includes('json')) body = JSON.parse(raw.toString('utf8'));
  return {
    status: res.status,
    process: res.headers.get('x-qifu-process'),
    body,
    raw,
    cookie: res.headers.get('set-cookie')?.split(';')[0],
  };
}

async function login(user: string): Promise<string> {
  const r = await call('POST', '/api/auth/login', { json: { login: user, password: 'qifu@2026' } });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.cookie!;
}

/** Asks until every process has given the wanted answer (another process's change arrives by NOTIFY). */
async function untilEveryProcess(ask: () => Promise<Answer>, wanted: (a: Answer) => boolean, ms = 20_000): Promise<Set<string>> {
  const ok = new Set<string>();
  const deadline = Date.now() + ms;
  while (ok.size < NAMES.length && Date.now() < deadline) {
    const a = await ask();
    if (a.process && wanted(a)) ok.add(a.process);
    else if (a.process) ok.delete(a.process);
    if (ok.size < NAMES.length) await new Promise((r) => setTimeout(r, 50));
  }
  return ok;
}

describe.skipIf(skip)('three processes behind nginx', () => {
  beforeAll(async () => {
    scratch = await scratchDatabase(PG_URL!, 'qifu_cluster');
    db = scratch.db;
    const env = { DATABASE_URL: scratch.url, QIFU_TRUST_PROXY: '1', LOG_LEVEL: 'debug', QIFU_LOGIN_RATE_PER_MINUTE: String(LOGIN_RATE) };
    // The first process migrates and seeds; the others start on the prepared database.
    servers.push(await startServer(NAMES[0]!, { ...env, QIFU_SEED: 'demo', QIFU_DEMO_ENTERPRISES: '40' }));
    servers.push(...(await Promise.all(NAMES.slice(1).map((n) => startServer(n, { ...env, QIFU_SEED: 'none' })))));
    allStarted = Date.now();
    nginx = await startNginx(servers.map((s) => s.port));
  });

  afterAll(async () => {
    await nginx?.stop();
    const codes = await Promise.all(servers.map((s) => s.stop()));
    await scratch?.drop();
    // SIGTERM: every process stops cleanly (jobs finished, listener and pool closed).
    expect(codes).toEqual(servers.map(() => 0));
  });

  it('keeps one login valid on every process (sessions live in PostgreSQL)', async () => {
    const cookie = await login('enterprise');
    const seen = new Set<string>();
    for (let i = 0; i < 6; i++) {
      const me = await call('GET', '/api/auth/me', { cookie });
      expect(me.status).toBe(200);
      seen.add(me.process!);
    }
    expect([...seen].sort()).toEqual(NAMES);
  });

  it('walks an appeal from intake to the rating, each step on whichever process nginx picks', async () => {
    const [enterprise, specialist, handler] = await Promise.all(['enterprise', 'specialist', 'handler'].map(login));
    const steps: string[] = [];
    const step = async (a: Promise<Answer>, status = 200) => {
      const r = await a;
      expect(r.status, JSON.stringify(r.body)).toBe(status);
      steps.push(r.process!);
      return r.body as Record<string, unknown>;
    };
    const { id } = (await step(
      call('POST', '/api/appeals', {
        cookie: enterprise,
        json: {
          title: '厂房消防验收协调',
          description: '我司新租厂房需要办理消防验收，提交材料后一直没有回复，影响投产计划，请协调相关部门尽快安排。',
          contactPhone: '13900000000',
        },
      }),
      201,
    )) as { id: number };

    // An upload through one process is read back through every process.
    const png = Buffer.from(
      '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
      'hex',
    );
    const boundary = `----qifu${Date.now()}`;
    const form = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="现场.png"\r\nContent-Type: image/png\r\n\r\n`),
      png,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const up = (await step(
      call('POST', `/api/appeals/${id}/attachments`, { cookie: enterprise, body: form, type: `multipart/form-data; boundary=${boundary}` }),
      201,
    )) as { items: { id: number }[] };
    const readers = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const down = await call('GET', `/api/appeals/${id}/attachments/${up.items[0]!.id}`, { cookie: specialist });
      expect(down.status).toBe(200);
      expect(down.raw.equals(png)).toBe(true);
      readers.add(down.process!);
    }
    expect(readers.size).toBe(3);

    const scj = (
      await db.query<{ dept: number; item: number }>(
        `select d.id as dept, (select i.id from service_items i where i.department_id = d.id order by i.id limit 1) as item from departments d where d.code = 'SCJ'`,
      )
    ).rows[0]!;
    expect(
      (await step(call('POST', `/api/appeals/${id}/accept`, { cookie: specialist, json: { serviceItemId: scj.item, grade: 'normal' } })))
        .state,
    ).toBe('accepted');
    expect((await step(call('POST', `/api/appeals/${id}/dispatch`, { cookie: specialist, json: { departmentId: scj.dept } }))).state).toBe(
      'dispatched',
    );
    expect((await step(call('POST', `/api/appeals/${id}/claim`, { cookie: handler, json: {} }))).state).toBeTruthy();
    expect((await step(call('POST', `/api/appeals/${id}/start`, { cookie: handler, json: {} }))).state).toBe('in_progress');
    expect(
      (await step(call('POST', `/api/appeals/${id}/reply`, { cookie: handler, json: { reply: '已协调消防部门现场指导验收' } }))).state,
    ).toBe('replied');
    expect((await step(call('POST', `/api/appeals/${id}/rate`, { cookie: enterprise, json: { rating: 5 } }))).state).toBe('closed');
    const timeline = (await step(call('GET', `/api/appeals/${id}`, { cookie: specialist }))) as { appeal: { state: string } };
    expect(timeline.appeal.state).toBe('closed');
    // Nine steps round robin over three processes: every process took part.
    expect(new Set(steps).size).toBe(3);
    const events = await db.query<{ action: string }>('select action from appeal_events where appeal_id = $1 order by id', [id]);
    expect(events.rows.map((e) => e.action)).toEqual(
      expect.arrayContaining(['submit', 'accept', 'dispatch', 'claim', 'start', 'reply', 'rate']),
    );
  });

  it('brings a settings or calendar change made through one process to the others', async () => {
    const cookie = await login('admin');
    const before = (await call('GET', '/api/admin/settings/appeals', { cookie })).body as { reopenDays: number };
    const changed = { ...before, reopenDays: before.reopenDays === 30 ? 31 : 30 };
    expect((await call('PUT', '/api/admin/settings/appeals', { cookie, json: changed })).status).toBe(200);
    const settingsSeen = await untilEveryProcess(
      () => call('GET', '/api/admin/settings/appeals', { cookie }),
      (a) => (a.body as { reopenDays: number }).reopenDays === changed.reopenDays,
    );
    expect([...settingsSeen].sort()).toEqual(NAMES);

    const year = async () => call('GET', '/api/calendar/days?year=2031', {});
    const workdays = ((await year()).body as { workingDayCount: number }).workingDayCount;
    // 2031-03-04 is a Tuesday: made a day off through one process, every process counts one working day fewer.
    expect((await call('PUT', '/api/admin/calendar/days/2031-03-04', { cookie, json: { kind: 'holiday', name: '测试' } })).status).toBe(
      200,
    );
    const calendarSeen = await untilEveryProcess(year, (a) => (a.body as { workingDayCount: number }).workingDayCount === workdays - 1);
    expect([...calendarSeen].sort()).toEqual(NAMES);
  });

  it("keeps every process's warm matching store in step with enterprises changed elsewhere", async () => {
    const cookie = await login('policy');
    const rule = { id: 'key', field: 'is_key', op: 'is', value: true };
    const count = () => call('POST', '/api/policy-rules/count', { cookie, json: { rule } });
    const key = async () =>
      Number((await db.query<{ n: string }>(`select count(*) as n from enterprises where is_key and status = 'active'`)).rows[0]!.n);
    const now = await key();
    expect([...(await untilEveryProcess(count, (a) => (a.body as { eligible: number }).eligible === now))].sort()).toEqual(NAMES);
    // Another writer (an import, npm run import): three enterprises become key enterprises.
    await db.query(
      `update enterprises set is_key = true where id in (select id from enterprises where not is_key and status = 'active' order by id limit 3)`,
    );
    expect(await key()).toBe(now + 3);
    expect([...(await untilEveryProcess(count, (a) => (a.body as { eligible: number }).eligible === now + 3, 30_000))].sort()).toEqual(
      NAMES,
    );
  });

  it('runs each background job once per period in the cluster', async () => {
    // Long enough for several periods of the 5 s and 10 s jobs after every process is up.
    const wait = allStarted + 40_000 - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const runs = servers.flatMap((s) =>
      s.logs
        .filter((l) => l.msg === 'job done' || l.msg === 'job failed')
        .map((l) => ({ process: s.name, job: String(l.job), slot: Number(l.slot), scope: l.scope, failed: l.msg === 'job failed' })),
    );
    expect(runs.filter((r) => r.failed)).toEqual([]);
    const cluster = runs.filter((r) => r.scope === 'cluster');
    const perSlot = new Map<string, string[]>();
    for (const r of cluster) perSlot.set(`${r.job}@${r.slot}`, [...(perSlot.get(`${r.job}@${r.slot}`) ?? []), r.process]);
    // Exactly once per job and period, whichever process claimed it.
    expect([...perSlot].filter(([, by]) => by.length !== 1)).toEqual([]);
    const jobs = new Set(cluster.map((r) => r.job));
    for (const job of [
      'webhooks',
      'outbox',
      'delivery-receipts',
      'appeal-warnings',
      'overdue-report-weekly',
      'early-warning-monthly',
      'api-call-retention',
    ])
      expect(jobs, job).toContain(job);
    // No period skipped: the 5 s job ran in every slot from its first to its last.
    const slots = cluster
      .filter((r) => r.job === 'webhooks')
      .map((r) => r.slot)
      .sort((a, b) => a - b);
    expect(slots.length).toBeGreaterThanOrEqual(6);
    expect(slots[slots.length - 1]! - slots[0]! + 1).toBe(slots.length);
    // The claims in job_runs are the runs the logs show (a run still going has no log line yet).
    const rows = (
      await db.query<{ job: string; slot: string; process: string; finished: boolean }>(
        'select job, slot, process, finished_at is not null as finished from job_runs',
      )
    ).rows;
    const finished = rows
      .filter((r) => r.finished)
      .map((r) => `${r.job}@${Number(r.slot)}:${r.process}`)
      .sort();
    expect(cluster.map((r) => `${r.job}@${r.slot}:${r.process}`)).toEqual(expect.arrayContaining(finished));
    expect(cluster.length - finished.length).toBeLessThanOrEqual(jobs.size);
    // A process's own memory (its matching store, its classifier) is kept by each process.
    for (const s of servers)
      expect(
        runs.some((r) => r.process === s.name && r.job === 'policy-matching' && r.scope === 'process'),
        s.name,
      ).toBe(true);
    // Effects: every outbox message was handed to the (log) channel once, by one process.
    const logged = servers.flatMap((s) => s.logs.filter((l) => typeof l.msg === 'string' && l.msg.startsWith('outbox message')));
    const outbox = Number((await db.query<{ n: string }>(`select count(*) as n from outbox where status = 'logged'`)).rows[0]!.n);
    expect(logged.length).toBe(outbox);
    const by = Object.fromEntries(NAMES.map((n) => [n, cluster.filter((r) => r.process === n).length]));
    console.log(
      `cluster: ${cluster.length} job runs in ${perSlot.size} periods, by process ${JSON.stringify(by)}; ${outbox} outbox messages sent once each`,
    );
  });

  // Last: it spends this address's login attempts for the minute.
  it("counts a client's login attempts once for the cluster, not once per process", async () => {
    const by = new Set<string>();
    let refusedAt = 0;
    for (let i = 1; i <= LOGIN_RATE + 1 && !refusedAt; i++) {
      const r = await call('POST', '/api/auth/login', { json: { login: 'nobody_here', password: 'wrong-password-1' } });
      by.add(r.process ?? '');
      if (r.status === 429) refusedAt = i;
      // An unknown name locks like an account after QIFU_LOGIN_MAX_FAILURES (423); the rate limit is per address.
      else expect([401, 423]).toContain(r.status);
    }
    // Per-process counters would allow three times the limit.
    expect(refusedAt).toBeGreaterThan(0);
    expect(refusedAt).toBeLessThanOrEqual(LOGIN_RATE + 1);
    expect(by.size).toBe(3);
  });
});
