/**
 * Monthly indicator series for the demo enterprises. They must look like the real thing to
 * the people who will judge the dashboards and the early-warning rules: a Spring Festival dip
 * that moves between January and February, per-enterprise growth trends, noise, a few
 * enterprises in sharp decline or whose electricity collapses (stoppage or relocation, 外迁),
 * enterprises founded inside the window, and some months simply not reported.
 */
import type { Scale } from '../platform/db/schema.ts';
import type { GeneratedEnterprise } from './enterprise-gen.ts';
import { mixSeed, Rng } from './random.ts';

export interface IndicatorValues {
  month: string;
  output: number;
  value_added: number;
  fixed_investment: number;
  tax: number;
  employees: number;
  electricity: number;
  water: number;
  gas: number | null;
}

export type Anomaly = 'none' | 'decline' | 'power_collapse';

/** 'YYYY-MM' of the month before `now`: the latest month whose figures a district would hold. */
export function lastMonth(now: Date = new Date()): string {
  const d = new Date(Date.UTC(now.getFullYear(), now.getMonth() - 1, 1));
  return d.toISOString().slice(0, 7);
}

/** `count` months as 'YYYY-MM-01', oldest first, ending with `endMonth` ('YYYY-MM' or 'YYYY-MM-01'). */
export function monthRange(endMonth: string, count: number): string[] {
  const m = /^(\d{4})-(\d{2})/.exec(endMonth);
  if (!m) throw new Error(`endMonth must look like YYYY-MM: ${endMonth}`);
  const year = Number(m[1]);
  const month = Number(m[2]) - 1;
  const out: string[] = [];
  for (let i = count - 1; i >= 0; i--) out.push(new Date(Date.UTC(year, month - i, 1)).toISOString().slice(0, 10));
  return out;
}

/** 春节 (first day of the lunar year). A table, because the lunar calendar is not worth computing here. */
const SPRING_FESTIVAL: Record<number, string> = {
  2015: '2015-02-19',
  2016: '2016-02-08',
  2017: '2017-01-28',
  2018: '2018-02-16',
  2019: '2019-02-05',
  2020: '2020-01-25',
  2021: '2021-02-12',
  2022: '2022-02-01',
  2023: '2023-01-22',
  2024: '2024-02-10',
  2025: '2025-01-29',
  2026: '2026-02-17',
  2027: '2027-02-06',
  2028: '2028-01-26',
  2029: '2029-02-13',
  2030: '2030-02-03',
  2031: '2031-01-23',
  2032: '2032-02-11',
  2033: '2033-01-31',
  2034: '2034-02-19',
  2035: '2035-02-08',
};

/** Other months: a mild rise towards the year-end rush, a Golden Week dip in October. */
const MONTH_FACTOR = [1.0, 1.0, 1.0, 0.99, 1.01, 1.03, 0.99, 1.01, 1.04, 0.97, 1.05, 1.09] as const;

const DAY = 86_400_000;

/**
 * Share of the month's days that fall in the factory shutdown around Spring Festival
 * (from 10 days before to 15 days after: migrant workers travel home and come back late).
 */
function springFestivalShare(monthStart: string): number {
  const year = Number(monthStart.slice(0, 4));
  const sf = Date.parse(SPRING_FESTIVAL[year] ?? `${year}-02-05`);
  const from = sf - 10 * DAY;
  const to = sf + 15 * DAY;
  const start = Date.parse(monthStart);
  const d = new Date(start);
  const end = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  const overlap = Math.max(0, Math.min(to, end) - Math.max(from, start));
  return overlap / (end - start);
}

const EMPLOYEES: Record<Scale, readonly [number, number]> = {
  micro: [6, 40],
  small: [20, 300],
  medium: [300, 1_000],
  large: [1_000, 20_000],
};

const round2 = (x: number): number => Math.round(x * 100) / 100;

/**
 * The series for enterprise `index`. Its random stream depends only on (seed, index), so
 * indicators can be generated in chunks, in any order, with the same result.
 */
export function generateIndicators(
  e: GeneratedEnterprise,
  index: number,
  randomSeed: number,
  months: readonly string[],
): { rows: IndicatorValues[]; anomaly: Anomaly } {
  const rng = new Rng(mixSeed(randomSeed, index, 2));
  const manufacturer = e.industry_code.startsWith('C');
  const [empMin, empMax] = EMPLOYEES[e.scale];
  const baseEmployees = rng.logUniform(empMin, empMax);
  // Monthly output per employee in 万元: services bill more per head than assembly lines.
  const baseOutput = baseEmployees * rng.logUniform(manufacturer ? 0.8 : 1.2, manufacturer ? 3.5 : 6);
  const growth = Math.max(-0.3, Math.min(0.6, rng.normal(0.05, 0.12)));
  const vaRatio = manufacturer ? rng.float() * 0.14 + 0.18 : rng.float() * 0.3 + 0.3;
  const taxRatio = rng.float() * 0.045 + 0.015;
  const waterPerHead = rng.logUniform(2, 5);
  const waterPerWan = manufacturer ? rng.logUniform(0.3, 3) : rng.logUniform(0.02, 0.2);
  const investProbability = e.scale === 'large' ? 0.4 : e.scale === 'medium' ? 0.25 : 0.1;

  const n = months.length;
  const draw = rng.float();
  const anomaly: Anomaly = draw < 0.03 ? 'decline' : draw < 0.045 ? 'power_collapse' : 'none';
  // The trouble starts within the last few months, which is what a monthly warning run looks at.
  const anomalyStart = anomaly === 'decline' ? n - rng.int(2, 6) : n - rng.int(1, 3);
  const depth = anomaly === 'decline' ? rng.float() * 0.35 + 0.35 : 0;
  const missing = new Set<number>();
  if (rng.chance(0.04)) for (let k = rng.int(1, 3); k > 0; k--) missing.add(rng.int(0, n - 1));

  const foundedMonth = `${e.founded_on.slice(0, 7)}-01`;
  const rows: IndicatorValues[] = [];
  for (let t = 0; t < n; t++) {
    const month = months[t] ?? '';
    // Enterprises founded inside the window report from their first month, ramping up.
    if (month < foundedMonth || missing.has(t)) continue;
    const monthsSinceFounding = (Date.parse(month) - Date.parse(foundedMonth)) / (30.44 * DAY);
    const rampUp = Math.min(1, 0.3 + monthsSinceFounding / 12);
    const trend = Math.pow(1 + growth, (t - n + 1) / 12);
    const sf = springFestivalShare(month);
    const season = (MONTH_FACTOR[Number(month.slice(5, 7)) - 1] ?? 1) * (1 - 0.5 * sf);
    const shock = rng.normal(1, 0.06);

    let outputFactor = 1;
    let powerFactor = 1;
    let staffFactor = 1;
    if (anomaly === 'decline' && t >= anomalyStart) {
      // A decline deepens over two months rather than appearing at once.
      const ramp = Math.min(1, (t - anomalyStart + 1) / 2);
      outputFactor = 1 - depth * ramp;
      powerFactor = 1 - depth * ramp * 0.9;
      staffFactor = 1 - depth * ramp * 0.5;
    } else if (anomaly === 'power_collapse' && t >= anomalyStart) {
      // Machines moved out before the books show it: electricity goes first and furthest.
      powerFactor = rng.float() * 0.15 + 0.03;
      outputFactor = rng.float() * 0.3 + 0.15;
      staffFactor = rng.float() * 0.3 + 0.35;
    }

    const output = Math.max(0.1, baseOutput * trend * season * shock * outputFactor * rampUp * rng.normal(1, 0.02));
    const employees = Math.max(
      1,
      Math.round(
        baseEmployees * Math.pow(1 + growth * 0.5, (t - n + 1) / 12) * (1 - 0.08 * sf) * staffFactor * rampUp * rng.normal(1, 0.01),
      ),
    );
    // Electricity tracks output closely, which is what makes a divergence between the two a signal.
    const activity = baseOutput * trend * season * shock * rampUp * powerFactor;
    const electricity = Math.round(activity * e.kwhPerWan * rng.normal(1, 0.04));
    const water = Math.round((employees * waterPerHead + activity * waterPerWan) * rng.normal(1, 0.05) * 10) / 10;
    const invest = rng.chance(investProbability) ? output * rng.logUniform(0.02, 0.5) : 0;

    rows.push({
      month,
      output: round2(output),
      value_added: round2(output * vaRatio * rng.normal(1, 0.03)),
      fixed_investment: round2(invest),
      tax: round2(Math.max(0, output * taxRatio * rng.normal(1, 0.1))),
      employees,
      electricity: Math.max(0, electricity),
      water: Math.max(0, water),
      gas: e.gasPerWan === null ? null : Math.max(0, Math.round(activity * e.gasPerWan * rng.normal(1, 0.06))),
    });
  }
  return { rows, anomaly };
}
