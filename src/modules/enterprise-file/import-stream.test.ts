import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/app.ts';
import { makeUscc, USCC_CHARSET } from '../enterprises/uscc.ts';
import { importFile } from './import.ts';
import { csvRecords } from './import-read.ts';

/** The bytes in pieces of `size`: every boundary case of a stream (a quote, a CR, a UTF-8 character cut in two). */
const pieces = (data: Buffer, size: number) =>
  Readable.from(Array.from({ length: Math.ceil(data.length / size) }, (_, i) => data.subarray(i * size, (i + 1) * size)));

async function records(text: string, size: number): Promise<string[][]> {
  const out: string[][] = [];
  for await (const r of csvRecords(pieces(Buffer.from(text), size))) out.push(r);
  return out;
}

function code(i: number): string {
  let body = '';
  for (let k = 0, n = i; k < 8; k++, n = Math.floor(n / 31)) body = USCC_CHARSET[n % 31]! + body;
  return makeUscc(`914403069${body}`);
}

describe('CSV read as a stream', () => {
  it('parses records across any chunk boundary', async () => {
    const text = '\ufeff名称,备注\r\n"甲,乙","他说""好""\r\n第二行"\r\n丙,\n"",末尾';
    const expected = [
      ['名称', '备注'],
      ['甲,乙', '他说"好"\r\n第二行'],
      ['丙', ''],
      ['', '末尾'],
    ];
    for (const size of [1, 2, 3, 5, 7, 64]) expect(await records(text, size)).toEqual(expected);
  });
});

describe('streaming import', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  const count = async (table: 'enterprises' | 'enterprise_indicators') =>
    Number(
      (
        await t.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('writes batch after batch, refuses the bad rows with their number, and changes nothing the second time', async () => {
    const n = 300;
    const e = ['统一社会信用代码,企业名称,行业代码,规模'];
    for (let i = 0; i < n; i++) e.push(`${code(i)},流式导入企业${i},C39,小型`);
    e.splice(151, 0, `${code(9999)},坏行企业,C39,巨型`); // row 152: a bad scale
    const ind = ['统一社会信用代码,月份,产值（万元）,用电量（万千瓦时）'];
    for (let i = 0; i < n; i++) for (let m = 1; m <= 12; m++) ind.push(`${code(i)},2025-${String(m).padStart(2, '0')},${i + m},${m / 10}`);
    ind.splice(2001, 0, `${code(5)},2025-03,1,1`); // row 2002: the same enterprise and month again
    ind.push(`${code(7)},2025-13,1,1`); // the last row: no such month
    const [e0, i0] = [await count('enterprises'), await count('enterprise_indicators')];

    const a = await importFile(t.database.db, '企业.csv', pieces(Buffer.from(e.join('\n')), 4096));
    expect(a).toMatchObject({ kind: 'enterprises', rows: n + 1, inserted: n, updated: 0, unchanged: 0, refused: 1 });
    expect(a.errors).toEqual([{ sheet: 'CSV', row: 152, field: '规模', reason: expect.stringContaining('巨型') }]);
    const b = await importFile(t.database.db, '指标.csv', pieces(Buffer.from(ind.join('\r\n')), 4096));
    expect(b).toMatchObject({ kind: 'indicators', rows: n * 12 + 2, inserted: n * 12, refused: 2 });
    expect(b.errors.map((x) => [x.row, x.field])).toEqual([
      [2002, '月份'],
      [n * 12 + 3, '月份'],
    ]);
    expect([await count('enterprises'), await count('enterprise_indicators')]).toEqual([e0 + n, i0 + n * 12]);
    const kwh = await t.database.db
      .selectFrom('enterprise_indicators as i')
      .innerJoin('enterprises as x', 'x.id', 'i.enterprise_id')
      .select('i.electricity')
      .where('x.uscc', '=', code(3))
      .where('i.month', '=', '2025-10-01')
      .executeTakeFirstOrThrow();
    expect(kwh.electricity).toBe(10_000);

    const again = await importFile(t.database.db, '指标.csv', pieces(Buffer.from(ind.join('\r\n')), 4096));
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: n * 12, refused: 2 });
    expect(await importFile(t.database.db, '企业.csv', Buffer.from(e.join('\n')))).toMatchObject({
      inserted: 0,
      updated: 0,
      unchanged: n,
      refused: 1,
    });
  });

  it('streams an .xlsx sheet by sheet: indicators may name enterprises from an earlier sheet', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('企业').addRows([
      ['统一社会信用代码', '企业名称', '行业代码', '规模', '成立日期'],
      [code(20_001), '流式表格企业甲', 'C39', '中型', new Date('2019-03-15')],
      [code(20_002), '流式表格企业乙', 'I65', '微型', '2020/1/2'],
    ]);
    wb.addWorksheet('指标').addRows([
      ['统一社会信用代码', '月份', '税收（元）'],
      [code(20_001), '2025年1月', 125_000],
      [code(20_002), '2025-01', 'abc'],
      [code(20_003), '2025-01', 1],
    ]);
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await importFile(t.database.db, '混合.xlsx', pieces(data, 1000));
    expect(r).toMatchObject({ kind: 'mixed', rows: 5, inserted: 3, refused: 2 });
    expect(r.errors.map((x) => [x.sheet, x.row, x.field])).toEqual([
      ['指标', 3, '税收'],
      ['指标', 4, '统一社会信用代码'],
    ]);
    const tax = await t.database.db
      .selectFrom('enterprise_indicators as i')
      .innerJoin('enterprises as x', 'x.id', 'i.enterprise_id')
      .select(['i.tax', 'x.founded_on'])
      .where('x.uscc', '=', code(20_001))
      .executeTakeFirstOrThrow();
    expect(tax).toEqual({ tax: 12.5, founded_on: '2019-03-15' });
  });

  it('reports a broken workbook and writes nothing', async () => {
    const before = await count('enterprises');
    const r = await importFile(t.database.db, '坏文件.xlsx', Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(2000, 7)]));
    expect(r).toMatchObject({ kind: 'empty', rows: 0, inserted: 0, errors: [expect.objectContaining({ row: 0, field: '文件' })] });
    expect(await count('enterprises')).toBe(before);
  });
});
