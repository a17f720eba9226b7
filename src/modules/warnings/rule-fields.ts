/**
 * What each warning rule's parameters mean, for the form that edits them and for the sentences
 * that explain a warning: the field, its unit and its bounds. Pure (no zod), so the web imports
 * it through @server; rules.ts keeps the zod schemas the server checks with, and
 * rules.test.ts checks that the two agree.
 */
import type { IndicatorName, WarningRuleKind } from '../../platform/db/schema-warnings.ts';

export type ParamKey = 'threshold' | 'months' | 'count' | 'electricityDrop' | 'outputBand';

export interface ParamField {
  key: ParamKey;
  min: number;
  /** The minimum itself is refused (a fall of 0 % is no fall). */
  exclusiveMin: boolean;
  max: number;
  /** Whole numbers only (months, counts). */
  integer: boolean;
  /** Shown after the number: '%' or '个月'. */
  unit: '%' | '个月';
}

const threshold: ParamField = { key: 'threshold', min: 0, exclusiveMin: true, max: 100, integer: false, unit: '%' };
const months: ParamField = { key: 'months', min: 1, exclusiveMin: false, max: 12, integer: true, unit: '个月' };

export const PARAM_FIELDS: Record<WarningRuleKind, readonly ParamField[]> = {
  yoy_drop: [threshold],
  rolling_drop: [months, threshold],
  consecutive_decline: [{ key: 'count', min: 2, exclusiveMin: false, max: 12, integer: true, unit: '个月' }],
  missing: [months],
  relocation_address: [],
  relocation_power: [
    months,
    { key: 'electricityDrop', min: 0, exclusiveMin: true, max: 100, integer: false, unit: '%' },
    { key: 'outputBand', min: 0, exclusiveMin: false, max: 100, integer: false, unit: '%' },
  ],
};

/** The unit each indicator is stored in (the import converts 元, 亿元, 万千瓦时… to these). */
export const INDICATOR_UNITS: Record<IndicatorName, string> = {
  output: '万元',
  value_added: '万元',
  fixed_investment: '万元',
  tax: '万元',
  employees: '人',
  electricity: '千瓦时',
  water: '吨',
  gas: '立方米',
};
