/**
 * One enterprise's file as the profile is computed from it (profile.ts), and the rule tying monthly
 * reports to the founding date (see profile.ts).
 */

/** What one enterprise's file holds for one calendar year of monthly indicators (masks: bit m−1 = month m reported). */
export interface MonthlyYear {
  output: number;
  outputMask: number;
  tax: number;
  taxMask: number;
  fixedInvestment: number;
  fixedInvestmentMask: number;
}

export interface AnnualYear {
  revenue: number | null;
  rd_expense: number | null;
  patents: number | null;
}

export type EnterpriseStatus = 'active' | 'moved_out' | 'deregistered';

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
  status: EnterpriseStatus;
  annual: ReadonlyMap<number, AnnualYear>;
  monthly: ReadonlyMap<number, MonthlyYear>;
  /** The latest month (monthIndex) reporting employees within the year before the evaluation date. */
  latestStaff: { month: number; employees: number } | null;
  /** Months reporting employees, and reporting at least one: bit k = k months before the evaluation date's month. */
  staffReported: number;
  staffed: number;
}

/** All twelve months of a year, as a mask (bit m−1 = month m). */
export const ALL_MONTHS = 0xfff;

/** The months of `year` (as a mask) from the founding month on; 0 when founded later, all twelve when founded earlier or unknown. */
export function monthsFromFounding(year: number, foundedOn: string | null): number {
  if (!foundedOn) return ALL_MONTHS;
  const fy = Number(foundedOn.slice(0, 4));
  if (fy > year) return 0;
  if (fy < year) return ALL_MONTHS;
  return ALL_MONTHS & ~((1 << (Number(foundedOn.slice(5, 7)) - 1)) - 1);
}

/**
 * Whether a year's reports (`mask`) make its total complete: every month from the founding month on
 * was reported, or all twelve were (the rule and why: profile.ts).
 */
export function yearComplete(mask: number, year: number, foundedOn: string | null): boolean {
  const required = monthsFromFounding(year, foundedOn);
  return mask === ALL_MONTHS || (required !== 0 && (mask & required) === required);
}

/** A month as year × 12 + month − 1, so that consecutive months are consecutive numbers. */
export const monthIndex = (iso: string): number => Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1;

/** Bit k of a staff mask (up to 2^52, beyond the 32 bits `&` works on). */
export const hasBit = (mask: number, k: number): boolean => Math.floor(mask / 2 ** k) % 2 === 1;
