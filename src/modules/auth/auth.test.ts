import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { QIFU_LOGIN_MAX_FAILURES: '3', QIFU_LOGIN_RATE_PER_MINUTE: '25' } });
});
afterAll(() => t.close());

const login = (l: string, password: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: l, password } });

describe('login', () => {
  it('accepts username or mobile and sets an httpOnly SameSite cookie', async () => {
    const byName = await login('coordinator', 'qifu@2026');
    expect(byName.statusCode).toBe(200);
    expect(byName.json().user).toMatchObject({ username: 'coordinator', role: 'coordinator' });
    const cookie = byName.cookies.find((c) => c.name === 'qifu_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    const byMobile = await login('13800000003', 'qifu@2026');
    expect(byMobile.statusCode).toBe(200);
    expect(byMobile.json().user.mobile).toBe('138****0003');
  });

  it('answers 401 with a stable code and a Chinese message for a wrong password or unknown user', async () => {
    const wrong = await login('leader', 'nope1234');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('INVALID_CREDENTIALS');
    expect(wrong.json().error.message).toMatch(/密码错误/);
    const unknown = await login('nobody', 'nope1234');
    expect(unknown.json().error.code).toBe('INVALID_CREDENTIALS');
  });

  it('locks the account after repeated failures, even for the right password', async () => {
    await login('policy', 'bad-1');
    await login('policy', 'bad-2');
    const third = await login('policy', 'bad-3');
    expect(third.statusCode).toBe(423);
    expect(third.json().error.details.lockedUntil).toBeTruthy();
    const right = await login('policy', 'qifu@2026');
    expect(right.statusCode).toBe(423);
    expect(right.json().error.code).toBe('ACCOUNT_LOCKED');
    const audit = await t.database.db.selectFrom('audit_log').select('action').where('action', '=', 'auth.locked').execute();
    expect(audit.length).toBe(1);
  });

  it('rejects an empty body naming the field', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: '', password: 'x' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.details.fields[0].field).toBe('login');
  });
});

describe('session', () => {
  it('me needs a session; logout ends it', async () => {
    expect((await t.app.inject({ url: '/api/auth/me' })).statusCode).toBe(401);
    const cookie = await t.login('specialist');
    const me = await t.app.inject({ url: '/api/auth/me', headers: { cookie } });
    expect(me.json().user.role).toBe('specialist');
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('changes the password: checks the current one and the new one, then only the new one works', async () => {
    const cookie = await t.login('cadre');
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie },
      payload: { currentPassword: 'x', newPassword: 'abc12345' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].field).toBe('currentPassword');
    const weak = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie },
      payload: { currentPassword: 'qifu@2026', newPassword: 'short' },
    });
    expect(weak.json().error.details.fields[0].field).toBe('newPassword');
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie },
      payload: { currentPassword: 'qifu@2026', newPassword: 'Newpass2026' },
    });
    expect(ok.statusCode).toBe(204);
    expect((await login('cadre', 'qifu@2026')).statusCode).toBe(401);
    expect((await login('cadre', 'Newpass2026')).statusCode).toBe(200);
  });

  it('rate-limits login attempts per client address', async () => {
    let limited = 0;
    for (let i = 0; i < 30; i++) {
      const res = await login('nobody', 'x');
      if (res.statusCode === 429) {
        limited++;
        expect(res.json().error.code).toBe('RATE_LIMITED');
      }
    }
    expect(limited).toBeGreaterThan(0);
  });
});
