import type { FieldKey, Profile } from './fields.ts';
import { ALL_MONTHS, hasBit, monthIndex, monthsFromFounding, type EnterpriseRecord, type MonthlyYear } from './record.ts';

/**
 * What an explanation says beside each profile value: where it came from (data source, field,
 * period) and, when the value is missing, why — in the words a policy officer or an enterprise
 * reads. Computed only for explanations, from the same record and the profile built from it.
 */
export interface Note {
  source: string;
  missing: string | null;
}
export type Notes = Map<FieldKey, Note>;

type Metric = 'output' | 'tax' | 'fixedInvestment';
const METRIC: Record<Metric, { name: string; mask: keyof MonthlyYear }> = {
  output: { name: '产值', mask: 'outputMask' },
  tax: { name: '纳税额', mask: 'taxMask' },
  fixedInvestment: { name: '固定资产投资', mask: 'fixedInvestmentMask' },
};

/** The months of a mask as '3月、7月'. */
function monthList(mask: number): string {
  const months: string[] = [];
  for (let m = 1; m <= 12; m++) if (mask & (1 << (m - 1))) months.push(`${m}月`);
  return months.join('、');
}

function countMonths(mask: number): number {
  let n = 0;
  for (let m = 0; m < 12; m++) if (mask & (1 << m)) n++;
  return n;
}
const monthName = (index: number): string => `${Math.floor(index / 12)}年${(index % 12) + 1}月`;

/** Why a year's total of `metric` is missing (profile.ts: yearComplete). */
function totalMissing(rec: EnterpriseRecord, year: number, metric: Metric): string {
  const { name, mask: key } = METRIC[metric];
  const m = rec.monthly.get(year);
  const mask = m ? (m[key] as number) : 0;
  const required = monthsFromFounding(year, rec.founded_on);
  if (required === 0) {
    const have = mask ? `只申报了 ${countMonths(mask)} 个月（缺 ${monthList(ALL_MONTHS & ~mask)}）` : `没有申报`;
    return `企业成立于 ${rec.founded_on}，${year}年尚未成立，该年${name}${have}`;
  }
  if (!mask) return `${year}年没有${name}申报`;
  return `${year}年缺少 ${monthList(required & ~mask)} 的${name}申报，全年合计无法得出`;
}

function growthMissing(rec: EnterpriseRecord, ly: number, metric: Metric, current: number | null): string {
  if (current === null) return totalMissing(rec, ly, metric);
  const { name, mask: key } = METRIC[metric];
  const before = rec.monthly.get(ly - 1);
  const mask = before ? (before[key] as number) : 0;
  if (mask !== ALL_MONTHS) {
    const founded = monthsFromFounding(ly - 1, rec.founded_on) !== ALL_MONTHS ? `（企业成立于 ${rec.founded_on}）` : '';
    return `${ly - 1}年${name}未报满12个月${founded}，缺 ${monthList(ALL_MONTHS & ~mask)}，无法计算同比`;
  }
  return `${ly - 1}年${name}为 0，无法计算增长率`;
}

function annualMissing(rec: EnterpriseRecord, year: number, field: 'revenue' | 'rd_expense' | 'patents'): string {
  const name = { revenue: '营业收入', rd_expense: '研发费用', patents: '有效发明专利数' }[field];
  return rec.annual.has(year) ? `${year}年度数据未填报${name}` : `年度数据中没有${year}年度的记录`;
}

function revenueGrowthMissing(rec: EnterpriseRecord, ly: number, revenue: number | null): string {
  if (revenue === null) return annualMissing(rec, ly, 'revenue');
  const before = rec.annual.get(ly - 1)?.revenue ?? null;
  if (before === null) return annualMissing(rec, ly - 1, 'revenue');
  if (before <= 0) return `${ly - 1}年度营业收入为 0，无法计算增长率`;
  return `企业成立于 ${rec.founded_on}，${ly - 1}年不满一整年，与${ly}年不可比`;
}

function insuredMissing(rec: EnterpriseRecord, asOf: string): string {
  if (!rec.latestStaff) return '近12个月没有从业人数申报';
  const now = monthIndex(asOf);
  let k = now - rec.latestStaff.month;
  while (hasBit(rec.staffReported, k)) k++;
  return `${monthName(now - k)}未申报从业人数，连续参保月数无法确定`;
}

/** Source and (when missing) reason for every field of `profile`, built from `rec` on `asOf`. */
export function fieldNotes(rec: EnterpriseRecord, asOf: string, profile: Profile): Record<FieldKey, Note> {
  const ly = Number(asOf.slice(0, 4)) - 1;
  const a = rec.annual.get(ly);
  const file = (what: string, missing: string) => ({ source: `企业档案·${what}`, missing });
  const annual = (what: string, missing: string) => ({ source: `年度数据·${what}，${ly}年度`, missing });
  const months = (metric: Metric) => {
    const mask = (rec.monthly.get(ly)?.[METRIC[metric].mask] as number | undefined) ?? 0;
    return {
      source: `月度指标·${METRIC[metric].name}，${ly}年1—12月合计（已报 ${countMonths(mask)} 个月）`,
      missing: totalMissing(rec, ly, metric),
    };
  };
  const growth = (metric: Metric, current: number | null) => ({
    source: `月度指标·${METRIC[metric].name}，${ly}年比${ly - 1}年`,
    missing: growthMissing(rec, ly, metric, current),
  });
  const latest = rec.latestStaff;
  const notes: Record<FieldKey, Note> = {
    industry: file('所属行业', '企业档案未登记所属行业'),
    street: file('所在街道', '企业档案未登记所在街道'),
    scale: file('企业规模', '企业档案未登记企业规模'),
    tags: file('企业标签', '企业档案没有标签记录'),
    is_key: file('重点企业', '企业档案未标明是否重点企业'),
    founded_on: file('成立日期', '企业档案未登记成立日期'),
    age_years: {
      source: `企业档案·成立日期${rec.founded_on ? ` ${rec.founded_on}` : ''}，算至 ${asOf}`,
      missing: rec.founded_on ? `成立日期 ${rec.founded_on} 晚于 ${asOf}` : '企业档案未登记成立日期',
    },
    registered_capital: file('注册资本', '企业档案未登记注册资本'),
    revenue_last_year: annual('营业收入', annualMissing(rec, ly, 'revenue')),
    revenue_growth: {
      source: `年度数据·营业收入，${ly}年度比${ly - 1}年度`,
      missing: revenueGrowthMissing(rec, ly, a?.revenue ?? null),
    },
    rd_expense_last_year: annual('研发费用', annualMissing(rec, ly, 'rd_expense')),
    rd_share: annual(
      '研发费用 ÷ 营业收入',
      a?.rd_expense === null || a?.rd_expense === undefined
        ? annualMissing(rec, ly, 'rd_expense')
        : a.revenue === null
          ? annualMissing(rec, ly, 'revenue')
          : `${ly}年度营业收入为 0，无法计算比重`,
    ),
    patents: annual('有效发明专利数', annualMissing(rec, ly, 'patents')),
    output_last_year: months('output'),
    output_growth: growth('output', profile.output_last_year as number | null),
    tax_last_year: months('tax'),
    tax_growth: growth('tax', profile.tax_last_year as number | null),
    fixed_investment_last_year: months('fixedInvestment'),
    employees: {
      source: `月度指标·从业人数，${latest ? monthName(latest.month) : '近12个月'}`,
      missing: '近12个月没有从业人数申报',
    },
    insured_months: {
      source: `月度指标·从业人数（参保职工），${latest ? `截至${monthName(latest.month)}` : '近12个月'}连续不少于1人的月数`,
      missing: insuredMissing(rec, asOf),
    },
  };
  for (const key of Object.keys(notes) as FieldKey[]) if (profile[key] !== null) notes[key] = { ...notes[key], missing: null };
  return notes;
}
