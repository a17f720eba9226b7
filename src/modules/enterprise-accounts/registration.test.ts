import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as passwords from '../../platform/auth/password.ts';
import { createTestApp, type TestApp } from '../../../tests/support/app.ts';
import { makeUscc } from '../enterprises/uscc.ts';
import { codeSentTo, enterpriseWithNumbers, lastMessage, multipart, newMobile, PDF } from '../../../tests/support/accounts.ts';

// Counted, to show the password is not hashed before the code is right (timing would tell the file's numbers).
vi.mock('../../platform/auth/password.ts', async (original) => {
  const m = await original<typeof import('../../platform/auth/password.ts')>();
  return { ...m, hashPassword: vi.fn(m.hashPassword) };
});

let t: TestApp;
let address = 0;
/** A client address of its own per use, so the per-address limits only bite where a test wants them. */
const from = () => `10.1.0.${++address}`;
beforeAll(async () => {
  t = await createTestApp({ enterprises: 30 });
});
afterAll(() => t.close());

async function post(url: string, payload: object, remoteAddress = from(), cookie?: string) {
  return t.app.inject({ method: 'POST', url, payload, remoteAddress, ...(cookie ? { headers: { cookie } } : {}) });
}
async function sendAndRegister(uscc: string, mobile: string, displayName = '张三', password = 'Qifu2026ok') {
  const sent = await post('/api/registration/send-code', { uscc, mobile });
  expect(sent.statusCode, sent.body).toBe(200);
  return post('/api/registration', { uscc, mobile, code: await codeSentTo(t.database.db, mobile), displayName, password });
}
const userCount = async () => Number((await t.database.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe('self-registration with a mobile the file holds', () => {
  it('the first registrant becomes 企业管理员 and is logged in; a later one is 经办人 and the admin is told', async () => {
    const e = await enterpriseWithNumbers(t.database.db);
    const sent = await post('/api/registration/send-code', { uscc: e.uscc.toLowerCase(), mobile: e.legalRep });
    expect(sent.json()).toEqual({ sentTo: `${e.legalRep.slice(0, 3)}****${e.legalRep.slice(-4)}`, expiresInSeconds: 300, resendAfterSeconds: 60 });
    const code = await codeSentTo(t.database.db, e.legalRep);
    // Only a salted hash is kept.
    const stored = await t.database.db.selectFrom('verification_codes').select('code_hash').where('mobile', '=', e.legalRep).executeTakeFirstOrThrow();
    expect(stored.code_hash).not.toContain(code);
    const res = await post('/api/registration', { uscc: e.uscc, mobile: e.legalRep, code, displayName: '李法人', password: 'Qifu2026ok' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ outcome: 'created', enterpriseRole: 'admin', user: { role: 'enterprise', enterpriseRole: 'admin', enterprise: { id: e.id } } });
    const cookie = res.cookies.find((c) => c.name === 'qifu_session');
    const me = await t.app.inject({ url: '/api/auth/me', headers: { cookie: `qifu_session=${cookie?.value}` } });
    expect(me.json().user.displayName).toBe('李法人');
    // The same code cannot be used twice.
    const twice = await post('/api/registration', { uscc: e.uscc, mobile: e.legalRep, code, displayName: '李法人', password: 'Qifu2026ok' });
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
    expect((await t.app.inject({ url: `/api/registration/enterprise?uscc=${e.uscc}`, remoteAddress: from() })).json()).toEqual({ uscc: e.uscc, name: e.name });
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

    await t.database.db.updateTable('verification_codes').set({ created_at: new Date(Date.now() - 120_000) } as never).where('mobile', '=', e.contact).execute();
    await post('/api/registration/send-code', { uscc: e.uscc, mobile: e.contact });
    const fresh = await codeSentTo(t.database.db, e.contact);
    await t.database.db.updateTable('verification_codes').set({ expires_at: new Date(Date.now() - 1000) }).where('mobile', '=', e.contact).where('consumed_at', 'is', null).execute();
    const expired = await post('/api/registration', { ...body, code: fresh });
    expect(expired.statusCode).toBe(400);
    expect(expired.json().error.message).toBe('验证码已过期，请重新获取');
    expect(await userCount()).toBe(before);
  });

  it('a mobile that already has an account cannot register again (said after the right code), nor a weak password', async () => {
    const e = await enterpriseWithNumbers(t.database.db);
    const staff = await post('/api/registration/send-code', { uscc: e.uscc, mobile: '13800000002' });
    expect(staff.statusCode).toBe(200);
    const wrong = await post('/api/registration', { uscc: e.uscc, mobile: '13800000002', code: '000000' === (await codeSentTo(t.database.db, '13800000002')) ? '000001' : '000000', displayName: '某', password: 'Qifu2026ok' });
    expect(wrong.json().error.message).toContain('验证码错误');
    const right = await post('/api/registration', { uscc: e.uscc, mobile: '13800000002', code: await codeSentTo(t.database.db, '13800000002'), displayName: '某', password: 'Qifu2026ok' });
    expect(right.statusCode).toBe(409);
    expect(right.json().error).toMatchObject({ message: expect.stringContaining('已注册'), details: { fields: [{ field: 'mobile' }] } });
    await post('/api/registration/send-code', { uscc: e.uscc, mobile: e.legalRep });
    const weak = await post('/api/registration', { uscc: e.uscc, mobile: e.legalRep, code: await codeSentTo(t.database.db, e.legalRep), displayName: '钱七', password: '123' });
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
    const earlier = Array.from({ length: 9 }, (_, i) => ({ mobile, purpose: 'register' as const, context: e.uscc, code_hash: 'x$y', expires_at: new Date(), consumed_at: new Date(), created_at: new Date(Date.now() - (i + 2) * 3_600_000) }));
    await t.database.db.insertInto('verification_codes').values(earlier as never).execute();
    await t.database.db.updateTable('verification_codes').set({ created_at: new Date(Date.now() - 3_000_000) } as never).where('mobile', '=', mobile).where('code_hash', '!=', 'x$y').execute();
    const daily = await post('/api/registration/send-code', { uscc: e.uscc, mobile });
    expect(daily.statusCode).toBe(429);
    expect(daily.json().error.message).toContain('今日');

    const ip = from();
    const codes = [];
    for (let i = 0; i < 6; i++) codes.push((await post('/api/registration/send-code', { uscc: e.uscc, mobile: newMobile() }, ip)).statusCode);
    expect(codes).toEqual([200, 200, 200, 200, 200, 429]);
    // Checking codes is limited per address too.
    const checks = [];
    for (let i = 0; i < 11; i++) checks.push((await post('/api/registration', { uscc: e.uscc, mobile: newMobile(), code: '123456', displayName: '甲', password: 'Qifu2026ok' }, ip)).statusCode);
    expect(checks.at(-1)).toBe(429);
  });
});

describe('a mobile the file does not hold: the 授权委托书', () => {
  it('is asked for only after the right code, refuses what is not a PDF or image, and the front desk approves it', async () => {
    const e = await enterpriseWithNumbers(t.database.db);
    const mobile = newMobile();
    const res = await sendAndRegister(e.uscc, mobile, '孙经办');
    expect(res.json()).toMatchObject({ outcome: 'letter_required', enterpriseName: e.name });
    const { proof, fileMobiles } = res.json() as { proof: string; fileMobiles: string[] };
    expect(fileMobiles.sort()).toEqual([e.legalRep, e.contact].map((m) => `${m.slice(0, 3)}****${m.slice(-4)}`).sort());
    const fields = { proof, displayName: '孙经办', password: 'Qifu2026ok' };
    const docx = multipart(fields, { field: 'letter', name: '委托书.docx', data: Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('[Content_Types].xml word/document.xml')]) });
    const office = await t.app.inject({ method: 'POST', url: '/api/registration/letter', remoteAddress: from(), ...docx });
    expect(office.statusCode).toBe(400);
    expect(office.json().error.message).toContain('PDF 或图片');
    const exe = multipart(fields, { field: 'letter', name: '委托书.pdf', data: Buffer.from('MZ\x90\x00not a pdf', 'latin1') });
    expect((await t.app.inject({ method: 'POST', url: '/api/registration/letter', remoteAddress: from(), ...exe })).statusCode).toBe(415);
    expect(await t.database.db.selectFrom('registration_requests').select('id').where('mobile', '=', mobile).execute()).toHaveLength(0);

    const ok = await t.app.inject({ method: 'POST', url: '/api/registration/letter', remoteAddress: from(), ...multipart(fields, { field: 'letter', name: '授权委托书.pdf', data: PDF }) });
    expect(ok.statusCode, ok.body).toBe(201);
    const again = await t.app.inject({ method: 'POST', url: '/api/registration/letter', remoteAddress: from(), ...multipart(fields, { field: 'letter', name: '授权委托书.pdf', data: PDF }) });
    // The proof is spent with the letter: a second upload needs a new code.
    expect(again.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ field: 'proof' }] } });

    const desk = await t.login('specialist');
    const counts = await t.app.inject({ url: '/api/registration-requests/counts', headers: { cookie: desk } });
    expect(counts.json()).toMatchObject({ letter: 1 });
    const list = await t.app.inject({ url: '/api/registration-requests?status=pending&kind=letter', headers: { cookie: desk } });
    const item = list.json().items[0];
    expect(item).toMatchObject({ displayName: '孙经办', mobile: `${mobile.slice(0, 3)}****${mobile.slice(-4)}`, letter: { mime: 'application/pdf' } });
    const file = await t.app.inject({ url: `/api/registration-requests/${item.id}/letter`, headers: { cookie: desk } });
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.rawPayload.equals(PDF)).toBe(true);
    expect((await t.app.inject({ url: '/api/registration-requests', headers: { cookie: await t.login('enterprise') } })).statusCode).toBe(403);

    const approved = await post(`/api/registration-requests/${item.id}/approve`, {}, undefined, desk);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(await lastMessage(t.database.db, mobile)).toContain('审核通过');
    expect((await post('/api/auth/login', { login: mobile, password: 'Qifu2026ok' })).json().user).toMatchObject({ enterpriseRole: 'admin', enterprise: { id: e.id } });
    expect((await post(`/api/registration-requests/${item.id}/refuse`, { reason: '重复处理' }, undefined, desk)).statusCode).toBe(409);
  });

  it('a refusal carries its reason to the registrant', async () => {
    const e = await enterpriseWithNumbers(t.database.db);
    const mobile = newMobile();
    const { proof } = (await sendAndRegister(e.uscc, mobile, '周经办')).json() as { proof: string };
    const sent = await t.app.inject({ method: 'POST', url: '/api/registration/letter', remoteAddress: from(), ...multipart({ proof, displayName: '周经办', password: 'Qifu2026ok' }, { field: 'letter', name: 'a.pdf', data: PDF }) });
    const desk = await t.login('coordinator');
    expect((await post(`/api/registration-requests/${sent.json().id}/refuse`, { reason: '' }, undefined, desk)).statusCode).toBe(400);
    expect((await post(`/api/registration-requests/${sent.json().id}/refuse`, { reason: '委托书未加盖公章' }, undefined, desk)).statusCode).toBe(204);
    expect(await lastMessage(t.database.db, mobile)).toContain('委托书未加盖公章');
    expect(await t.database.db.selectFrom('users').select('id').where('mobile', '=', mobile).execute()).toHaveLength(0);
  });
});

describe('an enterprise not in the file', () => {
  it('is requested from the front desk, added on approval, and can then be registered', async () => {
    const uscc = makeUscc('91440306MA5H0002X');
    const mobile = newMobile();
    const body = { uscc, enterpriseName: '深圳市新注册科技有限公司', mobile, displayName: '吴申请' };
    // The mobile must be proven first: no code, or a wrong one, files nothing.
    expect((await post('/api/registration/enterprise-requests', body)).statusCode).toBe(400);
    expect((await post('/api/registration/send-code', { uscc, mobile })).statusCode).toBe(200);
    const code = await codeSentTo(t.database.db, mobile);
    const wrong = await post('/api/registration/enterprise-requests', { ...body, code: code === '000000' ? '000001' : '000000' });
    expect(wrong.json().error.details.fields[0].field).toBe('code');
    const req = await post('/api/registration/enterprise-requests', { ...body, code });
    expect(req.statusCode, req.body).toBe(201);
    // The pending request blocks the same credit code only: the same mobile may register an enterprise of the file.
    await t.database.db.updateTable('verification_codes').set({ created_at: new Date(Date.now() - 120_000) } as never).where('mobile', '=', mobile).execute();
    expect((await post('/api/registration/send-code', { uscc, mobile })).statusCode).toBe(200);
    const again = await post('/api/registration/enterprise-requests', { ...body, code: await codeSentTo(t.database.db, mobile) });
    expect(again.statusCode).toBe(409);
    const other = await enterpriseWithNumbers(t.database.db);
    await t.database.db.updateTable('verification_codes').set({ created_at: new Date(Date.now() - 120_000) } as never).where('mobile', '=', mobile).execute();
    expect((await sendAndRegister(other.uscc, mobile, '吴申请')).json()).toMatchObject({ outcome: 'letter_required' });
    const desk = await t.login('specialist');
    const noData = await post(`/api/registration-requests/${req.json().id}/approve`, {}, undefined, desk);
    expect(noData.statusCode).toBe(400);
    expect(noData.json().error.details.fields[0].field).toBe('industryCode');
    const ok = await post(`/api/registration-requests/${req.json().id}/approve`, { industryCode: 'I65', scale: 'small' }, undefined, desk);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(await lastMessage(t.database.db, mobile)).toContain('已录入企业库');
    expect((await t.app.inject({ url: `/api/registration/enterprise?uscc=${uscc}`, remoteAddress: from() })).json()).toMatchObject({ name: '深圳市新注册科技有限公司' });
  });
});

describe('nothing about a mobile is told before its code is right', () => {
  const wrongFor = async (mobile: string) => ((await codeSentTo(t.database.db, mobile)) === '000000' ? '000001' : '000000');

  it('send-code answers alike for a new mobile, a staff mobile, a member and a mobile the file holds; a wrong code hashes no password', async () => {
    const e = await enterpriseWithNumbers(t.database.db);
    const member = await enterpriseWithNumbers(t.database.db, [e.id]);
    expect((await sendAndRegister(member.uscc, member.legalRep)).json()).toMatchObject({ outcome: 'created' });
    await t.database.db.updateTable('verification_codes').set({ created_at: new Date(Date.now() - 120_000) } as never).where('mobile', '=', member.legalRep).execute();
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
      const res = await post('/api/registration', { uscc: e.uscc, mobile, code: await wrongFor(mobile), displayName: '甲', password: 'Qifu2026ok' });
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
    const row = await t.database.db.selectFrom('verification_codes').select('attempts').where('mobile', '=', e.contact).executeTakeFirstOrThrow();
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
    const earlier = Array.from({ length: 19 }, (_, i) => ({ mobile: newMobile(), purpose: 'register' as const, context: e.uscc, code_hash: 'x$y', expires_at: new Date(), created_at: new Date(Date.now() - (i + 2) * 600_000) }));
    await t.database.db.insertInto('verification_codes').values(earlier as never).execute();
    expect((await post('/api/registration/send-code', { uscc: e.uscc, mobile: newMobile() })).statusCode).toBe(200);
    const capped = await post('/api/registration/send-code', { uscc: e.uscc, mobile: newMobile() });
    expect(capped.statusCode).toBe(429);
    expect(capped.json().error.message).toContain('该企业今日');
  });
});

describe('the letter upload and its approval', () => {
  async function proofFor(e: { uscc: string }, mobile: string) {
    return ((await sendAndRegister(e.uscc, mobile, '郑经办')).json() as { proof: string }).proof;
  }
  const upload = (fields: Record<string, string>, files: Buffer[]) => {
    const form = multipart(fields, files[0] ? { field: 'letter', name: 'a.pdf', data: files[0] } : undefined);
    if (files[1]) {
      const boundary = /boundary=(.+)$/.exec(form.headers['content-type'])![1]!;
      const extra = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="letter"; filename="b.pdf"\r\nContent-Type: application/pdf\r\n\r\n`);
      const end = Buffer.from(`--${boundary}--\r\n`);
      form.payload = Buffer.concat([form.payload.subarray(0, form.payload.length - end.length), extra, files[1], Buffer.from('\r\n'), end]);
    }
    return t.app.inject({ method: 'POST', url: '/api/registration/letter', remoteAddress: from(), ...form });
  };

  it('takes one file of at most 5 MB, and refuses a bad proof before reading the file', async () => {
    const e = await enterpriseWithNumbers(t.database.db);
    const proof = await proofFor(e, newMobile());
    const fields = { proof, displayName: '郑经办', password: 'Qifu2026ok' };
    const two = await upload(fields, [PDF, PDF]);
    expect(two.statusCode).toBe(413);
    expect(two.json().error.message).toContain('最多上传 1 个文件');
    const big = await upload(fields, [Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024)])]);
    expect(big.statusCode).toBe(413);
    expect(big.json().error.message).toContain('5 MB');
    const stranger = await upload({ ...fields, proof: 'not-a-proof' }, [Buffer.concat([PDF, Buffer.alloc(6 * 1024 * 1024)])]);
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json().error.details.fields[0].field).toBe('proof');
    expect((await upload(fields, [PDF])).statusCode).toBe(201);
  });

  it('a letter whose mobile got an account meanwhile: the clerk is told to refuse it', async () => {
    const e = await enterpriseWithNumbers(t.database.db);
    const mobile = newMobile();
    const proof = await proofFor(e, mobile);
    const sent = await upload({ proof, displayName: '郑经办', password: 'Qifu2026ok' }, [PDF]);
    const admin = await t.login('admin');
    const created = await post('/api/admin/users', { username: `u${mobile}`, displayName: '郑经办', mobile, role: 'enterprise', password: 'Start2026ok', enterpriseUscc: e.uscc }, undefined, admin);
    expect(created.statusCode, created.body).toBe(201);
    const desk = await t.login('specialist');
    const approve = await post(`/api/registration-requests/${sent.json().id}/approve`, {}, undefined, desk);
    expect(approve.statusCode).toBe(409);
    expect(approve.json().error.message).toContain('已开通企服通账号，无需再批准');
    expect((await post(`/api/registration-requests/${sent.json().id}/refuse`, { reason: '该手机号已开通账号' }, undefined, desk)).statusCode).toBe(204);
  });
});
