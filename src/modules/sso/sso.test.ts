import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Account } from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/app.ts';
import { mappedRole } from './service.ts';

// A real OpenID Connect provider (oidc-provider) on a local port; its development login and
// consent pages stand in for the user, driven by fetch with redirects followed by hand.
const GROUPS: Record<string, string[]> = { specialist: ['qifu-front'], cadre: ['qifu-office'], leader: [], stranger: ['qifu-front'] };

let idp: http.Server;
let issuer: string;
let t: TestApp;
let base: string;

function listen(server: http.Server, port = 0): Promise<number> {
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

beforeAll(async () => {
  let handler: http.RequestListener = (_req, res) => res.writeHead(503).end();
  idp = http.createServer((req, res) => handler(req, res));
  issuer = `http://127.0.0.1:${await listen(idp)}`;
  const appPort = await (async () => {
    const probe = http.createServer();
    const port = await listen(probe);
    await new Promise((r) => probe.close(r));
    return port;
  })();
  const redirect = `http://127.0.0.1:${appPort}/api/auth/oidc/callback`;
  const provider = new Provider(issuer, {
    clients: [{ client_id: 'qifu', client_secret: 'qifu-test-secret', redirect_uris: [redirect], response_types: ['code'], grant_types: ['authorization_code'], token_endpoint_auth_method: 'client_secret_post' }],
    claims: { openid: ['sub'], profile: ['preferred_username', 'name'], groups: ['groups'] },
    findAccount: async (_ctx: unknown, sub: string): Promise<Account> => ({ accountId: sub, claims: async () => ({ sub, preferred_username: sub, name: sub, groups: GROUPS[sub] ?? [] }) }),
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ['qifu-test-cookie-key'] },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
  });
  handler = provider.callback();
  t = await createTestApp({
    env: {
      QIFU_OIDC_ISSUER: issuer,
      QIFU_OIDC_CLIENT_ID: 'qifu',
      QIFU_OIDC_CLIENT_SECRET: 'qifu-test-secret',
      QIFU_OIDC_REDIRECT_URI: redirect,
      QIFU_OIDC_ROLE_CLAIM: 'groups',
      QIFU_OIDC_ROLE_MAP: 'qifu-front=specialist,qifu-office=coordinator',
    },
  });
  base = await t.app.listen({ port: appPort, host: '127.0.0.1' });
});
afterAll(async () => {
  await t.close();
  idp.closeAllConnections();
  await new Promise((r) => idp.close(r));
});

/** A browser's cookie jar, by name (paths and domains do not matter for two local hosts). */
class Browser {
  private readonly jars = new Map<string, Map<string, string>>();

  async go(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const u = new URL(url);
    const jar = this.jars.get(u.host) ?? new Map<string, string>();
    this.jars.set(u.host, jar);
    const res = await fetch(u, {
      method: init.method ?? 'GET',
      redirect: 'manual',
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '), ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [name, value] = [pair!.slice(0, pair!.indexOf('=')), pair!.slice(pair!.indexOf('=') + 1)];
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(c)) jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  }

  cookie(host: string, name: string): string | undefined {
    return this.jars.get(host)?.get(name);
  }
}

/** Qifu's login button → the provider's login and consent → back to Qifu's callback. */
async function signIn(browser: Browser, login: string): Promise<Response> {
  let res = await browser.go(`${base}/api/auth/oidc/login`);
  expect(res.status).toBe(302);
  const auth = new URL(res.headers.get('location')!);
  expect(auth.origin).toBe(issuer);
  expect(auth.searchParams.get('code_challenge_method')).toBe('S256');
  expect(auth.searchParams.get('state')).toBeTruthy();
  expect(auth.searchParams.get('nonce')).toBeTruthy();
  let url = auth.href;
  for (let hops = 0; hops < 12; hops++) {
    res = await browser.go(url);
    const next = res.headers.get('location');
    if (next) {
      url = new URL(next, url).href;
      if (url.startsWith(base)) return browser.go(url);
      continue;
    }
    const html = await res.text();
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    expect(prompt, html).toBeDefined();
    res = await browser.go(url, { method: 'POST', form: prompt === 'login' ? { prompt, login, password: 'any' } : { prompt: prompt! } });
    url = new URL(res.headers.get('location')!, url).href;
  }
  throw new Error('too many redirects');
}

describe('single sign-on (OpenID Connect)', () => {
  it('says it is enabled, for the login page', async () => {
    expect(await (await fetch(`${base}/api/auth/oidc/status`)).json()).toEqual({ enabled: true });
  });

  it('logs a staff user in with authorization code + PKCE and opens the usual session', async () => {
    const browser = new Browser();
    const res = await signIn(browser, 'specialist');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/');
    const host = new URL(base).host;
    const session = browser.cookie(host, 'qifu_session');
    expect(session).toBeTruthy();
    expect(browser.cookie(host, 'qifu_oidc')).toBeUndefined();
    const me = await (await fetch(`${base}/api/auth/me`, { headers: { cookie: `qifu_session=${session}` } })).json() as { user: { username: string; role: string } };
    expect(me.user).toMatchObject({ username: 'specialist', role: 'specialist' });
    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'actor_name']).where('action', '=', 'auth.login_oidc').execute();
    expect(audit).toHaveLength(1);
  });

  it('takes the role from the provider groups when a role map is set', async () => {
    const browser = new Browser();
    const res = await signIn(browser, 'cadre');
    expect(res.headers.get('location')).toBe('/');
    const session = browser.cookie(new URL(base).host, 'qifu_session');
    const me = await (await fetch(`${base}/api/auth/me`, { headers: { cookie: `qifu_session=${session}` } })).json() as { user: { role: string } };
    expect(me.user.role).toBe('coordinator');
    const synced = await t.database.db.selectFrom('audit_log').select(['before', 'after']).where('action', '=', 'user.role_synced').executeTakeFirstOrThrow();
    expect(synced.after).toEqual({ role: 'coordinator' });
  });

  it('refuses someone with no local account or no mapped group, and a callback without its state', async () => {
    expect((await signIn(new Browser(), 'stranger')).headers.get('location')).toBe('/login?sso_error=FORBIDDEN');
    expect((await signIn(new Browser(), 'leader')).headers.get('location')).toBe('/login?sso_error=FORBIDDEN');
    const refused = await t.database.db.selectFrom('audit_log').select('action').where('action', '=', 'auth.oidc_refused').execute();
    expect(refused).toHaveLength(2);
    // A code and state arriving without the cookie the login step set (a forged or replayed callback).
    const forged = await fetch(`${base}/api/auth/oidc/callback?code=abc&state=xyz`, { redirect: 'manual' });
    expect(forged.headers.get('location')).toBe('/login?sso_error=UNAUTHENTICATED');
    expect(forged.headers.getSetCookie().some((c) => c.startsWith('qifu_session='))).toBe(false);
  });
});

describe('role mapping', () => {
  it('maps the first group that has a role', () => {
    const o = { issuer, clientId: 'x', clientSecret: undefined, redirectUri: 'http://x', userClaim: 'preferred_username', roleClaim: 'groups', roleMap: { a: 'admin', b: 'handler' } as const };
    expect(mappedRole(o, { groups: ['z', 'b', 'a'] })).toBe('handler');
    expect(mappedRole(o, { groups: 'a b' })).toBe('admin');
    expect(mappedRole(o, { groups: ['z'] })).toBeUndefined();
  });
});
