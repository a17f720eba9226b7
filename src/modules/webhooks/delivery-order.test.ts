import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/app.ts';
import { dispatchWebhooks, WebhookDispatcher } from './dispatch.ts';

/** The receivers listen on this machine: allow loopback, as QIFU_WEBHOOK_ALLOW_PRIVATE does. */
const local = { allowPrivate: true };
const MINUTE = 60_000;

interface Hit {
  path: string;
  delivery: number;
  event: string;
  appeal: number;
  at: number;
}

let t: TestApp;
let admin: string;
let specialist: string;
let coordinator: string;
let base: string;
let receiver: http.Server;
const hits: Hit[] = [];
/** `<appeal id>:<event>` (or `<appeal id>:*`) the /order endpoint answers 500 for. */
const failing = new Set<string>();
/** Requests to /hang, answered only when the test says so (or never: the sender times out). */
const hanging: http.ServerResponse[] = [];
/** /race: the first request waits for `releaseRace` and then answers 500; later ones 204. */
let releaseRace: (() => void) | undefined;
let raceSeen = 0;

beforeAll(async () => {
  t = await createTestApp();
  [admin, specialist, coordinator] = await Promise.all([t.login('admin'), t.login('specialist'), t.login('coordinator')]);
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const parsed = JSON.parse(body) as { id: number; event: string; data: { appeal: { id: number } } };
      const hit = { path: req.url!, delivery: parsed.id, event: parsed.event, appeal: parsed.data.appeal.id, at: Date.now() };
      hits.push(hit);
      expect(req.headers['qifu-delivery']).toBe(String(parsed.id));
      if (req.url === '/hang') return void hanging.push(res);
      if (req.url === '/race' && raceSeen++ === 0) return void (releaseRace = () => res.writeHead(500).end());
      const fail = req.url === '/order' && (failing.has(`${hit.appeal}:${hit.event}`) || failing.has(`${hit.appeal}:*`));
      res.writeHead(fail ? 500 : 204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const res of hanging) res.destroy();
  receiver.closeAllConnections();
  await new Promise((r) => receiver.close(r));
  await t.close();
});

async function call(method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: object) {
  const res = await t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: (res.body ? res.json() : null) as Record<string, never> };
}

/** A connected system with one subscription per path, to every appeal event. */
async function system(name: string, paths: string[]) {
  const created = (await call('POST', '/api/admin/api-clients', { cookie: admin }, { name, scopes: ['appeals:write'] }))
    .body as unknown as {
    key: string;
    client: { id: number };
  };
  const subs: number[] = [];
  for (const path of paths) {
    const events = ['appeal.accepted', 'appeal.declined', 'appeal.replied', 'appeal.closed'];
    const res = await call('POST', `/api/admin/api-clients/${created.client.id}/webhooks`, { cookie: admin }, { url: base + path, events });
    expect(res.status).toBe(201);
    subs.push((res.body as unknown as { subscription: { id: number } }).subscription.id);
  }
  let n = 0;
  const file = async () => {
    const [ent, item] = await Promise.all([
      t.database.db.selectFrom('enterprises').select('uscc').orderBy('id').executeTakeFirstOrThrow(),
      t.database.db.selectFrom('service_items').select('id').where('active', '=', true).orderBy('id').executeTakeFirstOrThrow(),
    ]);
    const body = {
      title: `${name}诉求${++n}`,
      description: '用于测试事件推送的顺序与去重。',
      enterpriseUscc: ent.uscc,
      serviceItemId: item.id,
    };
    const res = await call(
      'POST',
      '/api/open/appeals',
      { authorization: `Bearer ${created.key}` },
      { ...body, externalRef: `${name}-${n}` },
    );
    expect(res.status).toBe(201);
    return (res.body as unknown as { id: number }).id;
  };
  return { clientId: created.client.id, subs, file };
}

async function step(id: number, action: string, cookie: string, payload: object = {}) {
  const res = await call('POST', `/api/appeals/${id}/${action}`, { cookie }, payload);
  expect(res.status, `${action}: ${JSON.stringify(res.body)}`).toBe(200);
}

async function deliveries(sub: number) {
  const res = await call('GET', `/api/admin/webhooks/${sub}/deliveries?pageSize=100`, { cookie: admin });
  type Row = { id: number; event: string; status: string; attempts: number; lastStatus: number | null; lastError: string | null };
  return (res.body as unknown as { items: Row[] }).items.reverse();
}

const at = (minutes: number) => new Date(Date.now() + minutes * MINUTE);

describe('webhook deliveries: every transition, in order, once, isolated', () => {
  it('tells a system its appeal was declined', async () => {
    const s = await system('不予受理测试', ['/order']);
    const id = await s.file();
    await step(id, 'decline', specialist, { reason: '不属于涉企诉求' });
    expect(await dispatchWebhooks(t.database.db, local)).toEqual({ delivered: 1, failed: 0, cancelled: 0 });
    expect(hits.filter((h) => h.appeal === id).map((h) => h.event)).toEqual(['appeal.declined']);
  });

  it("holds an appeal's later events while an earlier one is retried, without holding other appeals", async () => {
    const s = await system('顺序测试', ['/order']);
    const a = await s.file();
    const b = await s.file();
    failing.add(`${a}:appeal.accepted`);
    await step(a, 'accept', specialist);
    await step(a, 'resolve-on-spot', specialist, { reply: '已现场答复' });
    await step(a, 'close', coordinator);
    await step(b, 'accept', specialist);
    // A's first event fails: its replied and closed wait, untried; B's goes.
    expect(await dispatchWebhooks(t.database.db, local)).toEqual({ delivered: 1, failed: 1, cancelled: 0 });
    expect(await deliveries(s.subs[0]!)).toMatchObject([
      { event: 'appeal.accepted', status: 'pending', attempts: 1, lastStatus: 500 },
      { event: 'appeal.replied', status: 'pending', attempts: 0 },
      { event: 'appeal.closed', status: 'pending', attempts: 0 },
      { event: 'appeal.accepted', status: 'delivered', attempts: 1 },
    ]);
    // Still waiting for its back-off: nothing of A goes.
    expect(await dispatchWebhooks(t.database.db, local)).toEqual({ delivered: 0, failed: 0, cancelled: 0 });
    failing.delete(`${a}:appeal.accepted`);
    expect(await dispatchWebhooks(t.database.db, { ...local, now: at(1) })).toEqual({ delivered: 3, failed: 0, cancelled: 0 });
    expect(hits.filter((h) => h.appeal === a).map((h) => h.event)).toEqual([
      'appeal.accepted',
      'appeal.accepted',
      'appeal.replied',
      'appeal.closed',
    ]);
  });

  it('lets the later events go once an earlier one is given up, which can then be sent again', async () => {
    const s = await system('放弃测试', ['/order']);
    const a = await s.file();
    failing.add(`${a}:appeal.accepted`);
    await step(a, 'accept', specialist);
    await step(a, 'resolve-on-spot', specialist, { reply: '已现场答复' });
    for (let i = 1; i <= 8; i++) await dispatchWebhooks(t.database.db, { ...local, now: at(i * 180) });
    const sent = hits.filter((h) => h.appeal === a).map((h) => h.event);
    // Eight tries of the first; the second only after the last of them.
    expect(sent).toEqual([...Array<string>(8).fill('appeal.accepted'), 'appeal.replied']);
    const [accepted, replied] = await deliveries(s.subs[0]!);
    expect(accepted).toMatchObject({ status: 'failed', attempts: 8, lastError: 'HTTP 500' });
    expect(replied).toMatchObject({ status: 'delivered', attempts: 1 });
    // Sent again on request, it arrives after the later one: receivers order by the id or occurredAt.
    failing.delete(`${a}:appeal.accepted`);
    expect((await call('POST', `/api/admin/webhook-deliveries/${accepted!.id}/redeliver`, { cookie: admin })).status).toBe(204);
    expect(await dispatchWebhooks(t.database.db, local)).toEqual({ delivered: 1, failed: 0, cancelled: 0 });
    expect(hits.at(-1)).toMatchObject({ delivery: accepted!.id, event: 'appeal.accepted' });
  });

  it('cancels what a revoked client was still to receive, and says why', async () => {
    const s = await system('停用测试', ['/order']);
    const a = await s.file();
    failing.add(`${a}:*`);
    await step(a, 'accept', specialist);
    expect(await dispatchWebhooks(t.database.db, local)).toEqual({ delivered: 0, failed: 1, cancelled: 0 });
    await step(a, 'resolve-on-spot', specialist, { reply: '已现场答复' });
    failing.delete(`${a}:*`);
    expect((await call('POST', `/api/admin/api-clients/${s.clientId}/revoke`, { cookie: admin })).status).toBe(200);
    // Cancelled by the revocation itself, not at the next run: the log says so at once.
    expect(await deliveries(s.subs[0]!)).toMatchObject([
      { event: 'appeal.accepted', status: 'cancelled', attempts: 1, lastError: 'API 客户端已停用，未发送' },
      { event: 'appeal.replied', status: 'cancelled', attempts: 0, lastError: 'API 客户端已停用，未发送' },
    ]);
    const before = hits.length;
    expect(await dispatchWebhooks(t.database.db, { ...local, now: at(60) })).toEqual({ delivered: 0, failed: 0, cancelled: 0 });
    expect(hits.length).toBe(before);
    const id = (await deliveries(s.subs[0]!))[0]!.id;
    expect((await call('POST', `/api/admin/webhook-deliveries/${id}/redeliver`, { cookie: admin })).status).toBe(409);
  });

  it('never sends an acknowledged delivery again, even when a stale claim answers after another sent it', async () => {
    const s = await system('重复测试', ['/race']);
    const a = await s.file();
    await step(a, 'accept', specialist);
    // Process 1 sends; its receiver holds the answer beyond the claim's lease.
    const first = dispatchWebhooks(t.database.db, { ...local, now: at(0) });
    await expect.poll(() => releaseRace).toBeDefined();
    // Process 2 finds the lease run out and sends the same delivery (same id): acknowledged.
    expect(await dispatchWebhooks(t.database.db, { ...local, now: at(3) })).toEqual({ delivered: 1, failed: 0, cancelled: 0 });
    // Process 1's late 500 is not the last word: the delivery stays delivered and is never sent again.
    releaseRace!();
    expect(await first).toEqual({ delivered: 0, failed: 1, cancelled: 0 });
    expect(await deliveries(s.subs[0]!)).toMatchObject([{ status: 'delivered', lastStatus: 204, lastError: null }]);
    expect(await dispatchWebhooks(t.database.db, { ...local, now: at(120) })).toEqual({ delivered: 0, failed: 0, cancelled: 0 });
    const copies = hits.filter((h) => h.appeal === a);
    expect(copies).toHaveLength(2);
    expect(new Set(copies.map((h) => h.delivery)).size).toBe(1);
  });

  it('sends each delivery once when two dispatchers run at the same time', async () => {
    const s = await system('并发测试', ['/order', '/order?second']);
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) ids.push(await s.file());
    for (const id of ids) await step(id, 'accept', specialist);
    const runs = await Promise.all([dispatchWebhooks(t.database.db, local), dispatchWebhooks(t.database.db, local)]);
    expect(runs[0]!.delivered + runs[1]!.delivered).toBe(12);
    const got = hits.filter((h) => ids.includes(h.appeal)).map((h) => `${h.path}#${h.delivery}`);
    expect(got).toHaveLength(12);
    expect(new Set(got).size).toBe(12);
  });

  it('does not make a subscriber wait for another one that hangs', async () => {
    const s = await system('隔离测试', ['/hang', '/order']);
    const [hang, ok] = s.subs as [number, number];
    const a = await s.file();
    await step(a, 'accept', specialist);
    const errors: unknown[] = [];
    const dispatcher = new WebhookDispatcher(t.database.db, { ...local, timeoutMs: 8_000 }, (e) => errors.push(e));
    await dispatcher.tick();
    await expect.poll(() => hits.filter((h) => h.appeal === a).length).toBe(2);
    // While /hang holds its request, a new event reaches /order at the next run.
    const b = await s.file();
    await step(b, 'accept', specialist);
    const started = Date.now();
    await dispatcher.tick();
    await expect.poll(() => hits.some((h) => h.appeal === b && h.path === '/order'), { interval: 20 }).toBe(true);
    const waited = hits.find((h) => h.appeal === b && h.path === '/order')!.at - started;
    console.log(`webhooks: the answering subscriber got its event ${waited} ms after the run, while the other hung`);
    expect(waited).toBeLessThan(2_000);
    expect(hanging).toHaveLength(1);
    // The hung one times out and is retried later; B's event to /hang waits behind nothing but its own endpoint.
    await dispatcher.close();
    expect(errors).toEqual([]);
    const [first] = await deliveries(hang);
    expect(first).toMatchObject({ status: 'pending', attempts: 1, lastStatus: null });
    expect(first!.lastError).toMatch(/abort|timeout/i);
    expect((await deliveries(ok)).map((d) => d.status)).toEqual(['delivered', 'delivered']);
  });
});
