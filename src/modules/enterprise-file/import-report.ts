import { addTable, newWorkbook, workbookBuffer, type Cell, type Header } from '../../platform/excel.ts';
import type { RowError, SourceRow } from './import.ts';

/** The refused-rows workbook's list of errors; an import skips a sheet of this name, so the workbook can be imported back as is. */
export const ERRORS_SHEET = '导入错误';

/**
 * The refused rows as a workbook the user can correct and import again: first the list of errors
 * (sheet, row, field, reason), then for each sheet of the file its header and its refused rows as
 * they were read, each followed by its original row number and its errors. The extra columns have
 * no import header, so an import ignores them.
 */
export async function errorWorkbook(errors: RowError[], refusedRows: SourceRow[] = [], headers: SourceRow[] = []): Promise<Buffer> {
  const wb = await newWorkbook();
  addTable(
    wb,
    ERRORS_SHEET,
    [
      ['工作表', 16],
      ['行号', 8],
      ['字段', 20],
      ['原因', 60],
    ],
    errors.map((e) => [e.sheet, e.row, e.field, e.reason]),
  );
  const reasons = new Map<string, string[]>();
  for (const e of errors) {
    const key = `${e.sheet}\u0000${e.row}`;
    reasons.set(key, [...(reasons.get(key) ?? []), `${e.field}：${e.reason}`]);
  }
  const sheets = [...new Set(refusedRows.map((r) => r.sheet))];
  for (const sheet of sheets) {
    const rows = refusedRows.filter((r) => r.sheet === sheet);
    const header = headers.find((h) => h.sheet === sheet)?.cells ?? [];
    // A loop, not Math.max(...rows): a spread of some 150,000 rows overflows the call stack.
    const width = rows.reduce((w, r) => Math.max(w, r.cells.length), header.length);
    const columns: Header[] = [
      ...Array.from({ length: width }, (_, i): Header => [String(header[i] ?? ''), 16]),
      ['原行号', 8],
      ['错误原因', 60],
    ];
    addTable(
      wb,
      sheet,
      columns,
      rows.map((r): Cell[] => [
        ...Array.from({ length: width }, (_, i) => r.cells[i] ?? null),
        r.row,
        (reasons.get(`${r.sheet}\u0000${r.row}`) ?? []).join('；'),
      ]),
    );
  }
  return workbookBuffer(wb);
}
