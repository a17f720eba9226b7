import type { Db } from '../../platform/db/index.ts';
import { shanghaiDate } from '../calendar/working-days.ts';
import type { Profile } from './fields.ts';
import { fileRows } from './repository-profile.ts';

/**
 * The profile (画像) a rule is evaluated against, computed from the enterprise file: the
 * enterprise row, its tags, its monthly indicators and its annual figures. "Last year" is the
 * calendar year before the evaluation date. A value is null when the file cannot give it, so
 * that a rule asking for it is "unknown" rather than failed.
 */

/** What one enterprise's file holds for one calendar year of monthly indicators. */
export interface MonthlyYear {
  output: number;
  outputMonths: number;
  tax: number;
  taxMonths: number;
  fixedInvestment: number;
  fixedInvestmentMonths: number;
}

export interface AnnualYear {
  revenue: number | null;
  rd_expense: number | null;
  patents: number | null;
}

/** The raw file data a profile is computed from (one SQL pass per table for many enterprises). */
export interface EnterpriseRecord {
  id: number;
  industry_code: string;
  street_code: string | null;
  scale: string;
  tags: readonly string[];
  is_key: boolean;
  founded_on: string | null;
  registered_capital: number | null;
  status: string;
  annual: ReadonlyMap<number, AnnualYear>;
  monthly: ReadonlyMap<number, MonthlyYear>;
  /** Employees in the latest reported month within the year before the evaluation date. */
  latest_employees: number | null;
}

/** Today in Asia/Shanghai, the district's calendar. */
export function today(): string {
  return shanghaiDate(new Date());
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

/** Months of `year` in which an enterprise founded on `foundedOn` existed (0 when founded later). */
export function monthsExisting(year: number, foundedOn: string | null): number {
  if (!foundedOn) return 12;
  const fy = Number(foundedOn.slice(0, 4));
  if (fy > year) return 0;
  if (fy < year) return 12;
  return 12 - Number(foundedOn.slice(5, 7)) + 1;
}

/** A year's total when every month the enterprise existed was reported, else null (a partial sum would mislead). */
function yearTotal(rec: EnterpriseRecord, year: number, pick: (m: MonthlyYear) => [number, number]): number | null {
  const expected = monthsExisting(year, rec.founded_on);
  const m = rec.monthly.get(year);
  if (expected === 0 || !m) return null;
  const [total, months] = pick(m);
  return months === expected ? round2(total) : null;
}

/** Growth in % of last year over the year before; the year before must be a full, reported year. */
function growth(current: number | null, previous: number | null, previousComplete: boolean): number | null {
  if (current === null || previous === null || !previousComplete || previous <= 0) return null;
  return round2(((current - previous) / previous) * 100);
}

function completedYears(from: string, to: string): number {
  let years = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  if (to.slice(5) < from.slice(5)) years -= 1;
  return Math.max(0, years);
}

export function buildProfile(rec: EnterpriseRecord, asOf: string): Profile {
  const ly = Number(asOf.slice(0, 4)) - 1;
  const prevFull = monthsExisting(ly - 1, rec.founded_on) === 12;
  const a = rec.annual.get(ly);
  const a0 = rec.annual.get(ly - 1);
  const revenue = a?.revenue ?? null;
  const rd = a?.rd_expense ?? null;
  const output = yearTotal(rec, ly, (m) => [m.output, m.outputMonths]);
  const output0 = yearTotal(rec, ly - 1, (m) => [m.output, m.outputMonths]);
  const tax = yearTotal(rec, ly, (m) => [m.tax, m.taxMonths]);
  const tax0 = yearTotal(rec, ly - 1, (m) => [m.tax, m.taxMonths]);
  return {
    industry: rec.industry_code,
    street: rec.street_code,
    scale: rec.scale,
    tags: [...rec.tags].sort(),
    is_key: rec.is_key,
    founded_on: rec.founded_on,
    age_years: rec.founded_on && rec.founded_on <= asOf ? completedYears(rec.founded_on, asOf) : null,
    registered_capital: rec.registered_capital,
    revenue_last_year: revenue,
    revenue_growth: growth(revenue, a0?.revenue ?? null, prevFull),
    rd_expense_last_year: rd,
    rd_share: rd !== null && revenue !== null && revenue > 0 ? round2((rd / revenue) * 100) : null,
    patents: a?.patents ?? null,
    output_last_year: output,
    output_growth: growth(output, output0, prevFull),
    tax_last_year: tax,
    tax_growth: growth(tax, tax0, prevFull),
    fixed_investment_last_year: yearTotal(rec, ly, (m) => [m.fixedInvestment, m.fixedInvestmentMonths]),
    employees: rec.latest_employees,
  };
}

/** One month before the evaluation date's month, a year back: the window for "latest employees". */
function employeesFrom(asOf: string): string {
  const y = Number(asOf.slice(0, 4));
  const m = Number(asOf.slice(5, 7));
  return new Date(Date.UTC(y - 1, m - 1, 1)).toISOString().slice(0, 10);
}

/**
 * The file records of the given enterprises (all when `ids` is undefined), for evaluation on `asOf`.
 * Four set-based queries whatever the number of enterprises (repository-profile.ts).
 */
export async function loadRecords(db: Db, ids: readonly number[] | undefined, asOf: string): Promise<EnterpriseRecord[]> {
  const { base, annual, monthly, staff } = await fileRows(db, ids, {
    lastYear: Number(asOf.slice(0, 4)) - 1,
    asOf,
    employeesFrom: employeesFrom(asOf),
  });
  const annualBy = new Map<number, Map<number, AnnualYear>>();
  for (const r of annual) {
    let m = annualBy.get(r.enterprise_id);
    if (!m) annualBy.set(r.enterprise_id, (m = new Map()));
    m.set(r.year, { revenue: r.revenue, rd_expense: r.rd_expense, patents: r.patents });
  }
  const monthlyBy = new Map<number, Map<number, MonthlyYear>>();
  for (const r of monthly) {
    let m = monthlyBy.get(r.enterprise_id);
    if (!m) monthlyBy.set(r.enterprise_id, (m = new Map()));
    m.set(r.year, {
      output: r.output ?? 0,
      outputMonths: r.output_n,
      tax: r.tax ?? 0,
      taxMonths: r.tax_n,
      fixedInvestment: r.fi ?? 0,
      fixedInvestmentMonths: r.fi_n,
    });
  }
  const staffBy = new Map(staff.map((r) => [r.enterprise_id, r.employees]));
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
    latest_employees: staffBy.get(e.id) ?? null,
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
