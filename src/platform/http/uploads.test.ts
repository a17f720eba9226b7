// Multipart forms are read in the handlers, past the input guard: their text fields, file names,
// the JSON form inside a field and the cells of an imported file get the same refusal (NUL, lone
// surrogates) as a JSON body, and never a 500. The JSON routes are fuzzed in tests/fuzz.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/app.ts';
import { enterpriseWithNumbers, multipart, newMobile, PDF } from '../../../tests/support/accounts.ts';
import { registrationCalls } from '../../modules/enterprise-accounts/test-fixtures.ts';
import { makeUscc } from '../../modules/enterprises/uscc.ts';

let t: TestApp;
let enterprise: string;
let appealId: number;
beforeAll(async () => {
  t = await createTestApp({ enterprises: 20 });
  enterprise = await t.login('enterprise');
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/appeals',
    headers: { cookie: enterprise },
    payload: { title: '厂房漏水维修', description: '租赁的产业用房屋顶漏水，业主迟迟不维修，影响生产。' },
  });
  appealId = res.json().id;
});
afterAll(() => t.close());
const { from, sendAndRegister } = registrationCalls(() => t);

function expectFieldRefused(res: { statusCode: number; body: string }, field: string) {
  expect(res.statusCode, res.body).toBe(400);
  expect(JSON.parse(res.body).error).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ field }] } });
}

describe('multipart input', () => {
  it('refuses NUL in a text field of a form, naming the field, and stores nothing', async () => {
    const e = await enterpriseWithNumbers(t.database.db);
    const mobile = newMobile();
    const { proof } = (await sendAndRegister(e.uscc, mobile, '孙经办')).json() as { proof: string };
    const form = multipart(
      { proof, displayName: '孙\u0000经办', password: 'Qifu2026ok' },
      { field: 'letter', name: '委托书.pdf', data: PDF },
    );
    const res = await t.app.inject({ method: 'POST', url: '/api/registration/letter', remoteAddress: from(), ...form });
    expectFieldRefused(res, 'displayName');
    expect(await t.database.db.selectFrom('registration_requests').select('id').where('mobile', '=', mobile).execute()).toHaveLength(0);
  });

  it('refuses NUL in a file name, naming the file field', async () => {
    const form = multipart({}, { field: 'file', name: '合同\u0000.pdf', data: PDF });
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/appeals/${appealId}/attachments`,
      headers: { ...form.headers, cookie: enterprise },
      payload: form.payload,
    });
    expectFieldRefused(res, 'file');
  });

  it('cuts a long file name between characters, never inside a surrogate pair', async () => {
    // 119 letters and an emoji: cut at 120 UTF-16 units, the emoji's high surrogate would stand alone.
    const name = `${'a'.repeat(119)}😀.pdf`;
    const form = multipart({}, { field: 'file', name, data: PDF });
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/appeals/${appealId}/attachments`,
      headers: { ...form.headers, cookie: enterprise },
      payload: form.payload,
    });
    expect(res.statusCode, res.body).toBe(201);
    const stored = res.json<{ items: { fileName: string }[] }>().items[0]!.fileName;
    expect(stored).not.toMatch(/\p{Cs}/u);
    expect(stored).toBe(`${'a'.repeat(119)}😀`);
  });

  it('checks the JSON form inside a multipart field as a JSON body is checked', async () => {
    const data = JSON.stringify({ noticeId: 1, declared: { revenue_last_year: 'ab\u0000cd' } });
    const form = multipart({ data });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/applications',
      headers: { ...form.headers, cookie: enterprise },
      payload: form.payload,
    });
    expectFieldRefused(res, 'declared.revenue_last_year');
  });

  it('reports a NUL in an imported cell as that row’s error, importing the other rows', async () => {
    const admin = await t.login('admin');
    const street = (await t.database.db.selectFrom('streets').select('name').executeTakeFirstOrThrow()).name;
    const [good, bad] = [makeUscc('91440306MA5F0101X'), makeUscc('91440306MA5F0102X')];
    const csv = [
      '统一社会信用代码,企业名称,行业代码,所属街道,规模',
      `${good},深圳市导入测试科技有限公司,C39,${street},小型`,
      `${bad},空字符\u0000有限公司,C39,${street},小型`,
    ].join('\r\n');
    const form = multipart({}, { field: 'file', name: '企业.csv', data: Buffer.from(csv) });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/enterprises/import',
      headers: { ...form.headers, cookie: admin },
      payload: form.payload,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().errors).toEqual([expect.objectContaining({ row: 3, field: '企业名称' })]);
    const names = await t.database.db.selectFrom('enterprises').select('uscc').where('uscc', 'in', [good, bad]).execute();
    expect(names.map((n) => n.uscc)).toEqual([good]);
  });

  it('refuses NUL in the import file’s name (read past readMultipart), naming the field, before importing', async () => {
    const admin = await t.login('admin');
    const form = multipart({}, { field: 'file', name: 'a\u0000.csv', data: Buffer.from('统一社会信用代码,企业名称\r\n') });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/enterprises/import',
      headers: { ...form.headers, cookie: admin },
      payload: form.payload,
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.details.fields).toEqual([expect.objectContaining({ field: 'file' })]);
  });
});
