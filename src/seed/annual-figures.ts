/**
 * Annual figures (年度数据) of the demo enterprises: revenue, R&D expense and staff, invention
 * patents for the last two or three calendar years. Revenue follows the enterprise's own monthly
 * output, R&D follows its tags (国家高新 and 专精特新 spend 3–10 % of revenue), and some figures are
 * simply not on file, so that policy matching meets "unknown" as it would in a real district.
 * Deterministic from (random seed, enterprise index), like the rest of the demo.
 */
import { sql } from 'kysely';
import type { GeneratedEnterprise } from './enterprise-gen.ts';
import { generateIndicators } from './indicator-gen.ts';
import { mixSeed, Rng } from './random.ts';
import type { Tx } from '../platform/db/index.ts';

export interface AnnualFigure {
  year: number;
  revenue: number | null;
  rd_expense: number | null;
  rd_staff: number | null;
  patents: number | null;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

/** The last complete calendar year of a series ending in `endMonth` ('YYYY-MM-01'). */
export function lastFullYear(endMonth: string): number {
  const y = Number(endMonth.slice(0, 4));
  return endMonth.slice(5, 7) === '12' ? y : y - 1;
}

export function generateAnnualFigures(
  e: GeneratedEnterprise,
  index: number,
  randomSeed: number,
  months: readonly string[],
): AnnualFigure[] {
  const rng = new Rng(mixSeed(randomSeed, index, 7));
  // Not every key enterprise files its annual statements with the district.
  if (rng.chance(0.06)) return [];
  const endMonth = months[months.length - 1] ?? '';
  const ly = lastFullYear(endMonth);
  const foundedYear = Number(e.founded_on.slice(0, 4));
  const monthly = generateIndicators(e, index, randomSeed, months).rows;
  const manufacturer = e.industry_code.startsWith('C');
  let output = 0;
  let reported = 0;
  for (const r of monthly) {
    if (Number(r.month.slice(0, 4)) !== ly) continue;
    output += r.output;
    reported++;
  }
  // Revenue tracks output: a factory sells about what it makes, services bill a little more.
  const perMonth = reported > 0 ? output / reported : monthly.reduce((s, r) => s + r.output, 0) / Math.max(1, monthly.length);
  const existing = foundedYear < ly ? 12 : foundedYear === ly ? 13 - Number(e.founded_on.slice(5, 7)) : 0;
  let revenue = perMonth * existing * (manufacturer ? rng.float() * 0.2 + 0.95 : rng.float() * 0.4 + 0.9);

  const highTech = e.tags.includes('国家高新');
  const specialised = e.tags.includes('专精特新');
  const rdShare = highTech
    ? rng.float() * 0.07 + 0.03
    : specialised
      ? rng.float() * 0.05 + 0.03
      : manufacturer
        ? rng.float() * 0.025 + 0.005
        : rng.float() * 0.01;
  // Enterprises with no R&D to speak of often leave the line empty.
  const rdOnFile = highTech || specialised || rng.chance(manufacturer ? 0.6 : 0.35);
  const patentBase = highTech ? rng.int(5, 80) : specialised ? rng.int(3, 50) : manufacturer ? rng.int(0, 10) : rng.int(0, 3);
  const years = rng.chance(0.3) ? 2 : 3;
  const latestFiled = !rng.chance(0.05);

  const out: AnnualFigure[] = [];
  for (let k = 0; k < years; k++) {
    const year = ly - k;
    if (year < foundedYear || (k === 0 && !latestFiled)) {
      revenue /= 1 + rng.normal(0.06, 0.15);
      continue;
    }
    const share = year === foundedYear ? (13 - Number(e.founded_on.slice(5, 7))) / 12 : 1;
    const rev = k === 0 ? revenue : revenue * share;
    const rd = rdOnFile ? rev * rdShare * rng.normal(1, 0.1) : null;
    out.push({
      year,
      revenue: rng.chance(0.02) ? null : round2(Math.max(1, rev)),
      rd_expense: rd === null ? null : round2(Math.max(0, rd)),
      rd_staff: rd === null ? null : Math.max(0, Math.round(rd / (rng.float() * 15 + 25))),
      patents: rng.chance(0.1) ? null : Math.max(0, patentBase - k * rng.int(0, 3)),
    });
    // The year before: undo one year of growth (trend around +6 %, spread wide).
    revenue /= 1 + Math.max(-0.4, Math.min(0.8, rng.normal(0.06, 0.15)));
  }
  return out;
}

/** Inserts the annual figures of the seeded enterprises (`ids[i]` is enterprise i); returns the rows written. */
export async function seedAnnualFigures(
  trx: Tx,
  enterprises: readonly GeneratedEnterprise[],
  ids: readonly number[],
  randomSeed: number,
  months: readonly string[],
): Promise<number> {
  const rows: (AnnualFigure & { enterprise_id: number })[] = [];
  enterprises.forEach((e, i) => {
    const id = ids[i];
    if (id !== undefined) for (const f of generateAnnualFigures(e, i, randomSeed, months)) rows.push({ enterprise_id: id, ...f });
  });
  const col = <K extends keyof (typeof rows)[number]>(part: typeof rows, k: K) => part.map((r) => r[k]);
  for (let i = 0; i < rows.length; i += 5_000) {
    const part = rows.slice(i, i + 5_000);
    await sql`insert into enterprise_annual_figures (enterprise_id, year, revenue, rd_expense, rd_staff, patents)
      select * from unnest(${col(part, 'enterprise_id')}::int[], ${col(part, 'year')}::int[], ${col(part, 'revenue')}::float8[],
        ${col(part, 'rd_expense')}::float8[], ${col(part, 'rd_staff')}::int[], ${col(part, 'patents')}::int[])`.execute(trx);
  }
  return rows.length;
}
