import type { Scale } from '../../platform/db/schema.ts';
import { halfWidth } from '../../platform/half-width.ts';
import { validateUscc } from '../enterprises/uscc.ts';
import type { RowError } from './import.ts';

/** Turning the cells of an import file into checked values, for import.ts (reading is in import-read.ts). */
export type Cell = string | number | Date | FormulaWithoutValue | null;

/**
 * A formula cell the file holds no calculated result for (written by a program, never opened and
 * saved in Excel): its value cannot be known, so the cell is refused saying so.
 */
export class FormulaWithoutValue {
  constructor(readonly formula: string) {}
}

/** A cell as the report carries it back to the user (the refused-rows workbook): a formula as its text. */
export type SourceCell = string | number | null;
export function sourceCell(v: Cell | undefined): SourceCell {
  if (v === null || v === undefined || typeof v === 'number' || typeof v === 'string') return v ?? null;
  return text(v);
}

// ——— columns ———

type EnterpriseField =
  | 'uscc'
  | 'name'
  | 'legal_representative'
  | 'address'
  | 'phone'
  | 'industry_code'
  | 'street'
  | 'scale'
  | 'founded_on'
  | 'registered_capital'
  | 'tags';
export type IndicatorField = 'output' | 'value_added' | 'fixed_investment' | 'tax' | 'employees' | 'electricity' | 'water' | 'gas';
export type Field = EnterpriseField | IndicatorField | 'month';

/** Header names accepted for each field (Chinese or the API's English name). */
const HEADERS: Record<Field, string[]> = {
  uscc: ['统一社会信用代码', '信用代码', 'uscc'],
  name: ['企业名称', '名称', 'name'],
  legal_representative: ['法定代表人', '法人代表', 'legal_representative', 'legalRepresentative'],
  address: ['地址', '注册地址', '经营地址', 'address'],
  phone: ['联系电话', '电话', 'phone'],
  industry_code: ['行业代码', '国民经济行业代码', 'industry_code', 'industryCode'],
  street: ['所属街道', '街道', 'street'],
  scale: ['规模', '企业规模', 'scale'],
  founded_on: ['成立日期', 'founded_on', 'foundedOn'],
  registered_capital: ['注册资本', 'registered_capital', 'registeredCapital'],
  tags: ['标签', 'tags'],
  month: ['月份', 'month'],
  output: ['产值', '工业总产值', 'output'],
  value_added: ['增加值', 'value_added', 'valueAdded'],
  fixed_investment: ['固定资产投资', 'fixed_investment', 'fixedInvestment'],
  tax: ['税收', '纳税额', 'tax'],
  employees: ['从业人员', '从业人数', 'employees'],
  electricity: ['用电量', 'electricity'],
  water: ['用水量', 'water'],
  gas: ['用气量', 'gas'],
};

/** Units a header may name, e.g. 产值（万元）, and the factor to the stored unit. */
const UNITS: Partial<Record<Field, Record<string, number>>> = {
  registered_capital: { 万元: 1, 元: 1e-4 },
  output: { 万元: 1, 元: 1e-4, 亿元: 1e4 },
  value_added: { 万元: 1, 元: 1e-4, 亿元: 1e4 },
  fixed_investment: { 万元: 1, 元: 1e-4, 亿元: 1e4 },
  tax: { 万元: 1, 元: 1e-4, 亿元: 1e4 },
  employees: { 人: 1 },
  electricity: { kwh: 1, 千瓦时: 1, 度: 1, 万千瓦时: 1e4, 万kwh: 1e4 },
  water: { t: 1, 吨: 1, 立方米: 1, m3: 1, 'm³': 1, 万吨: 1e4 },
  gas: { 'm³': 1, m3: 1, 立方米: 1, 万立方米: 1e4 },
};

export const INDICATOR_FIELDS: IndicatorField[] = [
  'output',
  'value_added',
  'fixed_investment',
  'tax',
  'employees',
  'electricity',
  'water',
  'gas',
];
const byHeader = new Map<string, Field>();
for (const [field, names] of Object.entries(HEADERS) as [Field, string[]][]) for (const n of names) byHeader.set(n.toLowerCase(), field);

export interface Column {
  index: number;
  field: Field;
  factor: number;
}

export function parseHeader(cells: Cell[], sheet: string, row: number, errors: RowError[]): Column[] {
  const cols: Column[] = [];
  cells.forEach((c, index) => {
    const raw = String(c ?? '').trim();
    if (!raw) return;
    const m = /^(.*?)\s*[（(]\s*([^)）]*)\s*[)）]\s*$/.exec(raw);
    const name = (m ? m[1]! : raw).trim().replace(/^\*/, '');
    const unit = m ? m[2]!.trim() : undefined;
    const field = byHeader.get(name.toLowerCase());
    if (!field) return; // unknown columns are ignored
    let factor = 1;
    if (unit !== undefined) {
      const units = UNITS[field];
      const f = units?.[unit.toLowerCase()] ?? units?.[unit];
      if (f === undefined) {
        errors.push({ sheet, row, field: raw, reason: `单位“${unit}”不受支持${units ? `，可用：${Object.keys(units).join('、')}` : ''}` });
        return;
      }
      factor = f;
    }
    if (cols.some((x) => x.field === field)) {
      errors.push({ sheet, row, field: raw, reason: '列重复' });
      return;
    }
    cols.push({ index, field, factor });
  });
  return cols;
}

// ——— values ———

export class Refusal extends Error {
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(reason);
  }
}

export const HEADER_LABEL = (f: Field) => HEADERS[f][0]!;
export function text(v: Cell): string {
  if (v === null) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (v instanceof FormulaWithoutValue) return `=${v.formula}`;
  return String(v).trim();
}

/** A code, date, number or choice as typed: full-width digits and letters read as ASCII. */
export function plain(v: Cell): string {
  return halfWidth(text(v)).trim();
}

/** Refuses a formula without a calculated result, before any check reads the cell as text. */
export function calculated(v: Cell, f: Field): Exclude<Cell, FormulaWithoutValue> {
  if (v instanceof FormulaWithoutValue)
    throw new Refusal(
      HEADER_LABEL(f),
      `单元格是公式${v.formula ? `（=${v.formula}）` : ''}，但文件中没有它的计算结果：请在 Excel 中打开并保存后再导入`,
    );
  return v;
}

export function num(v: Cell, f: Field, factor: number, integer = false): number | null {
  const s = plain(v).replace(/[,，\s]/g, '');
  if (s === '') return null;
  const n = typeof v === 'number' ? v : Number(s);
  if (!Number.isFinite(n)) throw new Refusal(HEADER_LABEL(f), `“${s}”不是数字`);
  if (n < 0) throw new Refusal(HEADER_LABEL(f), '不能为负数');
  const value = n * factor;
  if (integer && !Number.isInteger(value)) throw new Refusal(HEADER_LABEL(f), `“${s}”应为整数`);
  return factor === 1 ? value : Math.round(value * 1e6) / 1e6;
}

function isoDate(y: number, m: number, d: number): string | undefined {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return undefined;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** An Excel serial day number (a date cell without a date format: 46235 is 2026-08-01) as a UTC date. */
function serialDay(v: Cell): Date | undefined {
  return typeof v === 'number' && v > 1000 && v < 100000 ? new Date(Date.UTC(1899, 11, 30) + Math.floor(v) * 86400000) : undefined;
}

/** A calendar date from 2024-05-01, 2024/5/1, 2024年5月1日, 20240501, an Excel date or serial number. */
export function date(v: Cell, f: Field): string | null {
  if (v === null || text(v) === '') return null;
  let out: string | undefined;
  const serial = serialDay(v);
  if (v instanceof Date) out = isoDate(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate());
  else if (serial) out = isoDate(serial.getUTCFullYear(), serial.getUTCMonth() + 1, serial.getUTCDate());
  else {
    const m = /^(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})日?$/.exec(plain(v));
    if (m) out = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  }
  if (!out) throw new Refusal(HEADER_LABEL(f), `“${text(v)}”不是有效日期（如 2024-05-01）`);
  if (out > new Date().toISOString().slice(0, 10)) throw new Refusal(HEADER_LABEL(f), '日期不能晚于今天');
  if (out < '1900-01-01') throw new Refusal(HEADER_LABEL(f), '日期过早');
  return out;
}

/** A month as its first day: 2024-05, 2024/5, 2024年5月, 202405, or a date (an Excel date or serial number). */
export function month(v: Cell): string {
  const f: Field = 'month';
  let out: string | undefined;
  const day = v instanceof Date ? v : serialDay(v);
  if (day) out = isoDate(day.getUTCFullYear(), day.getUTCMonth() + 1, 1);
  else {
    const s = plain(v);
    const m = /^(\d{4})[-/.年]?(\d{1,2})月?(?:[-/.]0?1日?)?$/.exec(s);
    if (m) out = isoDate(Number(m[1]), Number(m[2]), 1);
  }
  if (!out) throw new Refusal(HEADER_LABEL(f), v === null || text(v) === '' ? '月份不能为空' : `“${text(v)}”不是有效月份（如 2024-05）`);
  if (out > new Date().toISOString().slice(0, 10)) throw new Refusal(HEADER_LABEL(f), '月份不能晚于本月');
  return out;
}

export const SCALES: Record<string, Scale> = {
  大型: 'large',
  中型: 'medium',
  小型: 'small',
  微型: 'micro',
  large: 'large',
  medium: 'medium',
  small: 'small',
  micro: 'micro',
  大: 'large',
  中: 'medium',
  小: 'small',
  微: 'micro',
};

export interface EnterpriseRow {
  uscc: string;
  name: string;
  legal_representative?: string | null;
  address?: string | null;
  phone?: string | null;
  industry_code: string;
  street_id?: number | null;
  scale: Scale;
  founded_on?: string | null;
  registered_capital?: number | null;
  tags?: string[];
}

export type IndicatorRow = { uscc: string; month: string } & Partial<Record<IndicatorField, number | null>>;

export function uscc(v: Cell): string {
  const s = text(v);
  if (!s) throw new Refusal(HEADER_LABEL('uscc'), '统一社会信用代码不能为空');
  const r = validateUscc(s);
  if (!r.valid) throw new Refusal(HEADER_LABEL('uscc'), r.reason);
  return r.normalized;
}

// ——— the import ———

export interface ValidRow<T> {
  sheet: string;
  row: number;
  value: T;
  /** The row as read, for the refused-rows workbook should the writer refuse it. */
  cells: SourceCell[];
}
