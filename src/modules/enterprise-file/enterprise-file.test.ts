import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginChangingPassword, type TestApp } from '../../../tests/support/app.ts';
import { makeUscc } from '../enterprises/uscc.ts';

let t: TestApp;
let staff: string;
let admin: string;
let ent: string;
let ownId: number;

beforeAll(async () => {
  t = await createTestApp({ enterprises: 30 });
  [staff, admin, ent] = await Promise.all([t.login('specialist'), t.login('admin'), t.login('enterprise')]);
  ownId = (await t.app.inject({ url: '/api/enterprises/mine', headers: { cookie: ent } })).json().enterprise.id;
});
afterAll(() => t.close());

function multipart(name: string, data: Buffer | string) {
  const boundary = '----qifu' + Math.random().toString(16).slice(2);
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    Buffer.isBuffer(data) ? data : Buffer.from(data),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { cookie: admin, 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function importFile(name: string, data: Buffer | string) {
  const res = await t.app.inject({ method: 'POST', url: '/api/enterprises/import', ...multipart(name, data) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('enterprise file', () => {
  it('shows indicators and one timeline with the appeals', async () => {
    const filed = await t.app.inject({
      method: 'POST',
      url: '/api/appeals',
      headers: { cookie: ent },
      payload: { title: '厂房漏水维修', description: '租赁的产业用房屋顶漏水，业主迟迟不维修，影响生产。' },
    });
    expect(filed.statusCode).toBe(201);
    const ind = await t.app.inject({ url: `/api/enterprises/${ownId}/indicators`, headers: { cookie: staff } });
    expect(ind.statusCode).toBe(200);
    expect(ind.json().items.length).toBe(24);
    expect(ind.json().items[0].month < ind.json().items[23].month).toBe(true);
    const tl = await t.app.inject({ url: `/api/enterprises/${ownId}/timeline`, headers: { cookie: staff } });
    expect(tl.statusCode).toBe(200);
    expect(tl.json().kinds).toContain('appeal');
    expect(tl.json().items.some((i: { kind: string; title: string }) => i.kind === 'appeal' && i.title.includes('厂房漏水维修'))).toBe(
      true,
    );
    expect((await t.app.inject({ url: `/api/enterprises/${ownId}/timeline`, headers: { cookie: ent } })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/enterprises/999999/timeline', headers: { cookie: staff } })).statusCode).toBe(404);
  });

  it('draws a QR code and resolves it by role', async () => {
    const qr = await t.app.inject({ url: `/api/enterprises/${ownId}/qr.png`, headers: { cookie: staff } });
    expect(qr.statusCode).toBe(200);
    expect(qr.headers['content-type']).toBe('image/png');
    expect(qr.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    const { uscc } = (await t.app.inject({ url: `/api/enterprises/${ownId}`, headers: { cookie: staff } })).json().enterprise;
    expect((await t.app.inject({ url: `/api/enterprise-codes/${uscc}`, headers: { cookie: staff } })).json()).toMatchObject({
      id: ownId,
      target: 'file',
    });
    expect((await t.app.inject({ url: `/api/enterprise-codes/${uscc}`, headers: { cookie: ent } })).json()).toMatchObject({
      id: ownId,
      target: 'portal',
    });
    const other = await t.database.db.selectFrom('enterprises').select('uscc').where('id', '!=', ownId).executeTakeFirstOrThrow();
    expect((await t.app.inject({ url: `/api/enterprise-codes/${other.uscc}`, headers: { cookie: ent } })).statusCode).toBe(403);
    expect((await t.app.inject({ url: `/api/enterprise-codes/${other.uscc}` })).statusCode).toBe(401);
  });

  it('exports the filtered library as Excel that parses back', async () => {
    const res = await t.app.inject({ url: `/api/enterprises.xlsx?tag=${encodeURIComponent('四上')}`, headers: { cookie: staff } });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('统一社会信用代码');
    const listed = (
      await t.app.inject({ url: `/api/enterprises?tag=${encodeURIComponent('四上')}&pageSize=100`, headers: { cookie: staff } })
    ).json();
    expect(ws.actualRowCount - 1).toBe(listed.total);
    expect(String(ws.getRow(2).getCell(11).value)).toContain('四上');
    expect((await t.app.inject({ url: '/api/enterprises.xlsx', headers: { cookie: ent } })).statusCode).toBe(403);
  });
});

describe('enterprise user edits', () => {
  it('replaces contacts, one primary at most, audited', async () => {
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/enterprises/mine/contacts',
      headers: { cookie: ent },
      payload: {
        items: [
          { name: '王芳', title: '行政经理', mobile: '13912345678', email: 'wf@example.cn', primary: true },
          { name: '李雷', mobile: '0755-26123456' },
        ],
      },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().items).toHaveLength(2);
    const two = await t.app.inject({
      method: 'PUT',
      url: '/api/enterprises/mine/contacts',
      headers: { cookie: ent },
      payload: {
        items: [
          { name: 'A', primary: true },
          { name: 'B', primary: true },
        ],
      },
    });
    expect(two.statusCode).toBe(400);
    const bad = await t.app.inject({
      method: 'PUT',
      url: '/api/enterprises/mine/contacts',
      headers: { cookie: ent },
      payload: { items: [{ name: 'A', mobile: '123' }] },
    });
    expect(bad.statusCode).toBe(400);
    const seen = await t.app.inject({ url: `/api/enterprises/${ownId}/contacts`, headers: { cookie: staff } });
    expect(seen.json().items[0]).toMatchObject({ name: '王芳', primary: true });
    const audit = await t.database.db.selectFrom('audit_log').select('action').where('action', '=', 'enterprise.contacts').execute();
    expect(audit).toHaveLength(1);
  });

  it('lets only the enterprise’s 企业管理员 change contacts (their mobiles vouch for registrants); a 经办人 reads them', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/admin/users',
      headers: { cookie: admin },
      payload: {
        username: 'contact_agent',
        displayName: '经办人',
        role: 'enterprise',
        password: 'Start2026ok',
        enterpriseUscc: (await t.database.db.selectFrom('enterprises').select('uscc').where('id', '=', ownId).executeTakeFirstOrThrow())
          .uscc,
        enterpriseRole: 'agent',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const agent = await loginChangingPassword(t, 'contact_agent', 'Start2026ok');
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/enterprises/mine/contacts',
      headers: { cookie: agent },
      payload: { items: [{ name: '冒名', mobile: '19900000000', primary: true }] },
    });
    expect(put.statusCode).toBe(403);
    expect(put.json().error.message).toContain('只有企业管理员可以维护联系人');
    expect((await t.app.inject({ url: `/api/enterprises/${ownId}/contacts`, headers: { cookie: agent } })).json().items[0]).toMatchObject({
      name: '王芳',
    });
  });

  it('applies an address change only when staff approve it, and keeps the old one when they reject', async () => {
    const ask = await t.app.inject({
      method: 'POST',
      url: '/api/enterprises/mine/change-requests',
      headers: { cookie: ent },
      payload: { field: 'address', value: '深圳市宝安区新安街道创业一路 1 号' },
    });
    expect(ask.statusCode, ask.body).toBe(201);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/enterprises/mine/change-requests',
      headers: { cookie: ent },
      payload: { field: 'address', value: '别处' },
    });
    expect(again.statusCode).toBe(409);
    const before = (await t.app.inject({ url: `/api/enterprises/${ownId}`, headers: { cookie: staff } })).json().enterprise;
    expect(before.address).not.toBe('深圳市宝安区新安街道创业一路 1 号');
    const pending = (await t.app.inject({ url: '/api/enterprise-change-requests?status=pending', headers: { cookie: staff } })).json();
    expect(pending.items.map((i: { id: number }) => i.id)).toContain(ask.json().id);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/enterprise-change-requests/${ask.json().id}/approve`,
          headers: { cookie: ent },
          payload: {},
        })
      ).statusCode,
    ).toBe(403);
    const ok = await t.app.inject({
      method: 'POST',
      url: `/api/enterprise-change-requests/${ask.json().id}/approve`,
      headers: { cookie: staff },
      payload: {},
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'approved', reviewerName: expect.any(String) });
    expect((await t.app.inject({ url: `/api/enterprises/${ownId}`, headers: { cookie: staff } })).json().enterprise.address).toBe(
      '深圳市宝安区新安街道创业一路 1 号',
    );
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/enterprise-change-requests/${ask.json().id}/reject`,
          headers: { cookie: staff },
          payload: { note: 'x' },
        })
      ).statusCode,
    ).toBe(409);

    const ask2 = await t.app.inject({
      method: 'POST',
      url: '/api/enterprises/mine/change-requests',
      headers: { cookie: ent },
      payload: { field: 'legal_representative', value: '张三丰' },
    });
    expect(ask2.statusCode).toBe(201);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/enterprise-change-requests/${ask2.json().id}/reject`,
          headers: { cookie: staff },
          payload: {},
        })
      ).statusCode,
    ).toBe(400);
    const no = await t.app.inject({
      method: 'POST',
      url: `/api/enterprise-change-requests/${ask2.json().id}/reject`,
      headers: { cookie: staff },
      payload: { note: '与营业执照不符' },
    });
    expect(no.json()).toMatchObject({ status: 'rejected', reviewNote: '与营业执照不符' });
    expect(
      (await t.app.inject({ url: `/api/enterprises/${ownId}`, headers: { cookie: staff } })).json().enterprise.legalRepresentative,
    ).not.toBe('张三丰');
    const mine = (await t.app.inject({ url: '/api/enterprises/mine/change-requests', headers: { cookie: ent } })).json();
    expect(mine.total).toBe(2);
    const actions = (
      await t.database.db.selectFrom('audit_log').select('action').where('action', 'like', 'enterprise.change.%').execute()
    ).map((a) => a.action);
    expect(actions.sort()).toEqual([
      'enterprise.change.approve',
      'enterprise.change.reject',
      'enterprise.change.request',
      'enterprise.change.request',
    ]);
  });
});

describe('import', () => {
  const good = makeUscc('91440306MA5F0001X');
  const good2 = makeUscc('91440306MA5F0002X');
  const badCheck = `${good2.slice(0, 17)}${good2.at(-1) === '0' ? '1' : '0'}`;

  it('takes good rows, refuses bad ones with row, field and reason, and changes nothing the second time', async () => {
    const street = (await t.database.db.selectFrom('streets').select('name').executeTakeFirstOrThrow()).name;
    const csv = [
      '统一社会信用代码,企业名称,行业代码,所属街道,规模,成立日期,注册资本（万元）,标签',
      `${good},深圳市导入测试科技有限公司,C39,${street},小型,2019-03-15,500,"国家高新、专精特新"`,
      `${badCheck},校验错误有限公司,C39,${street},小型,2019-03-15,500,`,
      `${good2},行业错误有限公司,Z99,不存在街道,特大型,2019-02-30,abc,`,
    ].join('\r\n');
    const first = await importFile('企业.csv', csv);
    expect(first).toMatchObject({ kind: 'enterprises', rows: 3, inserted: 1, updated: 0, unchanged: 0, refused: 2 });
    expect(first.errors.find((e: { row: number }) => e.row === 3)).toMatchObject({ field: '统一社会信用代码' });
    const row4 = first.errors.filter((e: { row: number }) => e.row === 4).map((e: { field: string }) => e.field);
    expect(row4).toEqual(expect.arrayContaining(['行业代码', '所属街道', '规模', '成立日期', '注册资本']));
    const e = await t.database.db.selectFrom('enterprises').selectAll().where('uscc', '=', good).executeTakeFirstOrThrow();
    expect(e).toMatchObject({
      name: '深圳市导入测试科技有限公司',
      industry_code: 'C39',
      scale: 'small',
      founded_on: '2019-03-15',
      registered_capital: 500,
    });
    const tags = await t.database.db.selectFrom('enterprise_tags').select('tag').where('enterprise_id', '=', e.id).orderBy('tag').execute();
    expect(tags.map((x) => x.tag)).toEqual(['专精特新', '国家高新']);
    expect(await t.database.db.selectFrom('enterprises').select('id').where('uscc', 'in', [badCheck, good2]).execute()).toHaveLength(0);

    const second = await importFile('企业.csv', csv);
    expect(second).toMatchObject({ inserted: 0, updated: 0, unchanged: 1, refused: 2 });

    const report = await t.app.inject({
      method: 'POST',
      url: '/api/enterprises/import/errors.xlsx',
      headers: { cookie: admin },
      payload: { errors: first.errors },
    });
    expect(report.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report.rawPayload as unknown as ExcelJS.Buffer);
    expect(wb.worksheets[0]!.actualRowCount).toBe(first.errors.length + 1);
    expect(wb.worksheets[0]!.getRow(2).getCell(2).value).toBe(3);
  });

  it('keeps a 4-digit class as imported and refuses a class the standard lacks (issue 13)', async () => {
    const klass = makeUscc('91440306MA5F0011X');
    const missing = makeUscc('91440306MA5F0012X');
    const csv = [
      '统一社会信用代码,企业名称,行业代码,规模',
      `${klass},小类导入科技有限公司,3911,小型`,
      `${missing},小类错误有限公司,C3999,小型`,
    ].join('\r\n');
    const r = await importFile('企业.csv', csv);
    expect(r).toMatchObject({ rows: 2, inserted: 1, refused: 1 });
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ row: 3, field: '行业代码' });
    expect(JSON.stringify(r.errors[0])).toContain('小类代码“3999”不存在');
    const rows = await t.database.db
      .selectFrom('enterprises')
      .select(['uscc', 'industry_code'])
      .where('uscc', 'in', [klass, missing])
      .execute();
    expect(rows).toEqual([{ uscc: klass, industry_code: 'C3911' }]);
  });

  it('imports monthly indicators from Excel with units, upserting by (uscc, month)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('指标');
    ws.addRow(['统一社会信用代码', '月份', '产值（万元）', '增加值', '税收（元）', '从业人员', '用电量（万千瓦时）']);
    ws.addRow([good, '2025-01', 120.5, 30, 50000, 42, 1.2]);
    ws.addRow([good, '2025年2月', 130, 31, 60000, 43, 1.3]);
    ws.addRow([good, '2025-13', 1, 1, 1, 1, 1]);
    ws.addRow([good, '2025-03', 1, 1, 1, 4.5, 1]);
    ws.addRow([makeUscc('91440306MA5F0009X'), '2025-03', 1, 1, 1, 1, 1]);
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    const first = await importFile('指标.xlsx', data);
    expect(first).toMatchObject({ kind: 'indicators', rows: 5, inserted: 2, refused: 3 });
    expect(first.errors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([
      [4, '月份'],
      [5, '从业人员'],
      [6, '统一社会信用代码'],
    ]);
    const id = (await t.database.db.selectFrom('enterprises').select('id').where('uscc', '=', good).executeTakeFirstOrThrow()).id;
    const jan = await t.database.db
      .selectFrom('enterprise_indicators')
      .selectAll()
      .where('enterprise_id', '=', id)
      .where('month', '=', '2025-01-01')
      .executeTakeFirstOrThrow();
    expect(jan).toMatchObject({ output: 120.5, tax: 5, employees: 42, electricity: 12000 });
    expect(await importFile('指标.xlsx', data)).toMatchObject({ inserted: 0, updated: 0, unchanged: 2, refused: 3 });
    ws.getRow(2).getCell(3).value = 121;
    expect(await importFile('指标.xlsx', Buffer.from(await wb.xlsx.writeBuffer()))).toMatchObject({
      inserted: 0,
      updated: 1,
      unchanged: 1,
    });
  });

  it('refuses a file it cannot read and callers without the role', async () => {
    const res = await importFile('x.xlsx', 'not a workbook');
    expect(res.errors[0].field).toBe('文件');
    const denied = await t.app.inject({
      method: 'POST',
      url: '/api/enterprises/import',
      ...multipart('a.csv', 'x'),
      headers: { ...multipart('a.csv', 'x').headers, cookie: staff },
    });
    expect(denied.statusCode).toBe(403);
  });
});
