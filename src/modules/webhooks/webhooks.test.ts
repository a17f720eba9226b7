import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/app.ts';
import { dispatchWebhooks } from './dispatch.ts';

/** The test receivers listen on this machine: allow loopback, as QIFU_WEBHOOK_ALLOW_PRIVATE does. */
const local = { allowPrivate: true };

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

let t: TestApp;
let base: string;
let admin: string;
let specialist: string;
let receiver: http.Server;
let receiverUrl: string;
const received: Received[] = [];
/** The status the receiver answers /flaky with; switched during the test. */
let flakyStatus = 500;

beforeAll(async () => {
  t = await createTestApp();
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  admin = await t.login('admin');
  specialist = await t.login('specialist');
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      if (req.url === '/flaky' && flakyStatus !== 200) return res.writeHead(flakyStatus).end('down');
      received.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => receiver.close(r));
  await t.close();
});

async function call(path: string, init: { method?: string; headers?: Record<string, string>; body?: unknown } = {}) {
  const res = await fetch(`${base}${path}`, {
    method: init.method ?? 'GET',
    headers: { ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as Record<string, never> };
}

/** What a receiver does with the Qifu-Signature header, written here independently of the sender. */
function verify(secret: string, body: string, header: string): boolean {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!m || Math.abs(Date.now() / 1000 - Number(m[1])) > 300) return false;
  return createHmac('sha256', secret).update(`${m[1]}.${body}`).digest('hex') === m[2];
}

describe('webhooks', () => {
  it('delivers signed events for the appeals a client filed, and retries a failing endpoint without blocking the work', async () => {
    const created = await call('/api/admin/api-clients', {
      method: 'POST',
      headers: { cookie: admin },
      body: { name: '12345 热线', channel: 'hotline_12345', scopes: ['appeals:write', 'webhooks:manage'] },
    });
    const { key, client } = created.body as unknown as { key: string; client: { id: number } };
    const auth = { authorization: `Bearer ${key}` };
    // One subscription by the administrator, one by the client itself with its key.
    const good = await call(`/api/admin/api-clients/${client.id}/webhooks`, {
      method: 'POST',
      headers: { cookie: admin },
      body: { url: `${receiverUrl}/ok`, events: ['appeal.accepted', 'appeal.dispatched'] },
    });
    expect(good.status).toBe(201);
    const goodSub = good.body as unknown as { subscription: { id: number }; secret: string };
    const bad = await call('/api/open/webhooks', {
      method: 'POST',
      headers: auth,
      body: { url: `${receiverUrl}/flaky`, events: ['appeal.accepted'] },
    });
    expect(bad.status).toBe(201);
    const badSub = bad.body as unknown as { subscription: { id: number }; secret: string };
    expect((await call('/api/open/webhooks', { headers: auth })).body).toMatchObject({
      items: [{ id: goodSub.subscription.id }, { id: badSub.subscription.id }],
    });

    const item = await t.database.db
      .selectFrom('service_items')
      .select('id')
      .where('active', '=', true)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const uscc = (await t.database.db.selectFrom('enterprises').select('uscc').orderBy('id').executeTakeFirstOrThrow()).uscc;
    const filed = await call('/api/open/appeals', {
      method: 'POST',
      headers: auth,
      body: {
        title: '热线：用电报装进度',
        description: '企业来电询问新厂房用电报装的办理进度，希望尽快接电。',
        enterpriseUscc: uscc,
        serviceItemId: item.id,
        externalRef: 'HL-88',
      },
    });
    expect(filed.status).toBe(201);
    const appealId = (filed.body as unknown as { id: number }).id;

    // The transition commits at once, whatever the endpoints do.
    const accepted = await call(`/api/appeals/${appealId}/accept`, { method: 'POST', headers: { cookie: specialist }, body: {} });
    expect(accepted.body).toEqual({ state: 'accepted' });
    expect(await dispatchWebhooks(t.database.db, local)).toEqual({ delivered: 1, failed: 1, cancelled: 0 });

    expect(received).toHaveLength(1);
    const [got] = received;
    expect(got!.headers['qifu-event']).toBe('appeal.accepted');
    expect(verify(goodSub.secret, got!.body, String(got!.headers['qifu-signature']))).toBe(true);
    expect(verify(badSub.secret, got!.body, String(got!.headers['qifu-signature']))).toBe(false);
    expect(JSON.parse(got!.body)).toMatchObject({
      event: 'appeal.accepted',
      data: { appeal: { id: appealId, externalRef: 'HL-88', state: 'accepted', action: 'accept' } },
    });

    // The failing endpoint: listed with its outcome, retried after the back-off, then delivered.
    const listed = await call(`/api/admin/webhooks/${badSub.subscription.id}/deliveries`, { headers: { cookie: admin } });
    expect(listed.body).toMatchObject({
      total: 1,
      items: [{ event: 'appeal.accepted', status: 'pending', attempts: 1, lastStatus: 500, lastError: 'HTTP 500' }],
    });
    expect(await dispatchWebhooks(t.database.db, local)).toEqual({ delivered: 0, failed: 0, cancelled: 0 });
    expect(await dispatchWebhooks(t.database.db, { ...local, now: new Date(Date.now() + 60_000) })).toEqual({
      delivered: 0,
      failed: 1,
      cancelled: 0,
    });
    flakyStatus = 200;
    expect(await dispatchWebhooks(t.database.db, { ...local, now: new Date(Date.now() + 10 * 60_000) })).toEqual({
      delivered: 1,
      failed: 0,
      cancelled: 0,
    });
    const own = await call(`/api/open/webhooks/${badSub.subscription.id}/deliveries`, { headers: auth });
    expect(own.body).toMatchObject({ items: [{ status: 'delivered', attempts: 3, lastStatus: 204, lastError: null }] });
    const deliveredId = (own.body as unknown as { items: { id: number }[] }).items[0]!.id;
    expect((await call(`/api/open/webhook-deliveries/${deliveredId}/redeliver`, { method: 'POST', headers: auth })).status).toBe(409);
    expect(verify(badSub.secret, received[1]!.body, String(received[1]!.headers['qifu-signature']))).toBe(true);

    // Another client cannot see these deliveries.
    const other = (
      await call('/api/admin/api-clients', {
        method: 'POST',
        headers: { cookie: admin },
        body: { name: '其他系统', scopes: ['webhooks:manage'] },
      })
    ).body as unknown as { key: string };
    expect(
      (await call(`/api/open/webhooks/${badSub.subscription.id}/deliveries`, { headers: { authorization: `Bearer ${other.key}` } })).status,
    ).toBe(404);

    // Unsubscribed: no more deliveries for it.
    expect((await call(`/api/open/webhooks/${badSub.subscription.id}`, { method: 'DELETE', headers: auth })).status).toBe(204);
    const dispatched = await call(`/api/appeals/${appealId}/dispatch`, { method: 'POST', headers: { cookie: specialist }, body: {} });
    expect(dispatched.body).toEqual({ state: 'dispatched' });
    expect(await dispatchWebhooks(t.database.db, local)).toEqual({ delivered: 1, failed: 0, cancelled: 0 });
    expect(received.at(-1)!.headers['qifu-event']).toBe('appeal.dispatched');
  });

  it('gives up after the last attempt and records why', async () => {
    // A port nobody listens on (fetch's "bad ports" such as 9 are refused outright).
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const created = (
      await call('/api/admin/api-clients', {
        method: 'POST',
        headers: { cookie: admin },
        body: { name: '不可达系统', scopes: ['appeals:write'] },
      })
    ).body as unknown as { key: string; client: { id: number } };
    const sub = (
      await call(`/api/admin/api-clients/${created.client.id}/webhooks`, {
        method: 'POST',
        headers: { cookie: admin },
        body: { url: `http://127.0.0.1:${closedPort}/none`, events: ['appeal.accepted'] },
      })
    ).body as unknown as { subscription: { id: number } };
    const uscc = (await t.database.db.selectFrom('enterprises').select('uscc').orderBy('id', 'desc').executeTakeFirstOrThrow()).uscc;
    const item = await t.database.db
      .selectFrom('service_items')
      .select('id')
      .where('active', '=', true)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const filed = (
      await call('/api/open/appeals', {
        method: 'POST',
        headers: { authorization: `Bearer ${created.key}` },
        body: {
          title: '不可达测试诉求',
          description: '用于测试投递失败后的重试与放弃。',
          enterpriseUscc: uscc,
          serviceItemId: item.id,
          externalRef: 'U-1',
        },
      })
    ).body as unknown as { id: number };
    expect((await call(`/api/appeals/${filed.id}/accept`, { method: 'POST', headers: { cookie: specialist }, body: {} })).status).toBe(200);
    for (let i = 1; i <= 8; i++) await dispatchWebhooks(t.database.db, { ...local, now: new Date(Date.now() + i * 3 * 3_600_000) });
    const listed = await call(`/api/admin/webhooks/${sub.subscription.id}/deliveries`, { headers: { cookie: admin } });
    expect(listed.body).toMatchObject({ items: [{ status: 'failed', attempts: 8, lastStatus: null, nextAttemptAt: null }] });
    expect((listed.body as unknown as { items: { lastError: string }[] }).items[0]!.lastError).toBe(
      `connect ECONNREFUSED 127.0.0.1:${closedPort}`,
    );

    // Once the system is fixed, the administrator sends it again: queued now, attempts from zero, audited.
    const deliveryId = (listed.body as unknown as { items: { id: number }[] }).items[0]!.id;
    const other = (
      await call('/api/admin/api-clients', {
        method: 'POST',
        headers: { cookie: admin },
        body: { name: '旁观系统', scopes: ['webhooks:manage'] },
      })
    ).body as unknown as { key: string };
    expect(
      (
        await call(`/api/open/webhook-deliveries/${deliveryId}/redeliver`, {
          method: 'POST',
          headers: { authorization: `Bearer ${other.key}` },
        })
      ).status,
    ).toBe(404);
    expect(
      (await call(`/api/admin/webhook-deliveries/${deliveryId}/redeliver`, { method: 'POST', headers: { cookie: specialist } })).status,
    ).toBe(403);
    expect(
      (await call(`/api/admin/webhook-deliveries/${deliveryId}/redeliver`, { method: 'POST', headers: { cookie: admin } })).status,
    ).toBe(204);
    const requeued = await call(`/api/admin/webhooks/${sub.subscription.id}/deliveries`, { headers: { cookie: admin } });
    expect(requeued.body).toMatchObject({ items: [{ status: 'pending', attempts: 0 }] });
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'webhook_delivery')
      .where('entity_id', '=', String(deliveryId))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['webhook.redeliver']);
    expect(await dispatchWebhooks(t.database.db, local)).toEqual({ delivered: 0, failed: 1, cancelled: 0 });
    // Ended: what was waiting is cancelled at once, says why, is not sent and cannot be sent again.
    expect(
      (await call(`/api/admin/webhooks/${sub.subscription.id}/unsubscribe`, { method: 'POST', headers: { cookie: admin } })).status,
    ).toBe(204);
    expect((await call(`/api/admin/webhooks/${sub.subscription.id}/deliveries`, { headers: { cookie: admin } })).body).toMatchObject({
      items: [{ status: 'cancelled', attempts: 1, lastError: '订阅已取消，未发送', nextAttemptAt: null }],
    });
    expect(await dispatchWebhooks(t.database.db, { ...local, now: new Date(Date.now() + 3_600_000) })).toEqual({
      delivered: 0,
      failed: 0,
      cancelled: 0,
    });
    expect(
      (await call(`/api/admin/webhook-deliveries/${deliveryId}/redeliver`, { method: 'POST', headers: { cookie: admin } })).status,
    ).toBe(409);
  });

  it('tells the system when an unrated reply closes by itself', async () => {
    const created = (
      await call('/api/admin/api-clients', {
        method: 'POST',
        headers: { cookie: admin },
        body: { name: '自动办结测试', scopes: ['appeals:write'] },
      })
    ).body as unknown as { key: string; client: { id: number } };
    const sub = (
      await call(`/api/admin/api-clients/${created.client.id}/webhooks`, {
        method: 'POST',
        headers: { cookie: admin },
        body: { url: `${receiverUrl}/ok`, events: ['appeal.replied', 'appeal.closed'] },
      })
    ).body as unknown as { secret: string };
    const uscc = (await t.database.db.selectFrom('enterprises').select('uscc').orderBy('id').executeTakeFirstOrThrow()).uscc;
    const item = await t.database.db
      .selectFrom('service_items')
      .select('id')
      .where('active', '=', true)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const filed = (
      await call('/api/open/appeals', {
        method: 'POST',
        headers: { authorization: `Bearer ${created.key}` },
        body: {
          title: '自动办结测试诉求',
          description: '现场答复后企业一直未评价的诉求。',
          enterpriseUscc: uscc,
          serviceItemId: item.id,
          externalRef: 'AC-1',
        },
      })
    ).body as unknown as { id: number };
    await call(`/api/appeals/${filed.id}/accept`, { method: 'POST', headers: { cookie: specialist }, body: {} });
    expect(
      (
        await call(`/api/appeals/${filed.id}/resolve-on-spot`, {
          method: 'POST',
          headers: { cookie: specialist },
          body: { reply: '已现场答复企业' },
        })
      ).body,
    ).toEqual({ state: 'replied' });
    await t.database.db
      .updateTable('appeals')
      .set({ replied_at: new Date(Date.now() - 60 * 86_400_000) })
      .where('id', '=', filed.id)
      .execute();
    const coordinator = await t.login('coordinator');
    expect((await call('/api/appeals/sweep', { method: 'POST', headers: { cookie: coordinator }, body: {} })).status).toBe(200);
    const before = received.length;
    expect(await dispatchWebhooks(t.database.db, local)).toEqual({ delivered: 2, failed: 0, cancelled: 0 });
    const events = received
      .slice(before)
      .filter((r) => verify(sub.secret, r.body, String(r.headers['qifu-signature'])))
      .map((r) => r.headers['qifu-event']);
    // In the order they happened (ordering.test.ts: held back behind a failing one too).
    expect(events).toEqual(['appeal.replied', 'appeal.closed']);
  });

  it('refuses a subscription URL that is not http(s)', async () => {
    const res = await call('/api/admin/api-clients/1/webhooks', {
      method: 'POST',
      headers: { cookie: admin },
      body: { url: 'ftp://example.com/x', events: ['appeal.accepted'] },
    });
    expect(res.status).toBe(400);
  });
});
