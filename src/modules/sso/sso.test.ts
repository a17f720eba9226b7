import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mappedRoles } from './service.ts';
import { Browser, startSso, type SsoHarness } from './test-provider.ts';

const GROUPS: Record<string, string[]> = { specialist: ['qifu-front'], cadre: ['qifu-office'], leader: [], stranger: ['qifu-front'] };

let h: SsoHarness;
let base: string;
let issuer: string;
beforeAll(async () => {
  h = await startSso((sub) => ({ groups: GROUPS[sub] ?? [] }), {
    QIFU_OIDC_ROLE_CLAIM: 'groups',
    QIFU_OIDC_ROLE_MAP: 'qifu-front=specialist,qifu-office=coordinator',
    QIFU_OIDC_ROLE_SYNC: 'sync',
  });
  ({ base, issuer } = h);
});
afterAll(() => h.close());

const signIn = (browser: Browser, login: string) => h.signIn(browser, login);

describe('single sign-on (OpenID Connect)', () => {
  it('says it is enabled, for the login page', async () => {
    expect(await (await fetch(`${base}/api/auth/oidc/status`)).json()).toEqual({ enabled: true, passwordLogin: 'admin' });
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
    const me = (await (await fetch(`${base}/api/auth/me`, { headers: { cookie: `qifu_session=${session}` } })).json()) as {
      user: { username: string; role: string };
    };
    expect(me.user).toMatchObject({ username: 'specialist', role: 'specialist' });
    const audit = await h.t.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_name'])
      .where('action', '=', 'auth.login_oidc')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('takes the role from the provider groups when a role map is set and QIFU_OIDC_ROLE_SYNC=sync', async () => {
    const browser = new Browser();
    const res = await signIn(browser, 'cadre');
    expect(res.headers.get('location')).toBe('/');
    const session = browser.cookie(new URL(base).host, 'qifu_session');
    const me = (await (await fetch(`${base}/api/auth/me`, { headers: { cookie: `qifu_session=${session}` } })).json()) as {
      user: { role: string };
    };
    expect(me.user.role).toBe('coordinator');
    const synced = await h.t.database.db
      .selectFrom('audit_log')
      .select(['before', 'after'])
      .where('action', '=', 'user.role_synced')
      .executeTakeFirstOrThrow();
    expect(synced.after).toEqual({ role: 'coordinator' });
  });

  it("ends the provider's session at logout, so the next sign-on on a shared PC asks who it is", async () => {
    const browser = new Browser();
    await signIn(browser, 'specialist');
    expect(browser.prompts).toContain('login');
    // While the provider's session lives, a second sign-on comes back without any prompt.
    browser.prompts.length = 0;
    expect((await signIn(browser, 'specialist')).headers.get('location')).toBe('/');
    expect(browser.prompts).toEqual([]);
    const out = await h.signOut(browser);
    const end = new URL(out.endSessionUrl!);
    expect(end.origin).toBe(issuer);
    expect(end.searchParams.get('id_token_hint')).toBeTruthy();
    expect(end.searchParams.get('post_logout_redirect_uri')).toBe(`${base}/login`);
    expect(out.landedAt).toBe(`${base}/login`);
    expect(h.session(browser)).toBeUndefined();
    expect((await signIn(browser, 'specialist')).headers.get('location')).toBe('/');
    expect(browser.prompts).toContain('login');
  });

  it('gives no provider address at the logout of a password session', async () => {
    const cookie = await h.t.login('admin');
    const res = await h.t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(res.json()).toEqual({ endSessionUrl: null });
  });

  it('keeps local passwords for administrators only once single sign-on is on (QIFU_OIDC_PASSWORD_LOGIN=admin)', async () => {
    const res = await h.t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'handler', password: 'qifu@2026' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('SSO_REQUIRED');
    const wrong = await h.t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'handler', password: 'wrong-one' } });
    expect(wrong.json().error.code).toBe('INVALID_CREDENTIALS');
    expect(
      (await h.t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'enterprise', password: 'qifu@2026' } }))
        .statusCode,
    ).toBe(200);
  });

  it('refuses someone with no local account or no mapped group, and a callback without its state', async () => {
    expect((await signIn(new Browser(), 'stranger')).headers.get('location')).toBe('/login?sso_error=FORBIDDEN');
    expect((await signIn(new Browser(), 'leader')).headers.get('location')).toBe('/login?sso_error=FORBIDDEN');
    const refused = await h.t.database.db.selectFrom('audit_log').select('action').where('action', '=', 'auth.oidc_refused').execute();
    expect(refused).toHaveLength(2);
    // A code and state arriving without the cookie the login step set (a forged or replayed callback).
    const forged = await fetch(`${base}/api/auth/oidc/callback?code=abc&state=xyz`, { redirect: 'manual' });
    expect(forged.headers.get('location')).toBe('/login?sso_error=UNAUTHENTICATED');
    expect(forged.headers.getSetCookie().some((c) => c.startsWith('qifu_session='))).toBe(false);
  });
});

describe('role mapping', () => {
  it('maps the groups that have a role, in their order', () => {
    const o = {
      issuer,
      clientId: 'x',
      clientSecret: undefined,
      redirectUri: 'http://x',
      userClaim: 'preferred_username',
      roleClaim: 'groups',
      roleMap: { a: 'admin', b: 'handler' } as const,
      usccClaim: undefined,
      mobileClaim: 'phone_number',
      postLogoutRedirectUri: 'http://x/login',
      passwordLogin: 'admin' as const,
      roleSync: 'check' as const,
    };
    expect(mappedRoles(o, { groups: ['z', 'b', 'a'] })).toEqual(['handler', 'admin']);
    expect(mappedRoles(o, { groups: 'a b' })).toEqual(['admin', 'handler']);
    expect(mappedRoles(o, { groups: ['z'] })).toEqual([]);
  });
});
