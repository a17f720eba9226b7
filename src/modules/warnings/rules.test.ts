import { describe, expect, it } from 'vitest';
import { addMonths } from '../calendar/working-days.ts';
import { evaluateRule, explain, paramSchemas, RULE_KINDS, type IndicatorRow, type Rule } from './rules.ts';
import { PARAM_FIELDS } from './rule-fields.ts';

const M = '2024-12-01';
const active = { status: 'active' as const, streetId: 1 };
/** Rows from a list of values ending at M (oldest first); null = row with a null value, undefined = no row. */
function rows(
  indicator: 'output' | 'electricity',
  values: (number | null | undefined)[],
  extra?: Partial<Record<'output' | 'electricity', (number | null)[]>>,
): IndicatorRow[] {
  const out: IndicatorRow[] = [];
  values.forEach((v, i) => {
    if (v === undefined) return;
    const month = addMonths(M, i - values.length + 1);
    const r: IndicatorRow = { month, [indicator]: v };
    for (const [k, vs] of Object.entries(extra ?? {})) r[k as 'output'] = vs[i] ?? null;
    out.push(r);
  });
  return out;
}
const rule = (r: Omit<Rule, 'id'>): Rule => ({ id: 1, ...r }) as Rule;

describe('months', () => {
  it('adds and subtracts across years', () => {
    expect(addMonths('2024-01-01', -1)).toBe('2023-12-01');
    expect(addMonths('2024-12-01', 1)).toBe('2025-01-01');
    expect(addMonths('2024-03-01', -27)).toBe('2021-12-01');
  });
});

describe('yoy_drop (同比下降)', () => {
  const r = rule({ kind: 'yoy_drop', indicator: 'output', params: { threshold: 30 } });
  const series = (last: number | undefined, yearAgo: number | undefined) => rows('output', [yearAgo, ...Array<number>(11).fill(100), last]);
  it('fires at exactly the threshold and gives the change', () => {
    expect(evaluateRule(r, M, series(70, 100), active)).toEqual({ value: -30, current: 70, baseline: 100 });
    expect(evaluateRule(r, M, series(71, 100), active)).toBeNull();
  });
  it('needs both months and a positive baseline', () => {
    expect(evaluateRule(r, M, series(undefined, 100), active)).toBeNull();
    expect(evaluateRule(r, M, series(10, undefined), active)).toBeNull();
    expect(evaluateRule(r, M, series(-10, 0), active)).toBeNull();
  });
  it('never fires for a deregistered enterprise', () => {
    expect(evaluateRule(r, M, series(10, 100), { status: 'deregistered', streetId: 1 })).toBeNull();
  });
  it('explains itself in Chinese, every figure with its unit', () => {
    expect(explain(r, M, { value: -30, current: 70, baseline: 100 })).toBe(
      '2024年12月产值 70 万元，上年同月 100 万元，同比下降 30%（阈值 30%）',
    );
    const staff = rule({ kind: 'consecutive_decline', indicator: 'employees', params: { count: 3 } });
    expect(explain(staff, M, { value: -10, current: 90, baseline: 100 })).toBe(
      '从业人数连续 3 个月下降：由 100 人 降至 2024年12月的 90 人（累计 -10%）',
    );
    const power = rule({ kind: 'relocation_power', indicator: null, params: { months: 3, electricityDrop: 50, outputBand: 15 } });
    expect(explain(power, M, { value: -60, current: 400, baseline: 1000 })).toContain(
      '用电量 400 千瓦时，较前 3 个月均值 1000 千瓦时 下降 60%',
    );
  });
});

describe('rolling_drop (较前 N 月均值下降)', () => {
  const r = rule({ kind: 'rolling_drop', indicator: 'output', params: { months: 3, threshold: 40 } });
  it('compares with the mean of the N months before', () => {
    expect(evaluateRule(r, M, rows('output', [90, 100, 110, 60]), active)).toEqual({ value: -40, current: 60, baseline: 100 });
    expect(evaluateRule(r, M, rows('output', [90, 100, 110, 61]), active)).toBeNull();
  });
  it('needs every one of the N months', () => {
    expect(evaluateRule(r, M, rows('output', [90, null, 110, 10]), active)).toBeNull();
    expect(evaluateRule(r, M, rows('output', [90, undefined, 110, 10]), active)).toBeNull();
  });
});

describe('consecutive_decline (连续 k 月下降)', () => {
  const r = rule({ kind: 'consecutive_decline', indicator: 'output', params: { count: 3 } });
  it('fires after k strict declines and gives the total change', () => {
    expect(evaluateRule(r, M, rows('output', [100, 90, 80, 75]), active)).toEqual({ value: -25, current: 75, baseline: 100 });
  });
  it('does not fire on a flat month, a rise or a gap', () => {
    expect(evaluateRule(r, M, rows('output', [100, 90, 90, 75]), active)).toBeNull();
    expect(evaluateRule(r, M, rows('output', [100, 90, 95, 75]), active)).toBeNull();
    expect(evaluateRule(r, M, rows('output', [100, undefined, 80, 75]), active)).toBeNull();
    expect(evaluateRule(r, M, rows('output', [90, 80, 75]), active)).toBeNull();
  });
});

describe('missing (连续 m 月未报送)', () => {
  const r = rule({ kind: 'missing', indicator: 'electricity', params: { months: 3 } });
  it('fires in the m-th month without a report, once', () => {
    expect(evaluateRule(r, M, rows('electricity', [5, 5, undefined, null, undefined]), active)).toEqual({
      value: 3,
      current: null,
      baseline: null,
    });
    expect(evaluateRule(r, M, rows('electricity', [5, 5, 5, null, undefined]), active)).toBeNull();
    // A month later the stop is already known.
    expect(evaluateRule(r, M, rows('electricity', [5, undefined, undefined, null, undefined]), active)).toBeNull();
  });
  it('ignores enterprises that never reported within 24 months', () => {
    expect(evaluateRule(r, M, [], active)).toBeNull();
    expect(evaluateRule(r, M, [{ month: addMonths(M, -24), electricity: 5 }], active)).toBeNull();
  });
});

describe('relocation_address (注册地址迁出)', () => {
  const r = rule({ kind: 'relocation_address', indicator: null, params: {} });
  it('fires for moved-out enterprises and those without a street of the district', () => {
    expect(evaluateRule(r, M, [], { status: 'moved_out', streetId: 3 })).not.toBeNull();
    expect(evaluateRule(r, M, [], { status: 'active', streetId: null })).not.toBeNull();
    expect(evaluateRule(r, M, [], active)).toBeNull();
  });
});

describe('relocation_power (用电骤降而产值平稳)', () => {
  const r = rule({ kind: 'relocation_power', indicator: null, params: { months: 3, electricityDrop: 50, outputBand: 10 } });
  const s = (kwh: number, out: number) => rows('electricity', [1000, 1000, 1000, kwh], { output: [100, 100, 100, out] });
  it('fires when electricity falls by more than x% while output stays within ±y%', () => {
    expect(evaluateRule(r, M, s(400, 95), active)).toEqual({ value: -60, current: 400, baseline: 1000 });
    expect(evaluateRule(r, M, s(400, 110), active)).not.toBeNull();
  });
  it('not at exactly x%, nor when output moved too', () => {
    expect(evaluateRule(r, M, s(500, 100), active)).toBeNull();
    expect(evaluateRule(r, M, s(400, 89), active)).toBeNull();
    expect(evaluateRule(r, M, s(400, 111), active)).toBeNull();
  });
});

describe("the form's parameter fields (rule-fields.ts)", () => {
  it("agree with the server's schemas: every key, its bounds and whole numbers", () => {
    for (const kind of RULE_KINDS) {
      const fields = PARAM_FIELDS[kind];
      const at = (over: Record<string, number>) => Object.fromEntries(fields.map((f) => [f.key, over[f.key] ?? f.max]));
      expect(paramSchemas[kind].safeParse(at({})).success, kind).toBe(true);
      for (const f of fields) {
        expect(paramSchemas[kind].safeParse(at({ [f.key]: f.max + 1 })).success, `${kind}.${f.key} above max`).toBe(false);
        expect(paramSchemas[kind].safeParse(at({ [f.key]: f.min })).success, `${kind}.${f.key} at min`).toBe(!f.exclusiveMin);
        expect(paramSchemas[kind].safeParse(at({ [f.key]: f.min - 1 })).success, `${kind}.${f.key} below min`).toBe(false);
        if (f.integer) expect(paramSchemas[kind].safeParse(at({ [f.key]: f.min + 0.5 })).success).toBe(false);
        const without = at({});
        delete without[f.key];
        expect(paramSchemas[kind].safeParse(without).success, `${kind} without ${f.key}`).toBe(false);
      }
    }
  });
});
