import { Readable } from 'node:stream';
import { recordAudit } from '../../platform/audit.ts';
import type { Db } from '../../platform/db/index.ts';
import type { Actor } from '../../platform/http/access.ts';
import { textProblem } from '../../platform/http/input-guard.ts';
import { AppError } from '../../platform/errors.ts';
import { validateIndustryCode } from '../enterprises/industry.ts';
import {
  HEADER_LABEL,
  INDICATOR_FIELDS,
  Refusal,
  SCALES,
  calculated,
  date,
  month,
  num,
  parseHeader,
  plain,
  sourceCell,
  text,
  uscc,
  type Cell,
  type Column,
  type EnterpriseRow,
  type Field,
  type IndicatorField,
  type IndicatorRow,
  type SourceCell,
} from './import-cells.ts';
import { ERRORS_SHEET } from './import-report.ts';
import { readSheets, UnreadableFile } from './import-read.ts';
import { ImportWriter } from './import-write.ts';
import { allStreets } from './repository-import.ts';

/**
 * Bulk import of enterprises (with tags) and monthly indicators from .xlsx or .csv.
 * Every row is validated as a whole before any of it is written; valid rows are upserted
 * (by uscc, and by uscc + month) in batches within one transaction, so a refused row never
 * half-imports and importing the same file twice reports every row as unchanged.
 */

export const MAX_IMPORT_ROWS = 1_500_000;

export interface RowError {
  sheet: string;
  row: number;
  field: string;
  reason: string;
}

/** A refused row as read (or a sheet's header row), so the user gets it back to correct and import again. */
export interface SourceRow {
  sheet: string;
  row: number;
  cells: SourceCell[];
}

export interface ImportReport {
  kind: 'enterprises' | 'indicators' | 'mixed' | 'empty';
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  refused: number;
  errors: RowError[];
  /** The refused rows' cells, in file order. */
  refusedRows: SourceRow[];
  /** The header row of each sheet that has refused rows. */
  headers: SourceRow[];
}

type Streets = Map<string, number>;
type Checked<T> = { value: T; errors: RowError[] };

/** Runs one cell check; a refusal becomes a row error. */
function attempt(errors: RowError[], sheet: string, row: number, fn: () => void): void {
  try {
    fn();
  } catch (err) {
    if (!(err instanceof Refusal)) throw err;
    errors.push({ sheet, row, field: err.field, reason: err.message });
  }
}

function checkIndicator(sheet: string, row: number, cols: Column[], cells: Cell[]): Checked<IndicatorRow> {
  const errors: RowError[] = [];
  const value: Partial<IndicatorRow> = {};
  for (const c of cols) {
    const raw = cells[c.index] ?? null;
    attempt(errors, sheet, row, () => {
      const v = calculated(raw, c.field);
      if (c.field === 'uscc') value.uscc = uscc(v);
      else if (c.field === 'month') value.month = month(v);
      else if ((INDICATOR_FIELDS as string[]).includes(c.field))
        value[c.field as IndicatorField] = num(v, c.field, c.factor, c.field === 'employees');
    });
  }
  return { value: value as IndicatorRow, errors };
}

function checkEnterprise(sheet: string, row: number, cols: Column[], cells: Cell[], streetBy: Streets): Checked<EnterpriseRow> {
  const errors: RowError[] = [];
  const value: Partial<EnterpriseRow> = {};
  for (const c of cols) {
    const raw = cells[c.index] ?? null;
    attempt(errors, sheet, row, () => {
      const v = calculated(raw, c.field);
      // Text PostgreSQL cannot store as sent (U+0000, a lone surrogate) refuses the row like any bad cell.
      const bad = typeof v === 'string' ? textProblem(v) : undefined;
      if (bad) throw new Refusal(HEADER_LABEL(c.field), bad);
      switch (c.field) {
        case 'uscc':
          value.uscc = uscc(v);
          break;
        case 'name': {
          const s = text(v);
          if (!s) throw new Refusal(HEADER_LABEL('name'), '企业名称不能为空');
          if (s.length > 200) throw new Refusal(HEADER_LABEL('name'), '企业名称过长');
          value.name = s;
          break;
        }
        case 'industry_code': {
          const r = validateIndustryCode(plain(v));
          if (!r.valid) throw new Refusal(HEADER_LABEL('industry_code'), r.reason);
          value.industry_code = r.code;
          break;
        }
        case 'street': {
          const s = plain(v);
          if (!s) value.street_id = null;
          else {
            const id = streetBy.get(s) ?? streetBy.get(s.toLowerCase());
            if (id === undefined) throw new Refusal(HEADER_LABEL('street'), `街道“${s}”不存在`);
            value.street_id = id;
          }
          break;
        }
        case 'scale': {
          const s = plain(v);
          const scale = SCALES[s.replace(/企业$/, '')] ?? SCALES[s.toLowerCase()];
          if (!scale) throw new Refusal(HEADER_LABEL('scale'), s ? `规模“${s}”应为 大型、中型、小型、微型` : '规模不能为空');
          value.scale = scale;
          break;
        }
        case 'founded_on':
          value.founded_on = date(v, 'founded_on');
          break;
        case 'registered_capital': {
          const n = num(v, 'registered_capital', c.factor);
          value.registered_capital = n === null ? null : Math.round(n * 100) / 100;
          break;
        }
        case 'tags':
          value.tags = [
            ...new Set(
              text(v)
                .split(/[,，、;；|\s]+/)
                .map((t) => t.trim())
                .filter(Boolean),
            ),
          ].sort();
          if (value.tags.some((t) => t.length > 20)) throw new Refusal(HEADER_LABEL('tags'), '单个标签不超过 20 字');
          break;
        case 'legal_representative':
        case 'address':
        case 'phone':
          value[c.field] = text(v) || null;
          break;
        default:
          break;
      }
    });
  }
  return { value: value as EnterpriseRow, errors };
}

/** Which columns a sheet has, and what it holds; null (with the reason reported) when it cannot be imported. */
function sheetLayout(sheet: string, row: number, cells: Cell[], errors: RowError[]): { cols: Column[]; indicators: boolean } | null {
  const cols = parseHeader(cells, sheet, row, errors);
  const has = (f: Field) => cols.some((c) => c.field === f);
  if (!has('uscc')) {
    errors.push({ sheet, row, field: '统一社会信用代码', reason: '缺少“统一社会信用代码”列' });
    return null;
  }
  if (has('month')) return { cols, indicators: true };
  const missing = (['name', 'industry_code', 'scale'] as const).filter((f) => !has(f));
  if (missing.length) {
    errors.push({
      sheet,
      row,
      field: missing.map(HEADER_LABEL).join('、'),
      reason: '缺少必需的列（企业名称、行业代码、规模）；指标表须有“月份”列',
    });
    return null;
  }
  return { cols, indicators: false };
}

/**
 * Imports a file read as a stream (a Buffer is accepted too): each sheet's first non-empty row is
 * its header, every further row is validated as it arrives and the valid ones are written in
 * batches, all in one transaction. Memory stays flat whatever the file's size; the duplicate
 * checks keep a number per enterprise and per (enterprise, month) seen. With an actor (an upload
 * through the API) its audit row is written in that same transaction.
 */
export async function importFile(db: Db, fileName: string, input: Readable | Buffer, actor?: Actor): Promise<ImportReport> {
  const source = Buffer.isBuffer(input) ? Readable.from([input]) : input;
  const streets = await allStreets(db);
  const streetBy: Streets = new Map();
  for (const s of streets) {
    streetBy.set(s.name, s.id);
    streetBy.set(s.code.toLowerCase(), s.id);
    streetBy.set(s.name.replace(/街道$/, ''), s.id);
  }
  const errors: RowError[] = [];
  const refusedRows: SourceRow[] = [];
  const headerRows = new Map<string, SourceRow>();
  let rowCount = 0;
  let refused = 0;
  const valid = { enterprises: 0, indicators: 0 };
  const seenUscc = new Map<string, number>();
  // (enterprise, month) pairs as numbers: a million of them cost tens of MB, not hundreds.
  const usccIndex = new Map<string, number>();
  const seenMonth = new Set<number>();
  let counts = { inserted: 0, updated: 0, unchanged: 0 };
  try {
    await db.transaction().execute(async (tx) => {
      const writer = new ImportWriter(tx, errors, refusedRows);
      for await (const sheet of readSheets(fileName, source)) {
        // The list of errors in a refused-rows workbook imported back after correcting it.
        let layout: { cols: Column[]; indicators: boolean } | null | undefined = sheet.name === ERRORS_SHEET ? null : undefined;
        for await (const { number: rowNo, cells } of sheet.rows) {
          // Rows of a sheet that cannot be imported are still read: the stream goes on to the next sheet.
          if (layout === null || !cells.some((c) => text(c) !== '')) continue;
          if (layout === undefined) {
            layout = sheetLayout(sheet.name, rowNo, cells, errors);
            headerRows.set(sheet.name, { sheet: sheet.name, row: rowNo, cells: Array.from(cells, sourceCell) });
            continue;
          }
          const source = { sheet: sheet.name, row: rowNo, cells: Array.from(cells, sourceCell) };
          rowCount++;
          if (rowCount > MAX_IMPORT_ROWS) throw AppError.validation('file', `一次最多导入 ${MAX_IMPORT_ROWS} 行`);
          if (layout.indicators) {
            const r = checkIndicator(sheet.name, rowNo, layout.cols, cells);
            if (r.errors.length === 0 && r.value.uscc && r.value.month) {
              const idx = usccIndex.get(r.value.uscc) ?? usccIndex.set(r.value.uscc, usccIndex.size).get(r.value.uscc)!;
              const key = idx * 100_000 + Number(r.value.month.slice(0, 4)) * 12 + Number(r.value.month.slice(5, 7));
              if (seenMonth.has(key))
                r.errors.push({ sheet: sheet.name, row: rowNo, field: '月份', reason: '同一企业同一月份在文件中重复' });
              seenMonth.add(key);
            }
            if (r.errors.length === 0) {
              valid.indicators++;
              await writer.addIndicator({ ...source, value: r.value });
            } else {
              refused++;
              errors.push(...r.errors);
              refusedRows.push(source);
            }
          } else {
            const r = checkEnterprise(sheet.name, rowNo, layout.cols, cells, streetBy);
            if (r.errors.length === 0 && r.value.uscc) {
              const first = seenUscc.get(r.value.uscc);
              if (first !== undefined)
                r.errors.push({ sheet: sheet.name, row: rowNo, field: '统一社会信用代码', reason: `与第 ${first} 行重复` });
              else seenUscc.set(r.value.uscc, rowNo);
            }
            if (r.errors.length === 0) {
              valid.enterprises++;
              await writer.addEnterprise({ ...source, value: r.value });
            } else {
              refused++;
              errors.push(...r.errors);
              refusedRows.push(source);
            }
          }
        }
      }
      await writer.flush();
      counts = writer.counts;
      refused += writer.refused;
      if (actor) {
        await recordAudit(tx, actor, {
          action: 'enterprise.import',
          entityType: 'enterprise',
          after: { file: fileName, rows: rowCount, ...counts, refused },
        });
      }
    });
  } catch (err) {
    if (!(err instanceof UnreadableFile)) throw err;
    // Nothing was written: the transaction rolled back.
    return {
      kind: 'empty',
      rows: 0,
      inserted: 0,
      updated: 0,
      unchanged: 0,
      refused: 0,
      errors: [{ sheet: fileName, row: 0, field: '文件', reason: err.message }],
      refusedRows: [],
      headers: [],
    };
  }

  const order = (a: { sheet: string; row: number }, b: { sheet: string; row: number }) =>
    a.sheet === b.sheet ? a.row - b.row : a.sheet < b.sheet ? -1 : 1;
  errors.sort(order);
  refusedRows.sort(order);
  const headers = [...headerRows.values()].filter((h) => refusedRows.some((r) => r.sheet === h.sheet));
  const kind =
    valid.enterprises && valid.indicators
      ? 'mixed'
      : valid.enterprises
        ? 'enterprises'
        : valid.indicators
          ? 'indicators'
          : rowCount
            ? 'mixed'
            : 'empty';
  return { kind, rows: rowCount, ...counts, refused, errors, refusedRows, headers };
}
