import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/app.ts';
import { hashPassword } from '../../platform/auth/password.ts';

// In production the published demo password opens nothing; and trying it must not tell which
// accounts exist: only an account it really opens is refused as a demo account.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ enterprises: 2, env: { NODE_ENV: 'production' } });
  await t.database.db
    .updateTable('users')
    .set({ password_hash: await hashPassword('Changed2026!x') })
    .where('username', '=', 'specialist')
    .execute();
});
afterAll(() => t?.close());

const login = (login: string, password: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login, password } });

it('refuses the demo password where it opens a leftover demo account, and answers as any wrong password elsewhere', async () => {
  const leftover = await login('admin', 'qifu@2026');
  expect(leftover.statusCode).toBe(403);
  expect(leftover.json().error.code).toBe('DEMO_PASSWORD_REFUSED');

  const changed = await login('specialist', 'qifu@2026');
  expect(changed.statusCode).toBe(401);
  expect(changed.json().error.code).toBe('INVALID_CREDENTIALS');
  expect((await login('nobody_here', 'qifu@2026')).json().error.code).toBe('INVALID_CREDENTIALS');

  expect((await login('specialist', 'Changed2026!x')).statusCode).toBe(200);
});
