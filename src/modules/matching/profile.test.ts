import { describe, expect, it } from 'vitest';
import { displayNumber, growthPercent, money, percentOf, roundHalfUp } from './decimal.ts';
import { evaluate, outcomeOf } from './evaluate.ts';
import { explain, explainEnterprise } from './explanation.ts';
import type { Notes } from './profile-notes.ts';
import { buildProfile, insuredMonths } from './profile.ts';
import { ALL_MONTHS, monthIndex, type EnterpriseRecord, type MonthlyYear } from './record.ts';
import type { Rule } from './rule.ts';

const AS_OF = '2026-12-07';
const LY = 2025;
const NOW = monthIndex(AS_OF);

const year = (mask: number, perMonth = 100): MonthlyYear => {
  let months = 0;
  for (let m = 0; m < 12; m++) if (mask & (1 << m)) months++;
  return {
    output: perMonth * months,
    outputMask: mask,
    tax: months,
    taxMask: mask,
    fixedInvestment: 0,
    fixedInvestmentMask: mask,
  };
};

/** A record of an enterprise with whole years of reports and 36 months of staff; `over` replaces parts. */
function record(over: Partial<EnterpriseRecord> = {}): EnterpriseRecord {
  return {
    id: 1,
    industry_code: 'C39',
    street_code: 'XX',
    scale: 'small',
    tags: [],
    is_key: false,
    founded_on: '2015-06-18',
    registered_capital: 500,
    status: 'active',
    annual: new Map([
      [LY, { revenue: 277.64, rd_expense: 8.32, patents: 3 }],
      [LY - 1, { revenue: 200, rd_expense: 5, patents: 2 }],
    ]),
    monthly: new Map([
      [LY, year(ALL_MONTHS, 110)],
      [LY - 1, year(ALL_MONTHS, 100)],
    ]),
    latestStaff: { month: NOW - 1, employees: 20 },
    staffReported: 2 ** 36 - 2,
    staffed: 2 ** 36 - 2,
    ...over,
  };
}

const rdRule: Rule = { id: 'rd', field: 'rd_share', op: 'gte', value: 3, clause: '上年度研发费用占营业收入比重不低于3%' };

describe('exact values, rounded only for display', () => {
  it('compares the exact ratio with the threshold: 8.32 / 277.64 = 2.9967 % is not "不低于 3 %"', () => {
    const p = buildProfile(record(), AS_OF);
    expect(p.rd_share).toBeCloseTo(2.99669, 4);
    expect(outcomeOf(rdRule, p)).toBe('fail');
    // Shown with enough decimals to see why, never as a bare 3.00.
    const shown = explain(evaluate(rdRule, p), 1).conditions[0]!;
    expect(shown).toMatchObject({ held: p.rd_share, shown: 2.9967, outcome: 'fail' });
  });

  it('lands exactly on a threshold where doubles would not (57 / 100 × 100 is 57, not 56.99999999999999)', () => {
    expect(percentOf(57, 100)).toBe(57);
    expect(percentOf(0.07, 1)).toBe(7);
    expect(growthPercent(110, 100)).toBe(10);
    expect(growthPercent(1.1, 1)).toBe(10);
    const p = buildProfile(record({ annual: new Map([[LY, { revenue: 100, rd_expense: 57, patents: 0 }]]) }), AS_OF);
    expect(outcomeOf({ ...rdRule, value: 57 }, p)).toBe('pass');
    expect(outcomeOf({ ...rdRule, op: 'lte', value: 57 }, p)).toBe('pass');
  });

  it('reads a figure as the decimal it stands for (元 converted with 1e-4, sums of doubles)', () => {
    expect(money(12345.67 * 1e-4)).toBe(1.234567);
    expect(money(0.1 + 0.2)).toBe(0.3);
  });

  it('rounds half-up for display, on the decimal (21.875 → 21.88, 1.005 → 1.01, −2.675 → −2.68)', () => {
    expect(roundHalfUp(21.875, 2)).toBe(21.88);
    expect(roundHalfUp(1.005, 2)).toBe(1.01);
    expect(roundHalfUp(-2.675, 2)).toBe(-2.68);
    expect(roundHalfUp(2.5, 2)).toBe(2.5);
    expect(roundHalfUp(1e-7, 2)).toBe(0);
    expect(displayNumber(percentOf(17.5, 80), [20])).toBe(21.88);
    expect(displayNumber(2.99669, [3])).toBe(2.9967);
    expect(displayNumber(3.000001, [3])).toBe(3.000001);
  });
});

describe('monthly totals and the founding date', () => {
  it('takes a year whose twelve months are all reported, whatever the founding date says', () => {
    // Founded after the reports it already has: mid-last-year, and even this year.
    for (const founded of ['2025-06-10', '2026-03-01']) {
      const p = buildProfile(record({ founded_on: founded }), AS_OF);
      expect(p.output_last_year, founded).toBe(1320);
      expect(p.tax_last_year, founded).toBe(12);
    }
    // The year before is whole by its reports, so growth is known too.
    expect(buildProfile(record({ founded_on: '2025-06-10' }), AS_OF).output_growth).toBe(10);
  });

  it('needs every month from the founding month on; months before it count in the total', () => {
    const fromJune = ALL_MONTHS & ~0b11111;
    const p = buildProfile(record({ founded_on: '2025-06-10', monthly: new Map([[LY, year(fromJune | 0b1, 100)]]) }), AS_OF);
    expect(p.output_last_year).toBe(800);
    const notes: Notes = new Map();
    const gap = buildProfile(
      record({ founded_on: '2025-06-10', monthly: new Map([[LY, year(fromJune & ~(1 << 11), 100)]]) }),
      AS_OF,
      notes,
    );
    expect(gap.output_last_year).toBeNull();
    expect(notes.get('output_last_year')?.missing).toBe('2025年缺少 12月 的产值申报，全年合计无法得出');
    expect(notes.get('output_growth')?.missing).toBe('2025年缺少 12月 的产值申报，全年合计无法得出');
  });

  it('says which value is missing and why, and where each value comes from', () => {
    const notes: Notes = new Map();
    const rec = record({ founded_on: '2026-03-01', monthly: new Map([[LY, year(0b111, 100)]]) });
    const p = buildProfile(rec, AS_OF, notes);
    expect(p.output_last_year).toBeNull();
    expect(notes.get('output_last_year')).toEqual({
      source: '月度指标·产值，2025年1—12月合计（已报 3 个月）',
      missing: '企业成立于 2026-03-01，2025年尚未成立，该年产值只申报了 3 个月（缺 4月、5月、6月、7月、8月、9月、10月、11月、12月）',
    });
    expect(notes.get('rd_share')).toEqual({ source: '年度数据·研发费用 ÷ 营业收入，2025年度', missing: null });
    const e = explainEnterprise(
      evaluate({ id: 'out', field: 'output_last_year', op: 'gte', value: 100, clause: '上年度产值100万元以上' }, p),
      2,
      'active',
      notes,
    );
    expect(e.conditions[0]).toMatchObject({ label: '上年度产值', unit: '万元', held: null, missing: expect.stringContaining('尚未成立') });
  });
});

describe('months insured (连续参保月数)', () => {
  it('counts consecutive months with staff back from the latest report', () => {
    expect(insuredMonths(record(), AS_OF)).toBe(35);
    // No staff 13 months back: 12 months insured.
    expect(insuredMonths(record({ staffed: 2 ** 36 - 2 - 2 ** 13 }), AS_OF)).toBe(12);
    // A month not reported inside the run: unknown, unless it is before the founding month.
    expect(insuredMonths(record({ staffReported: 2 ** 36 - 2 - 2 ** 5 }), AS_OF)).toBeNull();
    expect(insuredMonths(record({ staffReported: 2 ** 5 - 2, staffed: 2 ** 5 - 2, founded_on: '2026-08-15' }), AS_OF)).toBe(4);
    expect(insuredMonths(record({ latestStaff: null, staffReported: 0, staffed: 0 }), AS_OF)).toBeNull();
  });
});

describe('enterprise status', () => {
  it('states that a moved-out or deregistered enterprise is out of scope, not eligible', () => {
    const rule: Rule = { id: 'age', field: 'age_years', op: 'gte', value: 1, clause: '注册满1年' };
    const p = buildProfile(record(), AS_OF);
    expect(explainEnterprise(evaluate(rule, p), 1, 'active', new Map())).toMatchObject({ eligibility: 'eligible', outOfScope: null });
    expect(explainEnterprise(evaluate(rule, p), 1, 'moved_out', new Map())).toMatchObject({
      eligibility: 'ineligible',
      status: 'moved_out',
      outOfScope: expect.stringContaining('迁出'),
    });
    expect(explainEnterprise(evaluate(rule, p), 1, 'deregistered', new Map()).outOfScope).toContain('注销');
  });
});
