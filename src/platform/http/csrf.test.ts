import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DEMO_PASSWORD, type TestApp } from '../../../tests/support/app.ts';

// The probe's attack: a page on another port of the same host (same site, so SameSite=Lax still
// sends the cookie) posting to the app. Headers as Chromium sends them for each kind of request.
const HOST = 'qifu.test';
const OWN = `http://${HOST}`;
const crossSite = { host: HOST, origin: 'http://qifu.test:9999', 'sec-fetch-site': 'same-site' };
const sameOrigin = { host: HOST, origin: OWN, 'sec-fetch-site': 'same-origin' };

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await createTestApp({ enterprises: 2, env: { QIFU_TRUST_PROXY: '1' } });
  admin = await t.login('admin');
});
afterAll(() => t?.close());

async function newClient(): Promise<{ id: number; key: string }> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/admin/api-clients',
    headers: { cookie: admin },
    payload: { name: `客户端 ${Math.random()}`, channel: 'hotline_12345', scopes: ['appeals:write', 'appeals:read'] },
  });
  expect(res.statusCode).toBe(201);
  const body = res.json<{ client: { id: number }; key: string }>();
  return { id: body.client.id, key: body.key };
}

async function revokedAt(id: number): Promise<Date | null> {
  const row = await t.database.db.selectFrom('api_clients').select('revoked_at').where('id', '=', id).executeTakeFirstOrThrow();
  return row.revoked_at;
}

const revoke = (id: number, headers: Record<string, string>) =>
  t.app.inject({ method: 'POST', url: `/api/admin/api-clients/${id}/revoke`, headers: { cookie: admin, ...headers } });

describe('state-changing requests with a session cookie', () => {
  it('refuses a cross-site form revoking an API client with 403 CSRF_REJECTED; the same request from the app goes through', async () => {
    const client = await newClient();
    const forged = await revoke(client.id, { ...crossSite, 'content-type': 'text/plain' });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error).toMatchObject({ code: 'CSRF_REJECTED', details: { reason: 'Sec-Fetch-Site: same-site' } });
    expect(forged.json().error.message).toMatch(/其他网站/);
    expect(await revokedAt(client.id)).toBeNull();

    const own = await revoke(client.id, sameOrigin);
    expect(own.statusCode).toBe(200);
    expect(await revokedAt(client.id)).not.toBeNull();
  });

  it('falls back on Origin when the browser sends no Sec-Fetch-Site: another port or null is refused, the own origin passes', async () => {
    const client = await newClient();
    for (const origin of ['http://qifu.test:9999', 'https://qifu.test', 'null', 'http://evil.example']) {
      const res = await revoke(client.id, { host: HOST, origin });
      expect(res.statusCode, origin).toBe(403);
      expect(res.json().error.code).toBe('CSRF_REJECTED');
    }
    expect(await revokedAt(client.id)).toBeNull();
    // A Host with the default port is the same origin as the browser's Origin without it.
    expect((await revoke(client.id, { host: `${HOST}:80`, origin: OWN })).statusCode).toBe(200);
  });

  it('refuses cross-site PATCH, PUT and DELETE too, and never a GET', async () => {
    const client = await newClient();
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/admin/api-clients/${client.id}`,
      headers: { cookie: admin, ...crossSite },
      payload: { name: '被篡改' },
    });
    expect(patch.json().error?.code).toBe('CSRF_REJECTED');
    const day = `/api/admin/calendar/days/2026-05-06`;
    const put = await t.app.inject({
      method: 'PUT',
      url: day,
      headers: { cookie: admin, ...crossSite },
      payload: { workday: false, name: '伪造' },
    });
    expect(put.json().error?.code).toBe('CSRF_REJECTED');
    const del = await t.app.inject({ method: 'DELETE', url: day, headers: { cookie: admin, ...crossSite } });
    expect(del.json().error?.code).toBe('CSRF_REJECTED');
    const get = await t.app.inject({ url: '/api/admin/api-clients', headers: { cookie: admin, ...crossSite } });
    expect(get.statusCode).toBe(200);
  });

  it('lets through a request with the cookie and neither header (curl, scripts): no other site can make a browser send that', async () => {
    const client = await newClient();
    const forged = await revoke(client.id, { 'sec-fetch-site': 'cross-site' });
    expect(forged.statusCode).toBe(403);
    expect((await revoke(client.id, {})).statusCode).toBe(200);
  });
});

describe('requests without a session cookie', () => {
  it('refuses a cross-site login post (login CSRF) and sets no cookie; the login page itself logs in', async () => {
    const forged = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: crossSite,
      payload: { login: 'admin', password: DEMO_PASSWORD },
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error.code).toBe('CSRF_REJECTED');
    expect(forged.cookies).toEqual([]);
    const own = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: sameOrigin,
      payload: { login: 'admin', password: DEMO_PASSWORD },
    });
    expect(own.statusCode).toBe(200);
  });

  it('does not check a connected system with an API key, but does once a session cookie rides along', async () => {
    const client = await newClient();
    const open311 = (headers: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: '/open311/v2/requests.json',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        payload: new URLSearchParams({ api_key: client.key }).toString(),
      });
    // A bad request by the standard (no service_code), not a CSRF refusal.
    const byKey = await open311({ origin: 'http://partner.example', 'sec-fetch-site': 'cross-site' });
    expect(byKey.statusCode).toBe(400);
    const withCookie = await open311({ cookie: admin, origin: 'http://partner.example', 'sec-fetch-site': 'cross-site' });
    expect(withCookie.statusCode).toBe(403);
    expect(withCookie.json()).toMatchObject([{ code: 403 }]);

    const bearer = await t.app.inject({
      method: 'POST',
      url: '/api/open/appeals',
      headers: { authorization: `Bearer ${client.key}`, 'sec-fetch-site': 'cross-site' },
      payload: {},
    });
    expect(bearer.statusCode).toBe(400);
    expect(bearer.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('compares Origin with the address the client used behind a trusted proxy (X-Forwarded-Proto / -Host)', async () => {
    const behindNginx = { host: '127.0.0.1:3001', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'qifu.example.gov.cn' };
    const login = (origin: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { ...behindNginx, origin },
        payload: { login: 'admin', password: DEMO_PASSWORD },
        remoteAddress: '127.0.0.1',
      });
    expect((await login('https://qifu.example.gov.cn')).statusCode).toBe(200);
    const downgraded = await login('http://qifu.example.gov.cn');
    expect(downgraded.statusCode).toBe(403);
    expect(downgraded.json().error.code).toBe('CSRF_REJECTED');
  });
});
