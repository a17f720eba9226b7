import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as passwords from '../../platform/auth/password.ts';
import { createTestApp, type TestApp } from '../../../tests/support/app.ts';
import { makeUscc } from '../enterprises/uscc.ts';
import { codeSentTo, enterpriseWithNumbers, newMobile } from '../../../tests/support/accounts.ts';
import { registrationCalls } from './test-fixtures.ts';

// Self-registration by SMS code: the codes, their checks and limits, and what is (not) told before the code is right.
// The front desk's side (授权委托书, enterprises not in the file) is in registration-requests.test.ts.

// Counted, to show the password is not hashed before the code is right (timing would tell the file's numbers).
vi.mock('../../platform/auth/password.ts', async (original) => {
  const m = await original<typeof import('../../platform/auth/password.ts')>();
  return { ...m, hashPassword: vi.fn(m.hashPassword) };
});

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ enterprises: 30 });
});
afterAll(() => t.close());
const { from, post, sendAndRegister } = registrationCalls(() => t);
const userCount = async () =>
  Number(
    (
      await t.database.db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('self-registration with a mobile the file holds', () => {
  it('the first registrant becomes 企业管理员 and is logged in; a later one is 经办人 and the admin is told', async () => {
    const e = await enterpriseWithNumbers(t.database.db);
    const sent = await post('/api/registration/send-code', { uscc: e.uscc.toLowerCase(), mobile: e.legalRep });
    expect(sent.json()).toEqual({
      sentTo: `${e.legalRep.slice(0, 3)}****${e.legalRep.slice(-4)}`,
      expiresInSeconds: 300,
      resendAfterSeconds: 60,
    });
    const code = await codeSentTo(t.database.db, e.legalRep);
    // Only a salted hash is kept.
    const stored = await t.database.db
      .selectFrom('verification_codes')
      .select('code_hash')
      .where('mobile', '=', e.legalRep)
      .executeTakeFirstOrThrow();
    expect(stored.code_hash).not.toContain(code);
    const res = await post('/api/registration', { uscc: e.uscc, mobile: e.legalRep, code, displayName: '李法人', password: 'Qifu2026ok' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      outcome: 'created',
      enterpriseRole: 'admin',
      user: { role: 'enterprise', enterpriseRole: 'admin', enterprise: { id: e.id } },
    });
    const cookie = res.cookies.find((c) => c.name === 'qifu_session');
    const me = await t.app.inject({ url: '/api/auth/me', headers: { cookie: `qifu_session=${cookie?.value}` } });
    expect(me.json().user.displayName).toBe('李法人');
    // The same code cannot be used twice.
    const twice = await post('/api/registration', {
      uscc: e.uscc,
      mobile: e.legalRep,
      code,
      displayName: '李法人',
      password: 'Qifu2026ok',
    });
    expect(twice.json().error).toMatchObject({ message: '请先获取短信验证码', details: { fields: [{ field: 'code' }] } });

    const second = await sendAndRegister(e.uscc, e.contact, '王联系');
    expect(second.json()).toMatchObject({ outcome: 'created', enterpriseRole: 'agent' });
    const admin = await t.database.db.selectFrom('users').select('id').where('mobile', '=', e.legalRep).executeTakeFirstOrThrow();
    const told = await t.database.db.selectFrom('notifications').select(['title', 'link']).where('user_id', '=', admin.id).execute();
    expect(told).toEqual([expect.objectContaining({ title: expect.stringContaining('王联系'), link: '/portal/members' })]);
    const audit = await t.database.db.selectFrom('audit_log').select('after').where('action', '=', 'enterprise_account.create').execute();
    expect(audit.map((a) => (a.after as { via: string }).via)).toEqual(['code', 'code']);
    // Logs in with the mobile and the password chosen.
    expect((await post('/api/auth/login', { login: e.contact, password: 'Qifu2026ok' })).statusCode).toBe(200);
  });
});

describe('bad input', () => {
  it('a credit code with a wrong check character, or not in the file, is refused by name', async () => {
    const e = await enterpriseWithNumbers(t.database.db);
    const wrong = `${e.uscc.slice(0, 17)}${e.uscc.endsWith('0') ? '1' : '0'}`;
    const bad = await post('/api/registration/send-code', { uscc: wrong, mobile: newMobile() });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ message: expect.stringContaining('校验码'), details: { fields: [{ field: 'uscc' }] } });
    const absent = makeUscc('91440306MA5H0001X');
    const missing = await t.app.inject({ url: `/api/registration/enterprise?uscc=${absent}`, remoteAddress: from() });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toMatchObject({ message: expect.stringContaining('企业库中没有'), details: { notInFile: true } });
    expect((await t.app.inject({ url: `/api/registration/enterprise?uscc=${e.uscc}`, remoteAddress: from() })).json()).toEqual({
      uscc: e.uscc,
      name: e.name,
    });
  });

  it('a wrong code says how many tries are left; five wrong spend the code; an expired code is refused', async () => {
    const e = await enterpriseWithNumbers(t.database.db);
    await post('/api/registration/send-code', { uscc: e.uscc, mobile: e.contact });
    const code = await codeSentTo(t.database.db, e.contact);
    const wrongCode = code === '000000' ? '000001' : '000000';
    const before = await userCount();
    const body = { uscc: e.uscc, mobile: e.contact, displayName: '赵六', password: 'Qifu2026ok' };
    const first = await post('/api/registration', { ...body, code: wrongCode });
    expect(first.statusCode).toBe(400);
    expect(first.json().error).toMatchObject({ message: '验证码错误，还可尝试 4 次', details: { fields: [{ field: 'code' }] } });
    for (let i = 0; i < 4; i++) await post('/api/registration', { ...body, code: wrongCode });
    const spent = await post('/api/registration', { ...body, code });
    expect(spent.json().error.message).toContain('错误已达 5 次');

    await t.database.db
      .updateTable('verification_codes')
      .set({ created_at: new Date(Date.now() - 120_000) } as never)
      .where('mobile', '=', e.contact)
      .execute();
    await post('/api/registration/send-code', { uscc: e.uscc, mobile: e.contact });
    const fresh = await codeSentTo(t.database.db, e.contact);
    await t.database.db
      .updateTable('verification_codes')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('mobile', '=', e.contact)
      .where('consumed_at', 'is', null)
      .execute();
    const expired = await post('/api/registration', { ...body, code: fresh });
    expect(expired.statusCode).toBe(400);
    expect(expired.json().error.message).toBe('验证码已过期，请重新获取');
    expect(await userCount()).toBe(before);
  });

  it('a mobile that already has an account cannot register again (said after the right code), nor a weak password', async () => {
    const e = await enterpriseWithNumbers(t.database.db);
    const staff = await post('/api/registration/send-code', { uscc: e.uscc, mobile: '13800000002' });
    expect(staff.statusCode).toBe(200);
    const wrong = await post('/api/registration', {
      uscc: e.uscc,
      mobile: '13800000002',
      code: '000000' === (await codeSentTo(t.database.db, '13800000002')) ? '000001' : '000000',
      displayName: '某',
      password: 'Qifu2026ok',
    });
    expect(wrong.json().error.message).toContain('验证码错误');
    const right = await post('/api/registration', {
      uscc: e.uscc,
      mobile: '13800000002',
      code: await codeSentTo(t.database.db, '13800000002'),
      displayName: '某',
      password: 'Qifu2026ok',
    });
    expect(right.statusCode).toBe(409);
    expect(right.json().error).toMatchObject({ message: expect.stringContaining('已注册'), details: { fields: [{ field: 'mobile' }] } });
    await post('/api/registration/send-code', { uscc: e.uscc, mobile: e.legalRep });
    const weak = await post('/api/registration', {
      uscc: e.uscc,
      mobile: e.legalRep,
      code: await codeSentTo(t.database.db, e.legalRep),
      displayName: '钱七',
      password: '123',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.details.fields[0].field).toBe('password');
  });
});

describe('rate limits', () => {
  it('one code a minute and ten a day per mobile; five requests a minute per address', async () => {
    const e = await enterpriseWithNumbers(t.database.db);
    const mobile = newMobile();
    expect((await post('/api/registration/send-code', { uscc: e.uscc, mobile })).statusCode).toBe(200);
    const soon = await post('/api/registration/send-code', { uscc: e.uscc, mobile });
    expect(soon.statusCode).toBe(429);
    expect(soon.json().error.message).toMatch(/请 \d+ 秒后再试/);
    // Nine more earlier today: the tenth of the day is the last.
    const earlier = Array.from({ length: 9 }, (_, i) => ({
      mobile,
      purpose: 'register' as const,
      context: e.uscc,
      code_hash: 'x$y',
      expires_at: new Date(),
      consumed_at: new Date(),
      created_at: new Date(Date.now() - (i + 2) * 3_600_000),
    }));
    await t.database.db
      .insertInto('verification_codes')
      .values(earlier as never)
      .execute();
    await t.database.db
      .updateTable('verification_codes')
      .set({ created_at: new Date(Date.now() - 3_000_000) } as never)
      .where('mobile', '=', mobile)
      .where('code_hash', '!=', 'x$y')
      .execute();
    const daily = await post('/api/registration/send-code', { uscc: e.uscc, mobile });
    expect(daily.statusCode).toBe(429);
    expect(daily.json().error.message).toContain('今日');

    const ip = from();
    const codes = [];
    for (let i = 0; i < 6; i++)
      codes.push((await post('/api/registration/send-code', { uscc: e.uscc, mobile: newMobile() }, ip)).statusCode);
    expect(codes).toEqual([200, 200, 200, 200, 200, 429]);
    // Checking codes is limited per address too.
    const checks = [];
    for (let i = 0; i < 11; i++)
      checks.push(
        (
          await post(
            '/api/registration',
            { uscc: e.uscc, mobile: newMobile(), code: '123456', displayName: '甲', password: 'Qifu2026ok' },
            ip,
          )
        ).statusCode,
      );
    expect(checks.at(-1)).toBe(429);
  });
});

describe('nothing about a mobile is told before its code is right', () => {
  const wrongFor = async (mobile: string) => ((await codeSentTo(t.database.db, mobile)) === '000000' ? '000001' : '000000');

  it('send-code answers alike for a new mobile, a staff mobile, a member and a mobile the file holds; a wrong code hashes no password', async () => {
    const e = await enterpriseWithNumbers(t.database.db);
    const member = await enterpriseWithNumbers(t.database.db, [e.id]);
    expect((await sendAndRegister(member.uscc, member.legalRep)).json()).toMatchObject({ outcome: 'created' });
    await t.database.db
      .updateTable('verification_codes')
      .set({ created_at: new Date(Date.now() - 120_000) } as never)
      .where('mobile', '=', member.legalRep)
      .execute();
    const mobiles = [newMobile(), '13800000003', member.legalRep, e.legalRep];
    const answers = [];
    for (const mobile of mobiles) {
      const res = await post('/api/registration/send-code', { uscc: e.uscc, mobile });
      answers.push([res.statusCode, Object.keys(res.json()).sort().join()]);
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]![0]).toBe(200);
    const hashing = vi.mocked(passwords.hashPassword);
    hashing.mockClear();
    const wrong = [];
    for (const mobile of mobiles) {
      const res = await post('/api/registration', {
        uscc: e.uscc,
        mobile,
        code: await wrongFor(mobile),
        displayName: '甲',
        password: 'Qifu2026ok',
      });
      wrong.push([res.statusCode, res.json().error.message]);
    }
    expect(wrong).toEqual(mobiles.map(() => [400, '验证码错误，还可尝试 4 次']));
    expect(hashing).not.toHaveBeenCalled();
  });

  it('guesses sent at once get five tries between them, not five each', async () => {
    const e = await enterpriseWithNumbers(t.database.db);
    await post('/api/registration/send-code', { uscc: e.uscc, mobile: e.contact });
    const wrong = await wrongFor(e.contact);
    const body = { uscc: e.uscc, mobile: e.contact, code: wrong, displayName: '甲', password: 'Qifu2026ok' };
    const answers = await Promise.all(Array.from({ length: 12 }, () => post('/api/registration', body)));
    expect(answers.every((a) => a.statusCode === 400)).toBe(true);
    const row = await t.database.db
      .selectFrom('verification_codes')
      .select('attempts')
      .where('mobile', '=', e.contact)
      .executeTakeFirstOrThrow();
    expect(row.attempts).toBe(5);
    expect(answers.filter((a) => /还可尝试/.test(a.json().error.message))).toHaveLength(4);
    const right = await post('/api/registration', { ...body, code: await codeSentTo(t.database.db, e.contact) });
    expect(right.json().error.message).toContain('错误已达 5 次');
  });

  it('codes asked for at once: one goes out, the others wait their minute', async () => {
    const e = await enterpriseWithNumbers(t.database.db);
    const mobile = newMobile();
    const answers = await Promise.all(Array.from({ length: 5 }, () => post('/api/registration/send-code', { uscc: e.uscc, mobile })));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 429, 429, 429, 429]);
    expect(await t.database.db.selectFrom('verification_codes').select('id').where('mobile', '=', mobile).execute()).toHaveLength(1);
  });

  it('twenty registration codes a day per credit code, whoever asks', async () => {
    const e = await enterpriseWithNumbers(t.database.db);
    const earlier = Array.from({ length: 19 }, (_, i) => ({
      mobile: newMobile(),
      purpose: 'register' as const,
      context: e.uscc,
      code_hash: 'x$y',
      expires_at: new Date(),
      created_at: new Date(Date.now() - (i + 2) * 600_000),
    }));
    await t.database.db
      .insertInto('verification_codes')
      .values(earlier as never)
      .execute();
    expect((await post('/api/registration/send-code', { uscc: e.uscc, mobile: newMobile() })).statusCode).toBe(200);
    const capped = await post('/api/registration/send-code', { uscc: e.uscc, mobile: newMobile() });
    expect(capped.statusCode).toBe(429);
    expect(capped.json().error.message).toContain('该企业今日');
  });
});
