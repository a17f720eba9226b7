import { PassThrough } from 'node:stream';
import type ExcelJS from 'exceljs';

/**
 * The one way Qifu writes a workbook: sheets with a bold, frozen header row and set column widths,
 * so that every export looks alike and the exceljs details live in one place. Dates and times are
 * real Excel dates (see dateCell, timeCell), never text.
 */

export type Cell = string | number | Date | null;
/** Excel's date formats: a calendar day, a month, an Asia/Shanghai wall time to the minute. */
export const DATE = 'yyyy-mm-dd';
export const MONTH = 'yyyy-mm';
export const DATE_TIME = 'yyyy-mm-dd hh:mm';
/** Number formats in use: rates are stored as fractions and shown as percentages. */
export type CellFormat = '0.0%' | '0.00' | '#,##0.00' | typeof DATE | typeof MONTH | typeof DATE_TIME;

export interface Column<R> {
  header: string;
  width: number;
  value: (row: R) => Cell;
  format?: CellFormat;
}

/** A column of a sheet whose rows are plain arrays: [header, width, format]. */
export type Header = readonly [header: string, width: number, format?: CellFormat];

// China has kept UTC+8 all year since 1991: no daylight saving time to look up.
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/**
 * An instant (an ISO timestamp or a Date) as an Excel date-time showing its Asia/Shanghai wall time.
 * A workbook has no time zone: Excel stores the wall time, and exceljs writes a Date's UTC fields,
 * so the Date handed to it is moved by eight hours. Use it with DATE_TIME.
 */
export function timeCell(instant: string | Date | null | undefined): Date | null {
  if (instant === null || instant === undefined || instant === '') return null;
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return Number.isNaN(ms) ? null : new Date(ms + SHANGHAI_OFFSET_MS);
}

/** A calendar day ('2024-05-01', or the date part of a 'YYYY-MM-DD…' string) as an Excel date. Use it with DATE or MONTH. */
export function dateCell(day: string | null | undefined): Date | null {
  if (!day || !/^\d{4}-\d{2}-\d{2}/.test(day)) return null;
  const d = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** exceljs is loaded on the first export, not with the server: it takes a second to load, and most requests never write a workbook. */
async function excel(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}

export async function newWorkbook(): Promise<ExcelJS.Workbook> {
  const wb = new (await excel()).Workbook();
  wb.creator = '企服通';
  return wb;
}

/**
 * A Date in a column without a date format (a notes sheet, a 项目/内容 table) would show as a bare
 * serial number: a calendar day (dateCell, midnight) gets DATE, an instant (timeCell) DATE_TIME.
 */
function addValues(ws: ExcelJS.Worksheet, formats: readonly (CellFormat | undefined)[], values: Cell[]): ExcelJS.Row {
  const row = ws.addRow(values);
  values.forEach((v, i) => {
    if (v instanceof Date && !formats[i]) row.getCell(i + 1).numFmt = v.getTime() % 86_400_000 === 0 ? DATE : DATE_TIME;
  });
  return row;
}

function startSheet<R>(wb: ExcelJS.Workbook, name: string, columns: readonly Column<R>[], title?: string): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: title ? 2 : 1 }] });
  const style = (c: Column<R>) => (c.format ? { numFmt: c.format } : {});
  if (title) {
    ws.columns = columns.map((c) => ({ width: c.width, style: style(c) }));
    ws.addRow([title]).font = { bold: true, size: 12 };
    ws.addRow(columns.map((c) => c.header)).font = { bold: true };
  } else {
    ws.columns = columns.map((c) => ({ header: c.header, width: c.width, style: style(c) }));
    ws.getRow(1).font = { bold: true };
  }
  return ws;
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
  const ws = startSheet(wb, name, columns, title);
  const formats = columns.map((c) => c.format);
  for (const r of rows)
    addValues(
      ws,
      formats,
      columns.map((c) => c.value(r)),
    );
  return ws;
}

function columnsOf(headers: readonly Header[]): Column<readonly Cell[]>[] {
  return headers.map(([header, width, format], i): Column<readonly Cell[]> => ({
    header,
    width,
    value: (r) => r[i] ?? null,
    ...(format ? { format } : {}),
  }));
}

/** addSheet for rows that are already arrays of cells, in the order of the headers. */
export function addTable(
  wb: ExcelJS.Workbook,
  name: string,
  headers: readonly Header[],
  rows: Iterable<readonly Cell[]>,
  title?: string,
): ExcelJS.Worksheet {
  return addSheet(wb, name, columnsOf(headers), rows, title);
}

/** A sheet of notes without a header row: a label column and a text column (统计期, 口径 …); dates in it are shown as dates. */
export function addNotes(
  wb: ExcelJS.Workbook,
  name: string,
  widths: readonly [number, number],
  rows: readonly (readonly Cell[])[],
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name);
  ws.columns = widths.map((width) => ({ width }));
  for (const r of rows) addValues(ws, [], [...r]);
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

/**
 * A list too long to hold as a workbook in memory (tens of thousands of rows): written with
 * exceljs's streaming writer, each row committed (and let go) as it arrives, so an export never
 * has to stop at a row cap. `build` adds the sheets with streamTable (and notes with addNotes).
 */
export async function streamedWorkbook(build: (wb: ExcelJS.Workbook) => Promise<void>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve, reject) => out.on('end', resolve).on('error', reject));
  const wb = new (await excel()).stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = '企服通';
  await build(wb);
  await wb.commit();
  await ended;
  return Buffer.concat(chunks);
}

/** A sheet of a streamedWorkbook, its rows read page after page and each made cells by `cells`; returns how many rows it wrote. */
export async function streamTable<R>(
  wb: ExcelJS.Workbook,
  name: string,
  headers: readonly Header[],
  rows: AsyncIterable<R>,
  cells: (row: R) => readonly Cell[],
  title?: string,
): Promise<number> {
  const columns = columnsOf(headers);
  const ws = startSheet(wb, name, columns, title);
  ws.lastRow?.commit();
  const formats = columns.map((c) => c.format);
  let n = 0;
  for await (const r of rows) {
    addValues(ws, formats, [...cells(r)]).commit();
    n++;
  }
  ws.commit();
  return n;
}

/** Every row of a list read by keyset pages: `page(after)` returns the rows following `after` (the first page with undefined). */
export async function* pages<R>(page: (after: R | undefined) => Promise<R[]>): AsyncGenerator<R> {
  let after: R | undefined;
  for (;;) {
    const rows = await page(after);
    yield* rows;
    if (rows.length === 0) return;
    after = rows[rows.length - 1];
  }
}

/** Every row of a list read by numbered pages, for lists whose queries page by offset; stops at the first short page. */
export async function* offsetPages<R>(page: (page: number, pageSize: number) => Promise<R[]>, pageSize = 5_000): AsyncGenerator<R> {
  for (let n = 1; ; n++) {
    const rows = await page(n, pageSize);
    yield* rows;
    if (rows.length < pageSize) return;
  }
}
