import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DEMO_PASSWORD, type TestApp } from '../../../tests/support/app.ts';
import { loginKeyOf, purgeLoginAttempts } from './service.ts';

// The lock counts in the database, atomically, so parallel attempts cannot slip past it; and a
// name without an account is answered and locked exactly like a real one (no user enumeration).
const MAX = 5;
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ enterprises: 2, env: { QIFU_LOGIN_MAX_FAILURES: String(MAX), QIFU_LOGIN_RATE_PER_MINUTE: '1000' } });
});
afterAll(() => t?.close());

const login = (l: string, password: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: l, password } });
const parallel = (l: string, n: number) => Promise.all(Array.from({ length: n }, (_, i) => login(l, `wrong-pass-${i}`)));
/** Status, code and message of each answer; the lock's end time left out (it differs by milliseconds). */
const shape = (res: Awaited<ReturnType<typeof login>>) => {
  const error = res.json<{ error?: { code: string; message: string } }>().error;
  return `${res.statusCode} ${error?.code} ${error?.message.replace(/请于 .* 后再试/, '请于 … 后再试')}`;
};
const tally = (answers: Awaited<ReturnType<typeof login>>[]) =>
  answers.reduce<Record<number, number>>((acc, r) => ({ ...acc, [r.statusCode]: (acc[r.statusCode] ?? 0) + 1 }), {});

describe('the login lock under concurrency', () => {
  it('30 wrong passwords at once lock the account at the threshold; the right password then gets 423', async () => {
    const answers = await parallel('specialist', 30);
    expect(tally(answers)).toEqual({ 401: MAX - 1, 423: 30 - (MAX - 1) });
    const right = await login('specialist', DEMO_PASSWORD);
    expect(right.statusCode).toBe(423);
    expect(right.json().error.code).toBe('ACCOUNT_LOCKED');
    expect(right.json().error.details.lockedUntil).toBeTruthy();
    const user = await t.database.db
      .selectFrom('users')
      .select(['id', 'locked_until'])
      .where('username', '=', 'specialist')
      .executeTakeFirstOrThrow();
    expect(user.locked_until!.getTime()).toBeGreaterThan(Date.now());
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'user')
      .where('entity_id', '=', String(user.id))
      .where('action', 'in', ['auth.locked', 'auth.login_failed'])
      .execute();
    expect(audit.filter((a) => a.action === 'auth.locked')).toHaveLength(1);
    expect(audit.filter((a) => a.action === 'auth.login_failed')).toHaveLength(MAX - 1);
  });

  it('an unknown name is locked the same way', async () => {
    const answers = await parallel('no_such_user', 30);
    expect(tally(answers)).toEqual({ 401: MAX - 1, 423: 30 - (MAX - 1) });
    expect((await login(' no_such_user ', 'another-1')).statusCode).toBe(423);
  });

  it('keeps spellings apart for unknown names as the account lookup does for real ones', async () => {
    // Five failures under "LEADER" / a full-width mobile must not decide the answer for "leader" /
    // the plain mobile: otherwise the real account (not locked) and an unknown one (locked) differ.
    for (const [other, name] of [
      ['COORDINATOR', 'coordinator'],
      ['NOBODY_HERE', 'nobody_here'],
      ['１３９００００９９９９', '13900009999'],
    ] as const) {
      for (let i = 0; i < MAX; i++) await login(other, `wrong-pass-${i}`);
      expect((await login(name, 'wrong-pass-x')).statusCode, name).toBe(401);
    }
  });
});

describe('user enumeration', () => {
  it('a real name and an unknown one get the same answers, attempt by attempt, up to and after the lock', async () => {
    const real: string[] = [];
    const unknown: string[] = [];
    for (let i = 0; i < MAX + 2; i++) {
      real.push(shape(await login('leader', `wrong-pass-${i}`)));
      unknown.push(shape(await login('leader_not_here', `wrong-pass-${i}`)));
    }
    expect(unknown).toEqual(real);
    expect(real[0]).toBe('401 INVALID_CREDENTIALS 用户名或密码错误');
    expect(real[MAX - 1]).toMatch(/^423 ACCOUNT_LOCKED 连续 5 次密码错误/);
    expect(real[MAX]).toMatch(/^423 ACCOUNT_LOCKED 登录失败次数过多/);
    expect(real.join()).not.toMatch(/还可尝试/);
    // The name's row holds no plain text: a password typed into the name field is not kept.
    const keys = (await t.database.db.selectFrom('login_attempts').select('login_key').execute()).map((r) => r.login_key);
    expect(keys).toContain(loginKeyOf('leader_not_here'));
    expect(keys.join()).not.toMatch(/leader_not_here/);
  });

  it('both start again once the lock has run out, and forget failures a day old', async () => {
    const past = new Date(Date.now() - 1000);
    await t.database.db.updateTable('users').set({ locked_until: past }).where('username', '=', 'leader').execute();
    await t.database.db
      .updateTable('login_attempts')
      .set({ locked_until: past })
      .where('login_key', '=', loginKeyOf('leader_not_here'))
      .execute();
    expect(shape(await login('leader', 'wrong-again-1'))).toBe('401 INVALID_CREDENTIALS 用户名或密码错误');
    expect(shape(await login('leader_not_here', 'wrong-again-1'))).toBe('401 INVALID_CREDENTIALS 用户名或密码错误');
    expect((await login('leader', DEMO_PASSWORD)).statusCode).toBe(200);

    // MAX - 1 failures, then a day passes: the next failure is the first again, for both.
    for (let i = 0; i < MAX - 2; i++) await Promise.all([login('coordinator', 'wrong-x'), login('coordinator_x', 'wrong-x')]);
    const dayAgo = new Date(Date.now() - 24 * 3_600_000 - 60_000);
    await t.database.db.updateTable('users').set({ failed_login_at: dayAgo }).where('username', '=', 'coordinator').execute();
    await t.database.db
      .updateTable('login_attempts')
      .set({ updated_at: dayAgo })
      .where('login_key', '=', loginKeyOf('coordinator_x'))
      .execute();
    for (let i = 0; i < MAX - 1; i++) {
      expect((await login('coordinator', 'wrong-y')).statusCode).toBe(401);
      expect((await login('coordinator_x', 'wrong-y')).statusCode).toBe(401);
    }
  });

  it('the purge deletes the rows of unknown names once forgotten and unlocked, and keeps the rest', async () => {
    const db = t.database.db;
    const dayAgo = new Date(Date.now() - 24 * 3_600_000 - 60_000);
    await db
      .insertInto('login_attempts')
      .values([
        { login_key: 'old', failures: 2, locked_until: null, updated_at: dayAgo },
        { login_key: 'old-still-locked', failures: MAX, locked_until: new Date(Date.now() + 3_600_000), updated_at: dayAgo },
        { login_key: 'recent', failures: 1, locked_until: null, updated_at: new Date() },
      ])
      .execute();
    expect(await purgeLoginAttempts(db)).toBeGreaterThanOrEqual(1);
    const left = (await db.selectFrom('login_attempts').select('login_key').execute()).map((r) => r.login_key);
    expect(left).not.toContain('old');
    expect(left).toEqual(expect.arrayContaining(['old-still-locked', 'recent']));
  });
});
