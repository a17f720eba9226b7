import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/app.ts';
import { destinationProblem, systemResolve, type Resolve } from './destination.ts';
import { dispatchWebhooks } from './dispatch.ts';

let t: TestApp;
let admin: string;
let receiver: http.Server;
let port: number;
const received: http.IncomingHttpHeaders[] = [];
/** Connections the receiver has accepted: a refused delivery must not even connect. */
let connections = 0;

beforeAll(async () => {
  t = await createTestApp({ enterprises: 10 });
  admin = await t.login('admin');
  receiver = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.url === '/redirect') return res.writeHead(302, { location: '/ok' }).end();
      received.push(req.headers);
      res.writeHead(204).end();
    });
  });
  receiver.on('connection', () => connections++);
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  port = (receiver.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((r) => receiver.close(r));
  await t.close();
});

async function call(method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: object) {
  const res = await t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: (res.body ? res.json() : null) as Record<string, never> };
}

describe('webhook delivery checks the address it connects to', () => {
  it('refuses a name that turned into 127.0.0.1 after subscribing, and a 6to4 literal, without connecting; follows no redirect', async () => {
    const created = (await call('POST', '/api/admin/api-clients', { cookie: admin }, { name: '换址系统', scopes: ['appeals:write'] }))
      .body as unknown as { key: string; client: { id: number } };
    const named = `http://hooks.rebind.test:${port}/ok`;
    // When subscribed, the name answers a public address (the test app allows private ones anyway).
    expect(await destinationProblem(named, false, async () => [{ address: '203.0.113.7', family: 4 }])).toBeNull();
    const subs: number[] = [];
    for (const url of [named, `http://[2002:7f00:1::]:${port}/ok`, `http://127.0.0.1:${port}/redirect`]) {
      const res = await call(
        'POST',
        `/api/admin/api-clients/${created.client.id}/webhooks`,
        { cookie: admin },
        { url, events: ['appeal.accepted'] },
      );
      expect(res.status).toBe(201);
      subs.push((res.body as unknown as { subscription: { id: number } }).subscription.id);
    }
    const [namedSub, sixToFour, redirect] = subs as [number, number, number];
    const uscc = (await t.database.db.selectFrom('enterprises').select('uscc').orderBy('id').executeTakeFirstOrThrow()).uscc;
    const item = await t.database.db
      .selectFrom('service_items')
      .select('id')
      .where('active', '=', true)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const filed = await call(
      'POST',
      '/api/open/appeals',
      { authorization: `Bearer ${created.key}` },
      {
        title: '换址测试诉求',
        description: '用于测试投递时按实际连接地址检查。',
        enterpriseUscc: uscc,
        serviceItemId: item.id,
        externalRef: 'RB-1',
      },
    );
    expect(filed.status).toBe(201);
    const specialist = await t.login('specialist');
    expect(
      (await call('POST', `/api/appeals/${(filed.body as unknown as { id: number }).id}/accept`, { cookie: specialist }, {})).status,
    ).toBe(200);

    // At delivery the name answers 127.0.0.1 (DNS rebinding): refused before any connection, the reason kept.
    const rebound: Resolve = async (host) => (host === 'hooks.rebind.test' ? [{ address: '127.0.0.1', family: 4 }] : systemResolve(host));
    expect(await dispatchWebhooks(t.database.db, { allowPrivate: false, resolve: rebound })).toEqual({
      delivered: 0,
      failed: 3,
      cancelled: 0,
    });
    expect({ received: received.length, connections }).toEqual({ received: 0, connections: 0 });
    const outcome = async (sub: number) =>
      ((await call('GET', `/api/admin/webhooks/${sub}/deliveries`, { cookie: admin })).body as unknown as { items: object[] }).items[0];
    expect(await outcome(namedSub)).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastStatus: null,
      lastError: '不允许推送到内网或本机地址（127.0.0.1）',
    });
    expect(await outcome(sixToFour)).toMatchObject({ lastStatus: null, lastError: '不允许推送到内网或本机地址（2002:7f00:1::）' });
    expect(await outcome(redirect)).toMatchObject({ lastStatus: null, lastError: '不允许推送到内网或本机地址（127.0.0.1）' });

    // Allowed (as in a closed network), the connection goes where the checked answer pointed; a redirect stays an answer.
    expect((await call('POST', `/api/admin/webhooks/${sixToFour}/unsubscribe`, { cookie: admin })).status).toBe(204);
    const later = new Date(Date.now() + 60_000);
    // The ended subscription's delivery was cancelled when it ended: not even tried.
    expect(await dispatchWebhooks(t.database.db, { allowPrivate: true, resolve: rebound, now: later })).toEqual({
      delivered: 1,
      failed: 1,
      cancelled: 0,
    });
    expect(received.map((h) => h.host)).toEqual([`hooks.rebind.test:${port}`]);
    expect(await outcome(namedSub)).toMatchObject({ status: 'delivered', lastStatus: 204 });
    expect(await outcome(redirect)).toMatchObject({ status: 'pending', lastStatus: 302, lastError: 'HTTP 302' });
  });
});
