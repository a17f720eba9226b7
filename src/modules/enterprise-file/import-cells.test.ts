import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/app.ts';
import { makeUscc } from '../enterprises/uscc.ts';
import { importFile, type ImportReport } from './import.ts';

/** Import files as spreadsheets really arrive (openpyxl, WPS, formulas, full-width input), and the refused rows handed back. */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ enterprises: 20 });
});
afterAll(() => t.close());

const code = (n: number) => makeUscc(`91440306MA5F1${String(n).padStart(3, '0')}X`);
const fullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

async function bytes(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const run = async (name: string, data: Buffer): Promise<ImportReport> => importFile(t.database.db, name, data);

async function enterprise(uscc: string) {
  return t.database.db.selectFrom('enterprises').selectAll().where('uscc', '=', uscc).executeTakeFirst();
}

describe('import cells', () => {
  it('names the sheets of a workbook written by openpyxl (absolute part names) by their names', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('企业名单').addRows([
      ['统一社会信用代码', '企业名称', '行业代码', '规模'],
      [code(1), '表名测试有限公司', 'C39', '巨型'],
    ]);
    wb.addWorksheet('月度指标').addRows([
      ['统一社会信用代码', '月份', '产值（万元）'],
      [code(1), '2025-13', 1],
    ]);
    // openpyxl writes workbook.xml.rels with absolute targets: /xl/worksheets/sheet1.xml.
    const xlsx = wb.xlsx as unknown as {
      addWorkbookRels: (zip: { append: (xml: string, o: object) => void }, model: unknown) => Promise<void>;
    };
    const original = xlsx.addWorkbookRels.bind(xlsx);
    xlsx.addWorkbookRels = (zip, model) =>
      original({ append: (xml, o) => zip.append(xml.replace(/Target="worksheets\//g, 'Target="/xl/worksheets/'), o) }, model);
    const r = await run('openpyxl.xlsx', await bytes(wb));
    expect(r.errors.map((e) => [e.sheet, e.row, e.field])).toEqual([
      ['企业名单', 2, '规模'],
      ['月度指标', 2, '月份'],
    ]);
  });

  it('reads a month given as an Excel serial number, and full-width digits in dates, numbers and months', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('企业').addRows([
      ['统一社会信用代码', '企业名称', '行业代码', '规模', '成立日期', '注册资本（万元）'],
      [fullWidth(code(2)), '全角测试（集团）有限公司', fullWidth('C39'), '小型', '２０１９－０３－１５', '１，２００．５'],
      [code(3), '全角日期有限公司', 'C39', '小型', '２０１９年３月１５日', 500],
    ]);
    wb.addWorksheet('指标').addRows([
      ['统一社会信用代码', '月份', '产值（万元）', '从业人员'],
      [code(2), 46235, 120.5, 10], // 46235: 2026-08-01 as Excel counts days
      [code(2), '２０２５－０１', '１２０．５', '４２'],
    ]);
    const r = await run('全角.xlsx', await bytes(wb));
    expect(r.errors).toEqual([]);
    expect(r).toMatchObject({ rows: 4, inserted: 4, refused: 0 });
    expect(await enterprise(code(2))).toMatchObject({
      name: '全角测试（集团）有限公司',
      industry_code: 'C39',
      founded_on: '2019-03-15',
      registered_capital: 1200.5,
    });
    expect(await enterprise(code(3))).toMatchObject({ founded_on: '2019-03-15' });
    const months = await t.database.db
      .selectFrom('enterprise_indicators as i')
      .innerJoin('enterprises as e', 'e.id', 'i.enterprise_id')
      .select(['i.month', 'i.output', 'i.employees'])
      .where('e.uscc', '=', code(2))
      .orderBy('i.month')
      .execute();
    expect(months).toEqual([
      { month: '2025-01-01', output: 120.5, employees: 42 },
      { month: '2026-08-01', output: 120.5, employees: 10 },
    ]);
  });

  it('reads a formula as its calculated result, and says when the file holds none', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('指标').addRows([
      ['统一社会信用代码', '月份', '产值（万元）', '税收（万元）'],
      [code(2), '2025-02', { formula: '10*2', result: 20 }, { formula: 'C2/10' }],
    ]);
    const r = await run('公式.xlsx', await bytes(wb));
    expect(r.errors).toEqual([
      {
        sheet: '指标',
        row: 2,
        field: '税收',
        reason: '单元格是公式（=C2/10），但文件中没有它的计算结果：请在 Excel 中打开并保存后再导入',
      },
    ]);
    expect(JSON.stringify(r)).not.toContain('object');
  });

  it('hands the refused rows back as they were, with their errors, in a workbook that imports again once corrected', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('企业').addRows([
      ['统一社会信用代码', '企业名称', '行业代码', '规模', '备注'],
      [code(4), '退回测试一有限公司', 'C39', '小型', '好行'],
      [code(5), '退回测试二有限公司', 'Z99', '巨型', '坏行'],
    ]);
    const r = await run('退回.xlsx', await bytes(wb));
    expect(r).toMatchObject({ inserted: 1, refused: 1 });
    expect(r.refusedRows).toEqual([{ sheet: '企业', row: 3, cells: [code(5), '退回测试二有限公司', 'Z99', '巨型', '坏行'] }]);

    const cookie = await t.login('admin');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/enterprises/import/errors.xlsx',
      headers: { cookie },
      payload: { errors: r.errors, refusedRows: r.refusedRows, headers: r.headers },
    });
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(back.worksheets.map((w) => w.name)).toEqual(['导入错误', '企业']);
    const sheet = back.getWorksheet('企业')!;
    expect((sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1)).toEqual([
      '统一社会信用代码',
      '企业名称',
      '行业代码',
      '规模',
      '备注',
      '原行号',
      '错误原因',
    ]);
    const row = sheet.getRow(2).values as ExcelJS.CellValue[];
    expect(row.slice(1, 7)).toEqual([code(5), '退回测试二有限公司', 'Z99', '巨型', '坏行', 3]);
    expect(String(row[7])).toMatch(/行业代码：.*；规模：/);

    // Corrected in place and imported as it is: the list of errors is skipped, the row goes in.
    sheet.getCell('C2').value = 'C39';
    sheet.getCell('D2').value = '小型';
    const again = await run('退回-改正.xlsx', await bytes(back));
    expect(again).toMatchObject({ rows: 1, inserted: 1, refused: 0, errors: [] });
    expect(await enterprise(code(5))).toMatchObject({ industry_code: 'C39', scale: 'small' });
  });
});
