import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../enterprises/uscc.ts';
import { newMobile } from '../../../tests/support/accounts.ts';
import { loginChangingPassword } from '../../../tests/support/app.ts';
import { Browser, startSso, type SsoHarness } from './test-provider.ts';

// Legal-person sign-on: the provider asserts the credit code (claim `uscc`) and the mobile.
const ACCOUNTS = new Map<string, Record<string, unknown>>();
let h: SsoHarness;
let enterprise: { id: number; uscc: string };
let existing: { id: number; mobile: string };
beforeAll(async () => {
  h = await startSso((sub) => ACCOUNTS.get(sub) ?? {}, { QIFU_OIDC_USCC_CLAIM: 'uscc' });
  const db = h.t.database.db;
  enterprise = await db
    .selectFrom('enterprises as e')
    .select(['e.id', 'e.uscc'])
    .where('e.status', '=', 'active')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('users as u').select('u.id').whereRef('u.enterprise_id', '=', 'e.id'))))
    .orderBy('e.id')
    .executeTakeFirstOrThrow();
  // The enterprise already has an administrator, created by the district's administrator.
  const admin = await h.t.login('admin');
  const mobile = newMobile();
  const created = await h.t.app.inject({
    method: 'POST',
    url: '/api/admin/users',
    headers: { cookie: admin },
    payload: {
      username: 'ent_sso',
      displayName: '原管理员',
      mobile,
      role: 'enterprise',
      password: 'Start2026ok',
      enterpriseUscc: enterprise.uscc,
    },
  });
  existing = { id: created.json().id, mobile };
  const verified = { phone_number_verified: true };
  ACCOUNTS.set('legal-new', { uscc: enterprise.uscc, phone_number: `+86 ${newMobile()}`, name: '新经办', ...verified });
  ACCOUNTS.set('legal-existing', { uscc: enterprise.uscc.toLowerCase(), phone_number: mobile, ...verified });
  ACCOUNTS.set('legal-staff-mobile', { uscc: enterprise.uscc, phone_number: '13800000002', ...verified });
  ACCOUNTS.set('legal-unknown', { uscc: makeUscc('91440306MA5H0009X'), phone_number: newMobile(), ...verified });
  // The provider does not say the mobile was verified, or says it was not.
  ACCOUNTS.set('legal-unverified', { uscc: enterprise.uscc, phone_number: newMobile() });
  ACCOUNTS.set('legal-existing-unverified', { uscc: enterprise.uscc, phone_number: mobile, phone_number_verified: false });
});
afterAll(() => h.close());

async function me(browser: Browser) {
  const res = await fetch(`${h.base}/api/auth/me`, { headers: { cookie: `qifu_session=${h.session(browser)}` } });
  return (
    (await res.json()) as { user: { id: number; role: string; enterpriseRole: string; displayName: string; enterprise: { id: number } } }
  ).user;
}

describe('legal-person single sign-on', () => {
  it('creates a 经办人 for a mobile that belongs to nobody, since the provider vouches for the credit code', async () => {
    const browser = new Browser();
    const res = await h.signIn(browser, 'legal-new');
    expect(res.headers.get('location')).toBe('/');
    expect(await me(browser)).toMatchObject({
      role: 'enterprise',
      enterpriseRole: 'agent',
      displayName: '新经办',
      enterprise: { id: enterprise.id },
    });
    const audit = await h.t.database.db.selectFrom('audit_log').select('after').where('action', '=', 'enterprise_account.create').execute();
    expect(audit.map((a) => (a.after as { via: string }).via)).toEqual(['sso']);
    // The second time it is the same user.
    const again = new Browser();
    await h.signIn(again, 'legal-new');
    expect((await me(again)).id).toBe((await me(browser)).id);
  });

  it('logs in the enterprise user who holds the mobile', async () => {
    const browser = new Browser();
    await h.signIn(browser, 'legal-existing');
    expect(await me(browser)).toMatchObject({ id: existing.id, enterpriseRole: 'admin' });
  });

  it('refuses a mobile of staff or another enterprise, and a credit code not in the file, and audits it', async () => {
    expect((await h.signIn(new Browser(), 'legal-staff-mobile')).headers.get('location')).toBe('/login?sso_error=FORBIDDEN');
    expect((await h.signIn(new Browser(), 'legal-unknown')).headers.get('location')).toBe('/login?sso_error=FORBIDDEN');
    const refused = await h.t.database.db
      .selectFrom('audit_log')
      .select('after')
      .where('action', '=', 'auth.oidc_refused')
      .orderBy('id')
      .execute();
    expect(refused.map((r) => (r.after as { reason: string }).reason)).toEqual([
      expect.stringContaining('其他企业或工作人员'),
      expect.stringContaining('不在企业库'),
    ]);
    const staff = await h.t.database.db.selectFrom('users').select('role').where('mobile', '=', '13800000002').executeTakeFirstOrThrow();
    expect(staff.role).toBe('specialist');
  });

  it('refuses a mobile the provider has not verified, for a new member and an existing one alike', async () => {
    const users = async () => (await h.t.database.db.selectFrom('users').select('id').execute()).length;
    const before = await users();
    for (const sub of ['legal-unverified', 'legal-existing-unverified']) {
      const browser = new Browser();
      expect((await h.signIn(browser, sub)).headers.get('location')).toBe('/login?sso_error=FORBIDDEN');
      expect(h.session(browser)).toBeUndefined();
    }
    expect(await users()).toBe(before);
    const refused = await h.t.database.db
      .selectFrom('audit_log')
      .select('after')
      .where('action', '=', 'auth.oidc_refused')
      .orderBy('id', 'desc')
      .limit(2)
      .execute();
    expect(refused.map((r) => (r.after as { reason: string }).reason)).toEqual([
      expect.stringContaining('未确认该手机号已验证'),
      expect.stringContaining('未确认该手机号已验证'),
    ]);
  });

  it('does not bring back a member the enterprise removed', async () => {
    const mobile = newMobile();
    ACCOUNTS.set('legal-removed', { uscc: enterprise.uscc, phone_number: mobile, phone_number_verified: true, name: '被移出' });
    const first = new Browser();
    await h.signIn(first, 'legal-removed');
    const member = await me(first);
    const admin = await loginChangingPassword(h.t, 'ent_sso', 'Start2026ok');
    const removed = await h.t.app.inject({ method: 'POST', url: `/api/portal/members/${member.id}/remove`, headers: { cookie: admin } });
    expect(removed.statusCode, removed.body).toBe(204);
    const again = new Browser();
    expect((await h.signIn(again, 'legal-removed')).headers.get('location')).toBe('/login?sso_error=FORBIDDEN');
    expect(await h.t.database.db.selectFrom('users').select('id').where('mobile', '=', mobile).execute()).toHaveLength(0);
    const refused = await h.t.database.db
      .selectFrom('audit_log')
      .select('after')
      .where('action', '=', 'auth.oidc_refused')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect((refused.after as { reason: string }).reason).toContain('移出本企业');
  });

  it('still signs staff in when the claims carry no credit code', async () => {
    const browser = new Browser();
    await h.signIn(browser, 'specialist');
    expect((await me(browser)).role).toBe('specialist');
  });
});
