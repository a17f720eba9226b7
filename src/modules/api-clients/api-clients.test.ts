import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/app.ts';
import { pruneCalls } from './repository.ts';

let t: TestApp;
let base: string;
let admin: string;
let uscc: string;

beforeAll(async () => {
  t = await createTestApp();
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  admin = await t.login('admin');
  uscc = (await t.database.db.selectFrom('enterprises').select('uscc').orderBy('id').executeTakeFirstOrThrow()).uscc;
});
afterAll(() => t.close());

async function call(path: string, init: { method?: string; headers?: Record<string, string>; body?: unknown } = {}) {
  const res = await fetch(`${base}${path}`, {
    method: init.method ?? 'GET',
    headers: { ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : null) as Record<string, never> };
}

async function register(body: Record<string, unknown>) {
  const res = await call('/api/admin/api-clients', { method: 'POST', headers: { cookie: admin }, body });
  expect(res.status).toBe(201);
  return res.body as unknown as { client: { id: number; keyPrefix: string; scopes: string[] }; key: string };
}

const appeal = (ref: string) => ({
  title: '热线转来：厂区门前道路破损',
  description: '企业反映厂区门前道路破损严重，货车进出困难，请尽快修复。',
  enterpriseUscc: uscc,
  externalRef: ref,
});

describe('API clients', () => {
  it('registers a client with scopes and shows the key once, stored hashed', async () => {
    const { client, key } = await register({
      name: '12345 热线',
      channel: 'hotline_12345',
      scopes: ['appeals:write', 'appeals:read'],
      ratePerMinute: 100,
    });
    expect(key).toMatch(/^qf_[A-Za-z0-9_-]{43}$/);
    expect(key.startsWith(client.keyPrefix)).toBe(true);
    const list = await call('/api/admin/api-clients', { headers: { cookie: admin } });
    expect(JSON.stringify(list.body)).not.toContain(key);
    const row = await t.database.db.selectFrom('api_clients').select('key_hash').where('id', '=', client.id).executeTakeFirstOrThrow();
    expect(row.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.key_hash).not.toContain(key.slice(3, 20));
  });

  it('files an appeal once per Idempotency-Key and reads its status back by the external reference', async () => {
    const { key } = await register({ name: '区政务服务网', channel: 'system', scopes: ['appeals:write', 'appeals:read'] });
    const headers = { authorization: `Bearer ${key}`, 'idempotency-key': 'wo-1001' };
    const first = await call('/api/open/appeals', { method: 'POST', headers, body: appeal('WO-1001') });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ externalRef: 'WO-1001', created: true });
    const again = await call('/api/open/appeals', { method: 'POST', headers, body: appeal('WO-1001') });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: first.body.id, number: first.body.number, created: false });

    const status = await call('/api/open/appeals/by-ref/WO-1001', { headers: { 'x-api-key': key } });
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ number: first.body.number, state: 'submitted', closed: false });
    expect((await call('/api/open/appeals/by-ref/NOPE', { headers: { 'x-api-key': key } })).status).toBe(404);

    // Filed on the channel the administrator gave the client, by its service user.
    const row = await t.database.db
      .selectFrom('appeals as a')
      .innerJoin('users as u', 'u.id', 'a.submitted_by')
      .select(['a.channel', 'u.active', 'a.external_ref'])
      .where('a.id', '=', (first.body as unknown as { id: number }).id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ channel: 'system', active: false, external_ref: 'WO-1001' });
  });

  it('refuses missing or wrong keys, missing scopes and routes not opened to clients', async () => {
    const { key } = await register({ name: '只读系统', scopes: ['appeals:read'] });
    expect((await call('/api/open/appeals', { method: 'POST', body: appeal('X-1') })).status).toBe(401);
    expect(
      (await call('/api/open/appeals', { method: 'POST', headers: { authorization: 'Bearer qf_wrong' }, body: appeal('X-1') })).status,
    ).toBe(401);
    const noScope = await call('/api/open/appeals', { method: 'POST', headers: { authorization: `Bearer ${key}` }, body: appeal('X-1') });
    expect(noScope.status).toBe(403);
    expect(noScope.body.error).toMatchObject({ code: 'FORBIDDEN' });
    // Its service user is a specialist, but a key opens only the routes made for systems.
    expect((await call('/api/appeals', { headers: { authorization: `Bearer ${key}` } })).status).toBe(403);
  });

  it('rotates and revokes keys at once, and logs every call of the client', async () => {
    const { client, key } = await register({ name: '企业微信', channel: 'wechat', scopes: ['appeals:read'] });
    const auth = (k: string) => ({ authorization: `Bearer ${k}` });
    expect((await call('/api/open/appeals/by-ref/A', { headers: auth(key) })).status).toBe(404);
    const rotated = await call(`/api/admin/api-clients/${client.id}/rotate`, { method: 'POST', headers: { cookie: admin } });
    const newKey = (rotated.body as unknown as { key: string }).key;
    expect((await call('/api/open/appeals/by-ref/A', { headers: auth(key) })).status).toBe(401);
    expect((await call('/api/open/appeals/by-ref/A', { headers: auth(newKey) })).status).toBe(404);

    const patched = await call(`/api/admin/api-clients/${client.id}`, {
      method: 'PATCH',
      headers: { cookie: admin },
      body: { scopes: ['appeals:write'] },
    });
    expect(patched.body).toMatchObject({ client: { scopes: ['appeals:write'] } });
    expect((await call('/api/open/appeals/by-ref/A', { headers: auth(newKey) })).status).toBe(403);

    const revoked = await call(`/api/admin/api-clients/${client.id}/revoke`, { method: 'POST', headers: { cookie: admin } });
    expect(revoked.body).toMatchObject({ client: { active: false } });
    expect((await call('/api/open/appeals/by-ref/A', { headers: auth(newKey) })).status).toBe(401);

    // The log is written after each answer: wait for the last one.
    let calls: { items: { status: number; path: string; method: string }[]; total: number } = { items: [], total: 0 };
    for (let i = 0; i < 50 && calls.total < 3; i++) {
      calls = (await call(`/api/admin/api-clients/${client.id}/calls`, { headers: { cookie: admin } })).body as unknown as typeof calls;
      if (calls.total < 3) await new Promise((r) => setTimeout(r, 20));
    }
    expect(calls.items.map((c) => c.status)).toEqual([403, 404, 404]);
    expect(calls.items[0]).toMatchObject({ method: 'GET', path: '/api/open/appeals/by-ref/A' });

    // Retention: calls older than the cut-off go, in batches smaller than the log; newer ones stay.
    const db = t.database.db;
    const old = new Date(Date.now() - 200 * 86_400_000);
    await db
      .insertInto('api_calls')
      .values(
        Array.from({ length: 7 }, (_, i) => ({
          client_id: client.id,
          method: 'GET',
          path: `/old/${i}`,
          status: 200,
          ms: 1,
          request_id: `r${i}`,
          at: old,
        })),
      )
      .execute();
    expect(await pruneCalls(db, new Date(Date.now() - 180 * 86_400_000), 3)).toBe(7);
    const kept = await db.selectFrom('api_calls').select('path').where('client_id', '=', client.id).execute();
    expect(kept).toHaveLength(3);
    expect(kept.every((c) => !c.path.startsWith('/old/'))).toBe(true);
  });

  it('limits each client to its own calls per minute', async () => {
    const { key } = await register({ name: '限流测试', scopes: ['appeals:read'], ratePerMinute: 2 });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await call('/api/open/appeals/by-ref/R', { headers: { authorization: `Bearer ${key}` } })).status);
    expect(statuses).toEqual([404, 404, 429]);
    // Another client is not affected.
    const other = await register({ name: '另一个系统', scopes: ['appeals:read'], ratePerMinute: 2 });
    expect((await call('/api/open/appeals/by-ref/R', { headers: { authorization: `Bearer ${other.key}` } })).status).toBe(404);
  });

  it('takes an empty patch as "change nothing": 200 with the client as it is, no audit row', async () => {
    const { client } = await register({ name: '空补丁', scopes: ['appeals:read'] });
    const audits = () =>
      t.database.db
        .selectFrom('audit_log')
        .select('id')
        .where('entity_type', '=', 'api_client')
        .where('entity_id', '=', String(client.id))
        .execute();
    const before = (await audits()).length;
    // Unknown fields are dropped by the schema, so this is the same empty patch.
    for (const body of [{}, { unknown: 1 }]) {
      const res = await call(`/api/admin/api-clients/${client.id}`, { method: 'PATCH', headers: { cookie: admin }, body });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ client: { id: client.id, name: '空补丁', scopes: ['appeals:read'] } });
    }
    expect(await audits()).toHaveLength(before);
    expect((await call('/api/admin/api-clients/999999', { method: 'PATCH', headers: { cookie: admin }, body: {} })).status).toBe(404);
  });

  it('is for administrators only', async () => {
    const cookie = await t.login('specialist');
    expect((await call('/api/admin/api-clients', { headers: { cookie } })).status).toBe(403);
  });
});
