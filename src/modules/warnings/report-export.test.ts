import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/app.ts';

/** The monthly report's lists (外迁风险, 已处置) are whole: they used to stop at 500 rows without saying so. */
let t: TestApp;
const N = 620;
const MONTH = '2020-06-01';
beforeAll(async () => {
  t = await createTestApp({ enterprises: 20 });
  const db = t.database.db;
  const rule = await db.selectFrom('warning_rules').select('id').where('kind', '=', 'relocation_address').executeTakeFirstOrThrow();
  await sql`insert into enterprises (uscc, name, industry_code, scale, status, updated_at)
    select 'W' || lpad(g::text, 17, '0'), '预警导出企业' || g, 'C39', 'small', 'active', now() from generate_series(1, ${N}::int) g`.execute(
    db,
  );
  await sql`insert into enterprise_warnings (enterprise_id, rule_id, month, level, explanation, status, closed_at, updated_at)
    select e.id, ${rule.id}::int, ${MONTH}::date, 'red', '注册地址变更', 'closed', now(), now()
    from enterprises e where e.uscc like 'W%'`.execute(db);
});
afterAll(() => t.close());

describe('warning report', () => {
  it('lists every relocation risk and every closed warning of the month, in the API and the workbook', async () => {
    const cookie = await t.login('coordinator');
    const r = (await t.app.inject({ url: `/api/warnings/report?month=2020-06`, headers: { cookie } })).json();
    expect(r).toMatchObject({ total: N, relocationEnterprises: N });
    expect([r.relocation.length, r.closed.length]).toEqual([N, N]);
    const res = await t.app.inject({ url: `/api/warnings/report.xlsx?month=2020-06`, headers: { cookie } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect([wb.getWorksheet('外迁风险')!.actualRowCount, wb.getWorksheet('已处置')!.actualRowCount]).toEqual([N + 1, N + 1]);
    // 月份 is a date cell shown as a month.
    const month = wb.getWorksheet('概况')!.getCell('B2');
    expect(month.value).toEqual(new Date(`${MONTH}T00:00:00Z`));
    expect(month.numFmt).toBe('yyyy-mm');
  });
});
