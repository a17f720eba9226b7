import ExcelJS from 'exceljs';
import { sql, type Insertable } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors.ts';
import type { DB } from '../../platform/db/schema.ts';
import { validateIndustryCode } from '../enterprises/industry.ts';
import { HEADER_LABEL, INDICATOR_FIELDS, Refusal, SCALES, date, month, num, parseHeader, readSheets, text, uscc, type Column, type EnterpriseRow, type Field, type IndicatorField, type IndicatorRow, type Sheet, type ValidRow } from './import-cells.ts';

/**
 * Bulk import of enterprises (with tags) and monthly indicators from .xlsx or .csv.
 * Every row is validated before anything is written; valid rows are then upserted
 * (by uscc, and by uscc + month) in one transaction, so a refused row never half-imports
 * and importing the same file twice reports every row as unchanged.
 */

export const MAX_IMPORT_ROWS = 1_500_000;

export interface RowError {
  sheet: string;
  row: number;
  field: string;
  reason: string;
}

export interface ImportReport {
  kind: 'enterprises' | 'indicators' | 'mixed' | 'empty';
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  refused: number;
  errors: RowError[];
}

export async function importFile(db: Db, fileName: string, data: Buffer): Promise<ImportReport> {
  const errors: RowError[] = [];
  let sheets: Sheet[];
  try {
    sheets = await readSheets(fileName, data);
  } catch (err) {
    return { kind: 'empty', rows: 0, inserted: 0, updated: 0, unchanged: 0, refused: 0, errors: [{ sheet: fileName, row: 0, field: '文件', reason: err instanceof Error ? err.message : '无法读取文件' }] };
  }
  const streets = await db.selectFrom('streets').select(['id', 'code', 'name']).execute();
  const streetBy = new Map<string, number>();
  for (const s of streets) {
    streetBy.set(s.name, s.id);
    streetBy.set(s.code.toLowerCase(), s.id);
    streetBy.set(s.name.replace(/街道$/, ''), s.id);
  }

  const enterprises: ValidRow<EnterpriseRow>[] = [];
  const indicators: ValidRow<IndicatorRow>[] = [];
  let rowCount = 0;
  let refused = 0;
  const seenUscc = new Map<string, number>();
  const seenMonth = new Set<string>();

  for (const sheet of sheets) {
    const headerAt = sheet.rows.findIndex((r) => r.some((c) => text(c) !== ''));
    if (headerAt < 0) continue;
    const cols = parseHeader(sheet.rows[headerAt]!, sheet.name, errors);
    const has = (f: Field) => cols.some((c) => c.field === f);
    if (!has('uscc')) {
      errors.push({ sheet: sheet.name, row: headerAt + 1, field: '统一社会信用代码', reason: '缺少“统一社会信用代码”列' });
      continue;
    }
    const isIndicators = has('month');
    if (!isIndicators) {
      const missing = (['name', 'industry_code', 'scale'] as const).filter((f) => !has(f));
      if (missing.length) {
        errors.push({ sheet: sheet.name, row: headerAt + 1, field: missing.map(HEADER_LABEL).join('、'), reason: '缺少必需的列（企业名称、行业代码、规模）；指标表须有“月份”列' });
        continue;
      }
    }
    for (let i = headerAt + 1; i < sheet.rows.length; i++) {
      const cells = sheet.rows[i]!;
      if (!cells.some((c) => text(c) !== '')) continue;
      rowCount++;
      if (rowCount > MAX_IMPORT_ROWS) throw AppError.validation('file', `一次最多导入 ${MAX_IMPORT_ROWS} 行`);
      const rowNo = i + 1;
      const rowErrors: RowError[] = [];
      const get = (c: Column) => cells[c.index] ?? null;
      const attempt = <T>(fn: () => T): T | undefined => {
        try {
          return fn();
        } catch (err) {
          if (!(err instanceof Refusal)) throw err;
          rowErrors.push({ sheet: sheet.name, row: rowNo, field: err.field, reason: err.message });
          return undefined;
        }
      };
      if (isIndicators) {
        const value: Partial<IndicatorRow> = {};
        for (const c of cols) {
          attempt(() => {
            if (c.field === 'uscc') value.uscc = uscc(get(c));
            else if (c.field === 'month') value.month = month(get(c));
            else if ((INDICATOR_FIELDS as string[]).includes(c.field)) value[c.field as IndicatorField] = num(get(c), c.field, c.factor, c.field === 'employees');
          });
        }
        if (rowErrors.length === 0 && value.uscc && value.month) {
          const key = `${value.uscc}|${value.month}`;
          if (seenMonth.has(key)) rowErrors.push({ sheet: sheet.name, row: rowNo, field: '月份', reason: '同一企业同一月份在文件中重复' });
          seenMonth.add(key);
        }
        if (rowErrors.length === 0) indicators.push({ sheet: sheet.name, row: rowNo, value: value as IndicatorRow });
      } else {
        const value: Partial<EnterpriseRow> = {};
        for (const c of cols) {
          attempt(() => {
            const v = get(c);
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
                const r = validateIndustryCode(text(v));
                if (!r.valid) throw new Refusal(HEADER_LABEL('industry_code'), r.reason);
                value.industry_code = r.code;
                break;
              }
              case 'street': {
                const s = text(v);
                if (!s) value.street_id = null;
                else {
                  const id = streetBy.get(s) ?? streetBy.get(s.toLowerCase());
                  if (id === undefined) throw new Refusal(HEADER_LABEL('street'), `街道“${s}”不存在`);
                  value.street_id = id;
                }
                break;
              }
              case 'scale': {
                const s = text(v);
                const scale = SCALES[s.replace(/企业$/, '')] ?? SCALES[s.toLowerCase()];
                if (!scale) throw new Refusal(HEADER_LABEL('scale'), s ? `规模“${s}”应为 大型、中型、小型、微型` : '规模不能为空');
                value.scale = scale;
                break;
              }
              case 'founded_on':
                value.founded_on = date(v, 'founded_on');
                break;
              case 'registered_capital':
                {
                  const n = num(v, 'registered_capital', c.factor);
                  value.registered_capital = n === null ? null : Math.round(n * 100) / 100;
                }
                break;
              case 'tags':
                value.tags = [...new Set(text(v).split(/[,，、;；|\s]+/).map((t) => t.trim()).filter(Boolean))].sort();
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
        if (rowErrors.length === 0 && value.uscc) {
          const first = seenUscc.get(value.uscc);
          if (first !== undefined) rowErrors.push({ sheet: sheet.name, row: rowNo, field: '统一社会信用代码', reason: `与第 ${first} 行重复` });
          else seenUscc.set(value.uscc, rowNo);
        }
        if (rowErrors.length === 0) enterprises.push({ sheet: sheet.name, row: rowNo, value: value as EnterpriseRow });
      }
      if (rowErrors.length) {
        refused++;
        errors.push(...rowErrors);
      }
    }
  }

  const counts = { inserted: 0, updated: 0, unchanged: 0 };
  await db.transaction().execute(async (tx) => {
    for (const chunk of chunks(enterprises, 500)) {
      const existing = await tx
        .selectFrom('enterprises as e')
        .selectAll('e')
        .select((eb) =>
          eb.fn.coalesce(
            eb.selectFrom('enterprise_tags as t').select(sql<string[]>`array_agg(t.tag order by t.tag)`.as('tags')).whereRef('t.enterprise_id', '=', 'e.id'),
            sql<string[]>`'{}'::text[]`,
          ).as('tags'),
        )
        .where('e.uscc', 'in', chunk.map((r) => r.value.uscc))
        .execute();
      const byUscc = new Map(existing.map((e) => [e.uscc, e]));
      // New enterprises in one statement, then their tags in another.
      const fresh = chunk.filter((r) => !byUscc.has(r.value.uscc)).map((r) => r.value);
      if (fresh.length) {
        const ids = await tx
          .insertInto('enterprises')
          .values(fresh.map(({ tags: _tags, ...fields }) => fields))
          .returning(['id', 'uscc'])
          .execute();
        const idOf = new Map(ids.map((x) => [x.uscc, x.id]));
        const tagRows = fresh.flatMap((e) => (e.tags ?? []).map((tag) => ({ enterprise_id: idOf.get(e.uscc)!, tag })));
        if (tagRows.length) await tx.insertInto('enterprise_tags').values(tagRows).execute();
        counts.inserted += fresh.length;
      }
      for (const { value } of chunk) {
        const { tags, uscc: code, ...fields } = value;
        const old = byUscc.get(code);
        if (!old) continue;
        const changed = (Object.keys(fields) as (keyof typeof fields)[]).filter((k) => (fields[k] ?? null) !== (old[k] ?? null));
        const tagsChanged = tags !== undefined && tags.join('\u0001') !== [...old.tags].sort().join('\u0001');
        if (changed.length === 0 && !tagsChanged) {
          counts.unchanged++;
          continue;
        }
        if (changed.length) {
          const set = Object.fromEntries(changed.map((k) => [k, fields[k] ?? null]));
          await tx.updateTable('enterprises').set({ ...set, updated_at: new Date() }).where('id', '=', old.id).execute();
        }
        if (tagsChanged) {
          await tx.deleteFrom('enterprise_tags').where('enterprise_id', '=', old.id).execute();
          if (tags.length) await tx.insertInto('enterprise_tags').values(tags.map((tag) => ({ enterprise_id: old.id, tag }))).execute();
        }
        counts.updated++;
      }
    }

    // Indicators: the enterprise must be on file (or in this import).
    for (const chunk of chunks(indicators, 1000)) {
      const codes = [...new Set(chunk.map((r) => r.value.uscc))];
      const ids = new Map((await tx.selectFrom('enterprises').select(['id', 'uscc']).where('uscc', 'in', codes).execute()).map((e) => [e.uscc, e.id]));
      const existing = await tx
        .selectFrom('enterprise_indicators')
        .selectAll()
        // By enterprise only (the primary key's prefix): with the months too, the planner may scan every row of those months.
        .where('enterprise_id', 'in', ids.size ? [...ids.values()] : [-1])
        .execute();
      const old = new Map(existing.map((r) => [`${r.enterprise_id}|${r.month}`, r]));
      const fresh: Insertable<DB['enterprise_indicators']>[] = [];
      for (const r of chunk) {
        const id = ids.get(r.value.uscc);
        if (id === undefined) {
          refused++;
          errors.push({ sheet: r.sheet, row: r.row, field: '统一社会信用代码', reason: '企业不在企业库中，请先导入企业' });
          continue;
        }
        const { uscc: _code, month: m, ...values } = r.value;
        const prev = old.get(`${id}|${m}`);
        if (!prev) {
          fresh.push({ enterprise_id: id, month: m, ...values });
          continue;
        }
        const changed = (Object.keys(values) as IndicatorField[]).filter((k) => (values[k] ?? null) !== (prev[k] ?? null));
        if (changed.length === 0) {
          counts.unchanged++;
          continue;
        }
        await tx
          .updateTable('enterprise_indicators')
          .set(Object.fromEntries(changed.map((k) => [k, values[k] ?? null])))
          .where('enterprise_id', '=', id)
          .where('month', '=', m)
          .execute();
        counts.updated++;
      }
      if (fresh.length) await tx.insertInto('enterprise_indicators').values(fresh).execute();
      counts.inserted += fresh.length;
    }
  });

  errors.sort((a, b) => (a.sheet === b.sheet ? a.row - b.row : a.sheet < b.sheet ? -1 : 1));
  const kind = enterprises.length && indicators.length ? 'mixed' : enterprises.length ? 'enterprises' : indicators.length ? 'indicators' : rowCount ? 'mixed' : 'empty';
  return { kind, rows: rowCount, ...counts, refused, errors };
}

function* chunks<T>(items: T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/** The refused rows as a workbook the user can correct from. */
export async function errorWorkbook(errors: RowError[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('导入错误', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: '工作表', width: 16 },
    { header: '行号', width: 8 },
    { header: '字段', width: 20 },
    { header: '原因', width: 60 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const e of errors) ws.addRow([e.sheet, e.row, e.field, e.reason]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
