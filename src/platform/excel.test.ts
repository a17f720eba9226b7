import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  addNotes,
  addTable,
  DATE,
  DATE_TIME,
  dateCell,
  newWorkbook,
  streamedWorkbook,
  streamTable,
  timeCell,
  workbookBuffer,
} from './excel.ts';

async function load(data: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  return wb;
}

/** A Date cell read back: Excel keeps wall times, which exceljs reads as UTC fields. */
const wall = (v: ExcelJS.CellValue) => (v instanceof Date ? v.toISOString().slice(0, 16).replace('T', ' ') : `not a date: ${String(v)}`);

describe('dates in workbooks', () => {
  // 2026-03-01T17:30Z is 2026-03-02 01:30 in Shanghai: the day differs too.
  const instant = '2026-03-01T17:30:00.000Z';

  it('writes an instant as a real date-time cell showing its Asia/Shanghai wall time', async () => {
    const wb = await newWorkbook();
    addTable(
      wb,
      '清单',
      [
        ['匹配时间', 18, DATE_TIME],
        ['成立日期', 12, DATE],
      ],
      [[timeCell(instant), dateCell('2019-03-15')]],
    );
    addNotes(
      wb,
      '说明',
      [10, 20],
      [
        ['生成时间', timeCell(instant)],
        ['统计期起', dateCell('2026-01-01')],
      ],
    );
    const back = await load(await workbookBuffer(wb));
    const row = back.getWorksheet('清单')!.getRow(2);
    expect(row.getCell(1).value).toBeInstanceOf(Date);
    expect(wall(row.getCell(1).value)).toBe('2026-03-02 01:30');
    expect(row.getCell(1).numFmt).toBe(DATE_TIME);
    expect(wall(row.getCell(2).value)).toBe('2019-03-15 00:00');
    expect(row.getCell(2).numFmt).toBe(DATE);
    const notes = back.getWorksheet('说明')!;
    expect(wall(notes.getCell('B1').value)).toBe('2026-03-02 01:30');
    expect(notes.getCell('B1').numFmt).toBe(DATE_TIME);
    expect(notes.getCell('B2').numFmt).toBe(DATE);
  });

  it('streams a sheet of any length, every row, with its dates', async () => {
    const n = 12_345;
    let written = 0;
    const data = await streamedWorkbook(async (wb) => {
      written = await streamTable(
        wb,
        '清单',
        [
          ['序号（个）', 8],
          ['时间', 18, DATE_TIME],
        ],
        (async function* () {
          for (let i = 0; i < n; i++) yield i;
        })(),
        (i) => [i, timeCell(instant)],
      );
    });
    expect(written).toBe(n);
    const ws = (await load(data)).getWorksheet('清单')!;
    expect(ws.actualRowCount).toBe(n + 1);
    expect(ws.getCell(`A${n + 1}`).value).toBe(n - 1);
    expect(wall(ws.getCell(`B${n + 1}`).value)).toBe('2026-03-02 01:30');
  });
});
