import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/app.ts';
import { makeUscc } from '../enterprises/uscc.ts';
import { codeSentTo, enterpriseWithNumbers, lastMessage, multipart, newMobile, PDF } from '../../../tests/support/accounts.ts';
import { registrationCalls } from './test-fixtures.ts';

// Registration through the front desk: a 授权委托书 for a mobile the file does not hold, and a request
// for an enterprise not in the file, each approved or refused by the desk.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ enterprises: 30 });
});
afterAll(() => t.close());
const { from, post, sendAndRegister } = registrationCalls(() => t);

describe('a mobile the file does not hold: the 授权委托书', () => {
  it('is asked for only after the right code, refuses what is not a PDF or image, and the front desk approves it', async () => {
    const e = await enterpriseWithNumbers(t.database.db);
    const mobile = newMobile();
    const res = await sendAndRegister(e.uscc, mobile, '孙经办');
    expect(res.json()).toMatchObject({ outcome: 'letter_required', enterpriseName: e.name });
    const { proof, fileMobiles } = res.json() as { proof: string; fileMobiles: string[] };
    expect(fileMobiles.sort()).toEqual([e.legalRep, e.contact].map((m) => `${m.slice(0, 3)}****${m.slice(-4)}`).sort());
    const fields = { proof, displayName: '孙经办', password: 'Qifu2026ok' };
    const docx = multipart(fields, {
      field: 'letter',
      name: '委托书.docx',
      data: Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('[Content_Types].xml word/document.xml')]),
    });
    const office = await t.app.inject({ method: 'POST', url: '/api/registration/letter', remoteAddress: from(), ...docx });
    expect(office.statusCode).toBe(400);
    expect(office.json().error.message).toContain('PDF 或图片');
    const exe = multipart(fields, { field: 'letter', name: '委托书.pdf', data: Buffer.from('MZ\x90\x00not a pdf', 'latin1') });
    expect((await t.app.inject({ method: 'POST', url: '/api/registration/letter', remoteAddress: from(), ...exe })).statusCode).toBe(415);
    expect(await t.database.db.selectFrom('registration_requests').select('id').where('mobile', '=', mobile).execute()).toHaveLength(0);

    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/registration/letter',
      remoteAddress: from(),
      ...multipart(fields, { field: 'letter', name: '授权委托书.pdf', data: PDF }),
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/registration/letter',
      remoteAddress: from(),
      ...multipart(fields, { field: 'letter', name: '授权委托书.pdf', data: PDF }),
    });
    // The proof is spent with the letter: a second upload needs a new code.
    expect(again.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ field: 'proof' }] } });

    const desk = await t.login('specialist');
    const counts = await t.app.inject({ url: '/api/registration-requests/counts', headers: { cookie: desk } });
    expect(counts.json()).toMatchObject({ letter: 1 });
    const list = await t.app.inject({ url: '/api/registration-requests?status=pending&kind=letter', headers: { cookie: desk } });
    const item = list.json().items[0];
    expect(item).toMatchObject({
      displayName: '孙经办',
      mobile: `${mobile.slice(0, 3)}****${mobile.slice(-4)}`,
      letter: { mime: 'application/pdf' },
    });
    const file = await t.app.inject({ url: `/api/registration-requests/${item.id}/letter`, headers: { cookie: desk } });
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.rawPayload.equals(PDF)).toBe(true);
    expect((await t.app.inject({ url: '/api/registration-requests', headers: { cookie: await t.login('enterprise') } })).statusCode).toBe(
      403,
    );

    const approved = await post(`/api/registration-requests/${item.id}/approve`, {}, undefined, desk);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(await lastMessage(t.database.db, mobile)).toContain('审核通过');
    expect((await post('/api/auth/login', { login: mobile, password: 'Qifu2026ok' })).json().user).toMatchObject({
      enterpriseRole: 'admin',
      enterprise: { id: e.id },
    });
    expect((await post(`/api/registration-requests/${item.id}/refuse`, { reason: '重复处理' }, undefined, desk)).statusCode).toBe(409);
  });

  it('a refusal carries its reason to the registrant', async () => {
    const e = await enterpriseWithNumbers(t.database.db);
    const mobile = newMobile();
    const { proof } = (await sendAndRegister(e.uscc, mobile, '周经办')).json() as { proof: string };
    const sent = await t.app.inject({
      method: 'POST',
      url: '/api/registration/letter',
      remoteAddress: from(),
      ...multipart({ proof, displayName: '周经办', password: 'Qifu2026ok' }, { field: 'letter', name: 'a.pdf', data: PDF }),
    });
    const desk = await t.login('coordinator');
    expect((await post(`/api/registration-requests/${sent.json().id}/refuse`, { reason: '' }, undefined, desk)).statusCode).toBe(400);
    expect(
      (await post(`/api/registration-requests/${sent.json().id}/refuse`, { reason: '委托书未加盖公章' }, undefined, desk)).statusCode,
    ).toBe(204);
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
    await t.database.db
      .updateTable('verification_codes')
      .set({ created_at: new Date(Date.now() - 120_000) } as never)
      .where('mobile', '=', mobile)
      .execute();
    expect((await post('/api/registration/send-code', { uscc, mobile })).statusCode).toBe(200);
    const again = await post('/api/registration/enterprise-requests', { ...body, code: await codeSentTo(t.database.db, mobile) });
    expect(again.statusCode).toBe(409);
    const other = await enterpriseWithNumbers(t.database.db);
    await t.database.db
      .updateTable('verification_codes')
      .set({ created_at: new Date(Date.now() - 120_000) } as never)
      .where('mobile', '=', mobile)
      .execute();
    expect((await sendAndRegister(other.uscc, mobile, '吴申请')).json()).toMatchObject({ outcome: 'letter_required' });
    const desk = await t.login('specialist');
    const noData = await post(`/api/registration-requests/${req.json().id}/approve`, {}, undefined, desk);
    expect(noData.statusCode).toBe(400);
    expect(noData.json().error.details.fields[0].field).toBe('industryCode');
    // Issue 13: a class the standard lacks is refused (it used to be folded into its division).
    const unknown = await post(
      `/api/registration-requests/${req.json().id}/approve`,
      { industryCode: 'I6598', scale: 'small' },
      undefined,
      desk,
    );
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details.fields[0]).toMatchObject({ field: 'industryCode', message: expect.stringContaining('6598') });
    const ok = await post(
      `/api/registration-requests/${req.json().id}/approve`,
      { industryCode: 'I6513', scale: 'small' },
      undefined,
      desk,
    );
    expect(ok.statusCode, ok.body).toBe(200);
    expect(await t.database.db.selectFrom('enterprises').select('industry_code').where('uscc', '=', uscc).executeTakeFirst()).toEqual({
      industry_code: 'I6513',
    });
    expect(await lastMessage(t.database.db, mobile)).toContain('已录入企业库');
    expect((await t.app.inject({ url: `/api/registration/enterprise?uscc=${uscc}`, remoteAddress: from() })).json()).toMatchObject({
      name: '深圳市新注册科技有限公司',
    });
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
      const extra = Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="letter"; filename="b.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      );
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
    const created = await post(
      '/api/admin/users',
      { username: `u${mobile}`, displayName: '郑经办', mobile, role: 'enterprise', password: 'Start2026ok', enterpriseUscc: e.uscc },
      undefined,
      admin,
    );
    expect(created.statusCode, created.body).toBe(201);
    const desk = await t.login('specialist');
    const approve = await post(`/api/registration-requests/${sent.json().id}/approve`, {}, undefined, desk);
    expect(approve.statusCode).toBe(409);
    expect(approve.json().error.message).toContain('已开通企服通账号，无需再批准');
    expect(
      (await post(`/api/registration-requests/${sent.json().id}/refuse`, { reason: '该手机号已开通账号' }, undefined, desk)).statusCode,
    ).toBe(204);
  });
});
