import type ExcelJS from 'exceljs';

/**
 * The one way Qifu writes a workbook: sheets with a bold, frozen header row and set column widths,
 * so that every export looks alike and the exceljs details live in one place.
 */

export type Cell = string | number | null;
/** Number formats in use: rates are stored as fractions and shown as percentages. */
export type CellFormat = '0.0%' | '0.00' | '#,##0.00';

export interface Column<R> {
  header: string;
  width: number;
  value: (row: R) => Cell;
  format?: CellFormat;
}

/** A column of a sheet whose rows are plain arrays: [header, width, format]. */
export type Header = readonly [header: string, width: number, format?: CellFormat];

/** exceljs is loaded on the first export, not with the server: it takes a second to load, and most requests never write a workbook. */
export async function newWorkbook(): Promise<ExcelJS.Workbook> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = '企服通';
  return wb;
}

/**
 * A sheet with a bold, frozen header row, each cell read from a row by its column. With a title,
 * a bold title row comes first and is frozen with the header.
 */
export function addSheet<R>(
  wb: ExcelJS.Workbook,
  name: string,
  columns: readonly Column<R>[],
  rows: Iterable<R>,
  title?: string,
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: title ? 2 : 1 }] });
  if (title) {
    ws.columns = columns.map((c) => ({ width: c.width, style: c.format ? { numFmt: c.format } : {} }));
    ws.addRow([title]).font = { bold: true, size: 12 };
    ws.addRow(columns.map((c) => c.header));
    ws.getRow(2).font = { bold: true };
  } else {
    ws.columns = columns.map((c) => ({ header: c.header, width: c.width, style: c.format ? { numFmt: c.format } : {} }));
    ws.getRow(1).font = { bold: true };
  }
  for (const r of rows) ws.addRow(columns.map((c) => c.value(r)));
  return ws;
}

/** addSheet for rows that are already arrays of cells, in the order of the headers. */
export function addTable(
  wb: ExcelJS.Workbook,
  name: string,
  headers: readonly Header[],
  rows: Iterable<readonly Cell[]>,
  title?: string,
): ExcelJS.Worksheet {
  const columns = headers.map(([header, width, format], i): Column<readonly Cell[]> => ({
    header,
    width,
    value: (r) => r[i] ?? null,
    ...(format ? { format } : {}),
  }));
  return addSheet(wb, name, columns, rows, title);
}

/** A sheet of notes without a header row: a label column and a text column (统计期, 口径 …). */
export function addNotes(
  wb: ExcelJS.Workbook,
  name: string,
  widths: readonly [number, number],
  rows: readonly (readonly Cell[])[],
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name);
  ws.columns = widths.map((width) => ({ width }));
  ws.addRows(rows.map((r) => [...r]));
  return ws;
}

/** The last row written (a 合计 row) in bold. */
export function boldLastRow(ws: ExcelJS.Worksheet): void {
  const last = ws.lastRow;
  if (last) last.font = { bold: true };
}

export async function workbookBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}
