/**
 * The warning rules as pure functions over one enterprise's monthly series. The set-based SQL
 * in repository-hits.ts must give exactly the same answers (engine.test.ts checks it on generated data).
 *
 * Conventions shared by both paths:
 * - `month` is the month evaluated ('YYYY-MM-01'); only the 24 months ending there are looked at.
 * - a month without a row, or with a null value, is a missing value;
 * - a change is (current − baseline) ÷ baseline × 100, computed only when the baseline is > 0.
 * A stop in reporting fires once (in its m-th month); a fall fires every month it persists;
 * an address outside the district fires once per enterprise (service.ts skips the known ones).
 */
import { z } from 'zod';
import type { IndicatorName, WarningRuleKind } from '../../platform/db/schema-warnings.ts';
import { addMonths } from '../calendar/working-days.ts';
import { INDICATOR_UNITS } from './rule-fields.ts';

export const INDICATORS = [
  'output',
  'value_added',
  'fixed_investment',
  'tax',
  'employees',
  'electricity',
  'water',
  'gas',
] as const satisfies readonly IndicatorName[];
export const RULE_KINDS = [
  'yoy_drop',
  'rolling_drop',
  'consecutive_decline',
  'missing',
  'relocation_address',
  'relocation_power',
] as const satisfies readonly WarningRuleKind[];
export const WINDOW_MONTHS = 24;

export const INDICATOR_LABELS: Record<IndicatorName, string> = {
  output: '产值',
  value_added: '增加值',
  fixed_investment: '固定资产投资',
  tax: '税收',
  employees: '从业人数',
  electricity: '用电量',
  water: '用水量',
  gas: '用气量',
};

const pct = z.number().positive().max(100);
const months = z.number().int().min(1).max(12);
/** Parameters of each kind; the administrator edits them as JSON. */
export const paramSchemas = {
  yoy_drop: z.object({ threshold: pct }),
  rolling_drop: z.object({ months, threshold: pct }),
  consecutive_decline: z.object({ count: z.number().int().min(2).max(12) }),
  missing: z.object({ months }),
  relocation_address: z.object({}),
  relocation_power: z.object({ months, electricityDrop: pct, outputBand: z.number().min(0).max(100) }),
} satisfies Record<WarningRuleKind, z.ZodType>;

export type RuleParams = { [K in WarningRuleKind]: z.infer<(typeof paramSchemas)[K]> };
/** Kinds that look at one indicator (the others fix their own). */
export const NEEDS_INDICATOR: Record<WarningRuleKind, boolean> = {
  yoy_drop: true,
  rolling_drop: true,
  consecutive_decline: true,
  missing: true,
  relocation_address: false,
  relocation_power: false,
};

export type Rule = { id: number; indicator: IndicatorName | null } & (
  | { kind: 'yoy_drop'; params: RuleParams['yoy_drop'] }
  | { kind: 'rolling_drop'; params: RuleParams['rolling_drop'] }
  | { kind: 'consecutive_decline'; params: RuleParams['consecutive_decline'] }
  | { kind: 'missing'; params: RuleParams['missing'] }
  | { kind: 'relocation_address'; params: RuleParams['relocation_address'] }
  | { kind: 'relocation_power'; params: RuleParams['relocation_power'] }
);

export type IndicatorRow = { month: string } & Partial<Record<IndicatorName, number | null>>;

export interface EnterpriseState {
  status: 'active' | 'moved_out' | 'deregistered';
  streetId: number | null;
}

/** What a rule found: `value` is the figure it judged (a change in %, a count); current/baseline explain it. */
export interface Hit {
  value: number | null;
  current: number | null;
  baseline: number | null;
}

function change(current: number, baseline: number): number {
  return ((current - baseline) / baseline) * 100;
}

/** Reads one indicator by month from the rows in the window. */
function reader(rows: readonly IndicatorRow[], indicator: IndicatorName, month: string) {
  const from = addMonths(month, -(WINDOW_MONTHS - 1));
  const byMonth = new Map<string, number>();
  for (const r of rows) {
    const v = r[indicator];
    if (r.month >= from && r.month <= month && v !== null && v !== undefined) byMonth.set(r.month, v);
  }
  return {
    at: (offset: number): number | undefined => byMonth.get(addMonths(month, offset)),
    /** Mean of the n months before `month`, only when every one of them is present. */
    mean: (n: number): number | undefined => {
      let sum = 0;
      for (let i = n; i >= 1; i--) {
        const v = byMonth.get(addMonths(month, -i));
        if (v === undefined) return undefined;
        sum += v;
      }
      return sum / n;
    },
    lastReported: (): string | undefined => [...byMonth.keys()].sort().at(-1),
  };
}

export function evaluateRule(rule: Rule, month: string, rows: readonly IndicatorRow[], enterprise: EnterpriseState): Hit | null {
  if (enterprise.status === 'deregistered') return null;
  switch (rule.kind) {
    case 'relocation_address':
      return enterprise.status === 'moved_out' || enterprise.streetId === null ? { value: null, current: null, baseline: null } : null;
    case 'relocation_power': {
      const e = reader(rows, 'electricity', month);
      const o = reader(rows, 'output', month);
      const [ec, eb, oc, ob] = [e.at(0), e.mean(rule.params.months), o.at(0), o.mean(rule.params.months)];
      if (ec === undefined || eb === undefined || oc === undefined || ob === undefined || !(eb > 0) || !(ob > 0)) return null;
      const ed = change(ec, eb);
      const od = change(oc, ob);
      return ed < -rule.params.electricityDrop && Math.abs(od) <= rule.params.outputBand ? { value: ed, current: ec, baseline: eb } : null;
    }
  }
  const s = reader(rows, rule.indicator!, month);
  switch (rule.kind) {
    case 'yoy_drop': {
      const [c, b] = [s.at(0), s.at(-12)];
      if (c === undefined || b === undefined || !(b > 0)) return null;
      const d = change(c, b);
      return d <= -rule.params.threshold ? { value: d, current: c, baseline: b } : null;
    }
    case 'rolling_drop': {
      const [c, b] = [s.at(0), s.mean(rule.params.months)];
      if (c === undefined || b === undefined || !(b > 0)) return null;
      const d = change(c, b);
      return d <= -rule.params.threshold ? { value: d, current: c, baseline: b } : null;
    }
    case 'consecutive_decline': {
      const k = rule.params.count;
      for (let i = 0; i < k; i++) {
        const [c, p] = [s.at(-i), s.at(-i - 1)];
        if (c === undefined || p === undefined || !(c < p)) return null;
      }
      const [c, b] = [s.at(0)!, s.at(-k)!];
      return { value: b > 0 ? change(c, b) : null, current: c, baseline: b };
    }
    case 'missing': {
      // Reported m months ago and not since: fires once, in the m-th month of silence.
      if (s.lastReported() !== addMonths(month, -rule.params.months)) return null;
      return { value: rule.params.months, current: null, baseline: null };
    }
  }
}

const fmt = (n: number | null) => (n === null ? '—' : Number.isInteger(n) ? String(n) : n.toFixed(2));
const ym = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;

/** The sentence shown with a warning, built alike for both evaluation paths; every figure carries its unit. */
export function explain(rule: Rule, month: string, hit: Hit): string {
  const label = rule.indicator ? INDICATOR_LABELS[rule.indicator] : '';
  // A figure of the rule's indicator with its unit: "70 万元"; a missing one stays a bare dash.
  const qty = (n: number | null, unit = rule.indicator ? INDICATOR_UNITS[rule.indicator] : '') => (n === null ? '—' : `${fmt(n)} ${unit}`);
  switch (rule.kind) {
    case 'yoy_drop':
      return `${ym(month)}${label} ${qty(hit.current)}，上年同月 ${qty(hit.baseline)}，同比下降 ${fmt(-hit.value!)}%（阈值 ${rule.params.threshold}%）`;
    case 'rolling_drop':
      return `${ym(month)}${label} ${qty(hit.current)}，前 ${rule.params.months} 个月均值 ${qty(hit.baseline)}，下降 ${fmt(-hit.value!)}%（阈值 ${rule.params.threshold}%）`;
    case 'consecutive_decline':
      return `${label}连续 ${rule.params.count} 个月下降：由 ${qty(hit.baseline)} 降至 ${ym(month)}的 ${qty(hit.current)}${hit.value === null ? '' : `（累计 ${fmt(hit.value)}%）`}`;
    case 'missing':
      return `${label}截至${ym(month)}已连续 ${rule.params.months} 个月未报送`;
    case 'relocation_address':
      return '注册地址已迁出本区或不在本区街道（外迁风险）';
    case 'relocation_power': {
      const kwh = INDICATOR_UNITS.electricity;
      return `${ym(month)}用电量 ${qty(hit.current, kwh)}，较前 ${rule.params.months} 个月均值 ${qty(hit.baseline, kwh)} 下降 ${fmt(-hit.value!)}%，而产值变化在 ±${rule.params.outputBand}% 以内（疑似外迁）`;
    }
  }
}

/** Parses a stored rule row; a row whose parameters do not fit its kind is an error. */
export function toRule(row: { id: number; kind: WarningRuleKind; indicator: IndicatorName | null; params: unknown }): Rule {
  const params: unknown = paramSchemas[row.kind].parse(typeof row.params === 'string' ? JSON.parse(row.params) : row.params);
  return { id: row.id, kind: row.kind, indicator: row.indicator, params } as Rule;
}
