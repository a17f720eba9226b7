import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type ExcelJS from 'exceljs';
import { FormulaWithoutValue, type Cell } from './import-cells.ts';

/**
 * Reading .xlsx / .csv import files as streams: one sheet after another, one row at a time, so a
 * file of a million rows never sits in memory. CSV is parsed record by record from the byte
 * stream; .xlsx with exceljs's streaming WorkbookReader.
 */
export interface SheetRow {
  /** The row's number in the file (1-based, as a spreadsheet shows it). */
  number: number;
  cells: Cell[];
}
export interface SheetStream {
  name: string;
  rows: AsyncIterable<SheetRow>;
}

/** The file cannot be read (not a workbook, broken zip …): reported, nothing imported. */
export class UnreadableFile extends Error {}

const reason = (err: unknown) => (err instanceof Error ? err.message : String(err));

function cellValue(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    // A formula is read as the result the file keeps for it (what Excel showed when it saved the
    // file). A file written by a program may keep none (or an error, read as NaN): say so.
    if ('formula' in v || 'sharedFormula' in v) {
      const result = 'result' in v ? (v.result as ExcelJS.CellValue) : undefined;
      if (result === undefined || result === null || (typeof result === 'number' && Number.isNaN(result)))
        return new FormulaWithoutValue('formula' in v && typeof v.formula === 'string' ? v.formula : '');
      if (typeof result === 'object' && !(result instanceof Date) && 'error' in result) return String(result.error);
      return cellValue(result);
    }
    if ('error' in v) return String(v.error);
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
  }
  return String(v as unknown as string);
}

/** RFC 4180 CSV (quotes, doubled quotes, CRLF, line breaks inside quotes), UTF-8 with or without BOM, record by record. */
export async function* csvRecords(input: AsyncIterable<Buffer | string>): AsyncGenerator<string[]> {
  const decoder = new StringDecoder('utf8');
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let pendingQuote = false; // a quote inside quotes at the end of a chunk: closing, or the first of a doubled one
  let pendingCr = false; // a CR at the end of a chunk: a LF may follow
  let first = true;
  const records: string[][] = [];
  const feed = (text: string) => {
    let s = text;
    if (first && s.length > 0) {
      first = false;
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    }
    let i = 0;
    if (pendingCr) {
      pendingCr = false;
      if (s[0] === '\n') i = 1;
    }
    if (pendingQuote && s.length > 0) {
      pendingQuote = false;
      if (s[0] === '"') {
        field += '"';
        i = Math.max(i, 1);
      } else quoted = false;
    }
    let start = i;
    for (; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (quoted) {
        if (c !== 34) continue;
        field += s.slice(start, i);
        if (i + 1 === s.length) {
          pendingQuote = true;
          start = i + 1;
        } else if (s.charCodeAt(i + 1) === 34) {
          field += '"';
          i++;
          start = i + 1;
        } else {
          quoted = false;
          start = i + 1;
        }
      } else if (c === 34) {
        field += s.slice(start, i);
        quoted = true;
        start = i + 1;
      } else if (c === 44) {
        row.push(field + s.slice(start, i));
        field = '';
        start = i + 1;
      } else if (c === 10 || c === 13) {
        row.push(field + s.slice(start, i));
        records.push(row);
        row = [];
        field = '';
        if (c === 13) {
          if (i + 1 === s.length) pendingCr = true;
          else if (s.charCodeAt(i + 1) === 10) i++;
        }
        start = i + 1;
      }
    }
    field += s.slice(start);
  };
  for await (const chunk of input) {
    feed(typeof chunk === 'string' ? chunk : decoder.write(chunk));
    yield* records.splice(0);
  }
  feed(decoder.end());
  if (pendingQuote) quoted = false;
  if (field !== '' || row.length > 0) {
    row.push(field);
    records.push(row);
  }
  yield* records;
}

async function* csvRows(input: Readable): AsyncGenerator<SheetRow> {
  let n = 0;
  try {
    for await (const cells of csvRecords(input)) yield { number: ++n, cells };
  } catch (err) {
    throw new UnreadableFile(`无法读取 CSV 文件：${reason(err)}`);
  }
}

async function* xlsxRows(ws: ExcelJS.stream.xlsx.WorksheetReader): AsyncGenerator<SheetRow> {
  try {
    for await (const r of ws) {
      const values = Array.isArray(r.values) ? r.values.slice(1) : [];
      yield { number: r.number, cells: Array.from(values, (v) => cellValue(v as ExcelJS.CellValue)) };
    }
  } catch (err) {
    throw new UnreadableFile(`无法读取 .xlsx 文件：${reason(err)}`);
  }
}

/** What exceljs's streaming reader has read of xl/workbook.xml and its relationships (untyped there). */
interface ReaderParts {
  workbookRels?: { Id: string; Target: string }[];
  model?: { sheets?: { name: string; rId: string }[] };
}

/**
 * A sheet's name as the file gives it. exceljs finds it only when workbook.xml.rels names the sheet's
 * part relative to xl/ (worksheets/sheet1.xml, as Excel and exceljs write it); openpyxl writes it
 * absolute (/xl/worksheets/sheet1.xml) and exceljs then calls the sheets Sheet1, Sheet2 … An
 * unmatched sheet keeps the part's number (a string, from the part's path) as its id.
 */
function sheetName(reader: ReaderParts, ws: { id: unknown; name?: string }): string {
  if (typeof ws.id === 'string') {
    const part = `worksheets/sheet${ws.id}.xml`;
    const rel = reader.workbookRels?.find((r) => r.Target.replace(/^\/?(?:xl\/)?/, '') === part);
    const sheet = rel && reader.model?.sheets?.find((s) => s.rId === rel.Id);
    if (sheet) return sheet.name;
  }
  return ws.name ?? 'Sheet';
}

/** The sheets of a file (a CSV is one sheet named CSV), told apart by content: an .xlsx is a ZIP. */
export async function* readSheets(fileName: string, input: Readable): AsyncGenerator<SheetStream> {
  const it = (input as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  const head = await it.next();
  if (head.done) return;
  const firstChunk = head.value;
  const whole = Readable.from(
    (async function* () {
      yield firstChunk;
      for (let n = await it.next(); !n.done; n = await it.next()) yield n.value;
    })(),
  );
  const isXlsx = firstChunk.length >= 2 && firstChunk[0] === 0x50 && firstChunk[1] === 0x4b; // a ZIP: Office Open XML
  if (!isXlsx) {
    if (/\.xlsx?$/i.test(fileName)) throw new UnreadableFile('文件不是有效的 .xlsx 文件');
    yield { name: 'CSV', rows: csvRows(whole) };
    return;
  }
  // Loaded when an .xlsx arrives (it takes a second to load, and most processes never import one).
  const { default: Excel } = await import('exceljs');
  const reader = new Excel.stream.xlsx.WorkbookReader(whole, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const sheets = reader[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<ExcelJS.stream.xlsx.WorksheetReader>;
    try {
      next = await sheets.next();
    } catch (err) {
      throw new UnreadableFile(`无法读取 .xlsx 文件：${reason(err)}`);
    }
    if (next.done) return;
    const name = sheetName(reader as unknown as ReaderParts, next.value as unknown as { id: unknown; name?: string });
    yield { name, rows: xlsxRows(next.value) };
  }
}
