import { afterAll, beforeAll, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { createTestApp, type TestApp } from '../../../tests/support/app.ts';
import { insertSession } from './repository.ts';
import { sessionIdOf } from './service.ts';

// A password an administrator set (a new account, a reset) must be changed before the account is
// used: the API itself holds the session to the change, not only the web app.
let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await createTestApp({ enterprises: 2 });
  admin = await t.login('admin');
});
afterAll(() => t?.close());

const get = (url: string, cookie: string) => t.app.inject({ url, headers: { cookie } });
const post = (url: string, cookie: string, payload?: object) => t.app.inject({ method: 'POST', url, headers: { cookie }, payload });

it('a new account may call only me, the password change and logout until the password is changed; then everything its role allows', async () => {
  const created = await post('/api/admin/users', admin, {
    username: 'fresh_staff',
    displayName: '新专员',
    role: 'specialist',
    password: 'Start2026ok',
  });
  expect(created.statusCode, created.body).toBe(201);
  const [cookie, other] = [await t.login('fresh_staff', 'Start2026ok'), await t.login('fresh_staff', 'Start2026ok')];

  const me = await get('/api/auth/me', cookie);
  expect(me.statusCode).toBe(200);
  expect(me.json().user.mustChangePassword).toBe(true);
  for (const refused of [
    await get('/api/notifications', cookie),
    await get('/api/enterprises', cookie),
    await post('/api/notifications/read-all', cookie),
  ]) {
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED', message: expect.stringMatching(/修改初始密码/) });
  }

  expect((await post('/api/auth/logout', other)).statusCode).toBe(200);
  const changed = await post('/api/auth/password', cookie, { currentPassword: 'Start2026ok', newPassword: 'Mine2026ok' });
  expect(changed.statusCode, changed.body).toBe(204);
  expect((await get('/api/auth/me', cookie)).json().user.mustChangePassword).toBe(false);
  expect((await get('/api/notifications', cookie)).statusCode).toBe(200);
  expect((await get('/api/enterprises', cookie)).statusCode).toBe(200);
});

it('a password reset by an administrator holds the account the same way', async () => {
  const user = await t.database.db.selectFrom('users').select('id').where('username', '=', 'handler').executeTakeFirstOrThrow();
  expect((await post(`/api/admin/users/${user.id}/reset-password`, admin, { password: 'Reset2026ok' })).statusCode).toBe(204);
  const cookie = await t.login('handler', 'Reset2026ok');
  expect((await get('/api/notifications', cookie)).json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
  expect((await post('/api/auth/logout', cookie)).statusCode).toBe(200);
});

it('holds only password sessions: a single sign-on session of the same account was never given the password', async () => {
  const created = await post('/api/admin/users', admin, {
    username: 'sso_staff',
    displayName: '统一认证专员',
    role: 'specialist',
    password: 'Start2026ok',
  });
  expect(created.statusCode, created.body).toBe(201);
  const id: number = created.json().id;
  // What the single sign-on callback opens (src/modules/sso): a session marked 'sso'.
  const token = randomBytes(32).toString('base64url');
  await insertSession(t.database.db, {
    id: sessionIdOf(token),
    userId: id,
    expiresAt: new Date(Date.now() + 3_600_000),
    ip: '127.0.0.1',
    userAgent: undefined,
    method: 'sso',
  });
  const sso = `qifu_session=${token}`;
  expect((await get('/api/enterprises', sso)).statusCode).toBe(200);
  expect((await get('/api/auth/me', sso)).json().user.mustChangePassword).toBe(false);
  // The same account by its administrator-set password is still held.
  const password = await t.login('sso_staff', 'Start2026ok');
  expect((await get('/api/enterprises', password)).statusCode).toBe(403);
  expect((await get('/api/auth/me', password)).json().user.mustChangePassword).toBe(true);
});
