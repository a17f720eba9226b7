import type { Db } from '../../platform/db/index.ts';
import { shanghaiDate } from '../calendar/working-days.ts';
import { growthPercent, money, percentOf } from './decimal.ts';
import type { FieldKey, Profile } from './fields.ts';
import { fieldNotes, type Notes } from './profile-notes.ts';
import {
  ALL_MONTHS,
  hasBit,
  monthIndex,
  monthsFromFounding,
  yearComplete,
  type AnnualYear,
  type EnterpriseRecord,
  type MonthlyYear,
} from './record.ts';
import { fileRows, STAFF_MONTHS } from './repository-profile.ts';

/**
 * The profile (画像) a rule is evaluated against, computed from the enterprise file: the
 * enterprise row, its tags, its monthly indicators and its annual figures. "Last year" is the
 * calendar year before the evaluation date. A value is null when the file cannot give it, so
 * that a rule asking for it is "unknown" rather than failed. Values are exact (ratios from the
 * decimals the figures were written as, decimal.ts); only explanations round, for display.
 *
 * Monthly totals and the founding date: a year's total is known when every month from the founding
 * month (January for an enterprise founded earlier, or of unknown founding date) to December was
 * reported — or when all twelve were, whatever the founding date says. Months reported before the
 * registered founding date count in the total: the enterprise declared them (a business carried
 * over from a predecessor, a founding date entered late), and leaving them out would understate the
 * year. A growth rate needs the year before complete over all twelve months.
 */

/** Today in Asia/Shanghai, the district's calendar. */
export function today(): string {
  return shanghaiDate(new Date());
}

type Metric = 'output' | 'tax' | 'fixedInvestment';
const MASK = { output: 'outputMask', tax: 'taxMask', fixedInvestment: 'fixedInvestmentMask' } as const;

function yearTotal(rec: EnterpriseRecord, year: number, metric: Metric): number | null {
  const m = rec.monthly.get(year);
  return m && yearComplete(m[MASK[metric]], year, rec.founded_on) ? m[metric] : null;
}

/** Growth of `metric` in last year over the year before, which must be reported in full. */
function monthlyGrowth(rec: EnterpriseRecord, ly: number, metric: Metric): number | null {
  const current = yearTotal(rec, ly, metric);
  const before = rec.monthly.get(ly - 1);
  if (current === null || !before || before[MASK[metric]] !== ALL_MONTHS || before[metric] <= 0) return null;
  return growthPercent(current, before[metric]);
}

/** Whether the enterprise existed all through `year`: founded earlier, or reported every month of it. */
function wholeYear(rec: EnterpriseRecord, year: number): boolean {
  const m = rec.monthly.get(year);
  return (
    monthsFromFounding(year, rec.founded_on) === ALL_MONTHS ||
    (!!m && [m.outputMask, m.taxMask, m.fixedInvestmentMask].includes(ALL_MONTHS))
  );
}

function completedYears(from: string, to: string): number {
  let years = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  if (to.slice(5) < from.slice(5)) years -= 1;
  return Math.max(0, years);
}

/**
 * Months insured (连续参保月数): the monthly employees are the staff insured in the district, so an
 * enterprise has paid unemployment insurance for the run of consecutive months, back from its latest
 * report within the year, that report at least one employee. The run ends at a month with none, or
 * at an unreported month before the founding month; an unreported month after it leaves the length
 * unknown (null). Counted up to STAFF_MONTHS months.
 */
export function insuredMonths(rec: EnterpriseRecord, asOf: string): number | null {
  if (!rec.latestStaff) return null;
  const now = monthIndex(asOf);
  const founded = rec.founded_on ? monthIndex(rec.founded_on) : null;
  let run = 0;
  for (let k = now - rec.latestStaff.month; k < STAFF_MONTHS; k++) {
    if (!hasBit(rec.staffReported, k)) return founded !== null && now - k < founded ? run : null;
    if (!hasBit(rec.staffed, k)) return run;
    run++;
  }
  return run;
}

/** The profile of one enterprise on `asOf`; `notes`, when given, collects each value's source and why it is missing. */
export function buildProfile(rec: EnterpriseRecord, asOf: string, notes?: Notes): Profile {
  const ly = Number(asOf.slice(0, 4)) - 1;
  const a = rec.annual.get(ly);
  const a0 = rec.annual.get(ly - 1);
  const revenue = a?.revenue ?? null;
  const rd = a?.rd_expense ?? null;
  const revenue0 = a0?.revenue ?? null;
  const profile: Profile = {
    industry: rec.industry_code,
    street: rec.street_code,
    scale: rec.scale,
    tags: [...rec.tags].sort(),
    is_key: rec.is_key,
    founded_on: rec.founded_on,
    age_years: rec.founded_on && rec.founded_on <= asOf ? completedYears(rec.founded_on, asOf) : null,
    registered_capital: rec.registered_capital,
    revenue_last_year: revenue,
    revenue_growth:
      revenue !== null && revenue0 !== null && revenue0 > 0 && wholeYear(rec, ly - 1) ? growthPercent(revenue, revenue0) : null,
    rd_expense_last_year: rd,
    rd_share: rd !== null && revenue !== null && revenue > 0 ? percentOf(rd, revenue) : null,
    patents: a?.patents ?? null,
    output_last_year: yearTotal(rec, ly, 'output'),
    output_growth: monthlyGrowth(rec, ly, 'output'),
    tax_last_year: yearTotal(rec, ly, 'tax'),
    tax_growth: monthlyGrowth(rec, ly, 'tax'),
    fixed_investment_last_year: yearTotal(rec, ly, 'fixedInvestment'),
    employees: rec.latestStaff?.employees ?? null,
    insured_months: insuredMonths(rec, asOf),
  };
  if (notes) for (const [field, note] of Object.entries(fieldNotes(rec, asOf, profile))) notes.set(field as FieldKey, note);
  return profile;
}

/** The first day of the month `back` months before `asOf`'s month. */
function monthsBack(asOf: string, back: number): string {
  const m = monthIndex(asOf) - back;
  return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-01`;
}

/**
 * The file records of the given enterprises (all when `ids` is undefined), for evaluation on `asOf`.
 * Four set-based queries whatever the number of enterprises (repository-profile.ts).
 */
export async function loadRecords(db: Db, ids: readonly number[] | undefined, asOf: string): Promise<EnterpriseRecord[]> {
  const { base, annual, monthly, staff, latest } = await fileRows(db, ids, {
    lastYear: Number(asOf.slice(0, 4)) - 1,
    asOf,
    staffFrom: monthsBack(asOf, STAFF_MONTHS - 1),
    latestFrom: monthsBack(asOf, 12),
  });
  const annualBy = new Map<number, Map<number, AnnualYear>>();
  for (const r of annual) {
    let m = annualBy.get(r.enterprise_id);
    if (!m) annualBy.set(r.enterprise_id, (m = new Map()));
    m.set(r.year, { revenue: money(r.revenue), rd_expense: money(r.rd_expense), patents: r.patents });
  }
  const monthlyBy = new Map<number, Map<number, MonthlyYear>>();
  for (const r of monthly) {
    let m = monthlyBy.get(r.enterprise_id);
    if (!m) monthlyBy.set(r.enterprise_id, (m = new Map()));
    m.set(r.year, {
      output: money(r.output) ?? 0,
      outputMask: r.output_mask ?? 0,
      tax: money(r.tax) ?? 0,
      taxMask: r.tax_mask ?? 0,
      fixedInvestment: money(r.fi) ?? 0,
      fixedInvestmentMask: r.fi_mask ?? 0,
    });
  }
  const staffBy = new Map(staff.map((r) => [r.enterprise_id, r]));
  const latestBy = new Map(latest.map((r) => [r.enterprise_id, { month: r.month, employees: r.employees }]));
  const none = new Map();
  return base.map((e) => ({
    id: e.id,
    industry_code: e.industry_code,
    street_code: e.street_code,
    scale: e.scale,
    tags: e.tags ?? [],
    is_key: e.is_key,
    founded_on: e.founded_on,
    registered_capital: e.registered_capital,
    status: e.status,
    annual: annualBy.get(e.id) ?? none,
    monthly: monthlyBy.get(e.id) ?? none,
    latestStaff: latestBy.get(e.id) ?? null,
    staffReported: staffBy.get(e.id)?.reported ?? 0,
    staffed: staffBy.get(e.id)?.staffed ?? 0,
  }));
}

export interface LoadedProfile {
  id: number;
  active: boolean;
  profile: Profile;
}

/** Profiles of many enterprises (all when `ids` is undefined), in id order. */
export async function loadProfiles(db: Db, ids?: readonly number[], asOf: string = today()): Promise<LoadedProfile[]> {
  const records = await loadRecords(db, ids, asOf);
  return records.map((r) => ({ id: r.id, active: r.status === 'active', profile: buildProfile(r, asOf) }));
}

/** One enterprise's profile on `asOf` (default today); undefined when there is no such enterprise. */
export async function loadProfile(db: Db, enterpriseId: number, asOf: string = today()): Promise<Profile | undefined> {
  const [p] = await loadProfiles(db, [enterpriseId], asOf);
  return p?.profile;
}
