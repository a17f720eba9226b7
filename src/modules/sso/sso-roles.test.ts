import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, startSso, type SsoHarness } from './test-provider.ts';

// The defaults of a role map: QIFU_OIDC_ROLE_SYNC=check. Here QIFU_OIDC_PASSWORD_LOGIN=all, the
// setting for a district moving to single sign-on while some staff are not yet at the provider.
const GROUPS: Record<string, string[]> = { specialist: ['qifu-front'], cadre: ['qifu-office'], coordinator: ['qifu-x', 'qifu-office'] };

let h: SsoHarness;
beforeAll(async () => {
  h = await startSso((sub) => ({ groups: GROUPS[sub] ?? [] }), {
    QIFU_OIDC_ROLE_CLAIM: 'groups',
    QIFU_OIDC_ROLE_MAP: 'qifu-front=specialist,qifu-office=coordinator,qifu-x=handler',
    QIFU_OIDC_PASSWORD_LOGIN: 'all',
  });
});
afterAll(() => h.close());

const roleOf = async (username: string) =>
  (await h.t.database.db.selectFrom('users').select('role').where('username', '=', username).executeTakeFirstOrThrow()).role;

describe('single sign-on role map, default check mode', () => {
  it('lets in a user whose groups give the role the administrator set (any of them)', async () => {
    expect((await h.signIn(new Browser(), 'specialist')).headers.get('location')).toBe('/');
    expect((await h.signIn(new Browser(), 'coordinator')).headers.get('location')).toBe('/');
    expect(await roleOf('coordinator')).toBe('coordinator');
  });

  it('refuses a user whose groups give another role, and never rewrites the local role', async () => {
    expect((await h.signIn(new Browser(), 'cadre')).headers.get('location')).toBe('/login?sso_error=FORBIDDEN');
    expect(await roleOf('cadre')).toBe('cadre');
    const refused = await h.t.database.db
      .selectFrom('audit_log')
      .select('after')
      .where('action', '=', 'auth.oidc_refused')
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(refused.after)).toContain('角色不一致');
    expect(await h.t.database.db.selectFrom('audit_log').select('id').where('action', '=', 'user.role_synced').execute()).toEqual([]);
  });

  it('keeps staff password login when QIFU_OIDC_PASSWORD_LOGIN=all, and says so to the login page', async () => {
    expect(await (await fetch(`${h.base}/api/auth/oidc/status`)).json()).toEqual({ enabled: true, passwordLogin: 'all' });
    const res = await h.t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'cadre', password: 'qifu@2026' } });
    expect(res.statusCode).toBe(200);
  });
});
