import { sql } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import { industryTree } from '../enterprises/industry.ts';
import { Rng } from '../../seed/random.ts';
import { FIELDS, type FieldKey } from './fields.ts';
import { OPS_BY_KIND, type Condition, type Rule } from './rule.ts';

/**
 * Generated districts and rules for the differential test and the benchmark: random profiles with
 * missing values everywhere a file can lack them, and random rules over every operator and nesting.
 */
export const TEST_TAGS = ['四上', '国家高新', '专精特新', '小巨人', '龙头骨干', '上市企业', '外资企业'] as const;
export const TEST_STREETS = ['S01', 'S02', 'S03', 'S04', 'S05', 'S06'] as const;
export const SCALES = ['large', 'medium', 'small', 'micro'] as const;

const sections = industryTree();
const divisions = sections.flatMap((s) => s.divisions.map((d) => d.code));
/** The groups and classes of C39, so that conditions and files at those levels meet. */
const finer = sections
  .flatMap((s) => s.divisions)
  .filter((d) => d.code === 'C39')
  .flatMap((d) => d.groups.flatMap((g) => [g.code, ...g.classes.map((c) => c.code)]));

export function randomIndustry(rng: Rng): string {
  // A few enterprises are filed under a bare section, which a division condition cannot decide.
  if (rng.chance(0.03)) return rng.pick(sections).code;
  if (rng.chance(0.1)) return rng.pick(finer);
  return rng.chance(0.5) ? `C${rng.int(13, 43)}` : rng.pick(divisions);
}

const isoDay = (t: number): string => new Date(t).toISOString().slice(0, 10);

/** Inserts `count` enterprises with random files (tags, annual figures for `lastYear` and the year before, monthly indicators). */
export async function insertRandomDistrict(db: Db, count: number, seed: number, lastYear: number): Promise<number[]> {
  const rng = new Rng(seed);
  const streets = await db
    .insertInto('streets')
    .values(TEST_STREETS.map((code) => ({ code, name: `街道${code}` })))
    .returning(['id'])
    .execute();
  const streetIds = streets.map((s) => s.id);
  const rows = Array.from({ length: count }, (_, i) => ({
    uscc: String(seed).padStart(6, '0') + String(i).padStart(12, '0'),
    name: `测试企业${i}`,
    street_id: rng.chance(0.05) ? null : rng.pick(streetIds),
    industry_code: randomIndustry(rng),
    scale: rng.pick(SCALES),
    founded_on: rng.chance(0.05)
      ? null
      : isoDay(Date.UTC(1990, 0, 1) + rng.float() * (Date.UTC(lastYear + 1, 11, 31) - Date.UTC(1990, 0, 1))),
    registered_capital: rng.chance(0.1) ? null : Math.round(rng.logUniform(10, 100_000)),
    is_key: rng.chance(0.3),
    status: rng.chance(0.05) ? ('moved_out' as const) : ('active' as const),
  }));
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += 1_000) {
    const inserted = await db
      .insertInto('enterprises')
      .values(rows.slice(i, i + 1_000))
      .returning('id')
      .execute();
    ids.push(...inserted.map((r) => r.id));
  }
  const tags = ids.flatMap((id) => TEST_TAGS.filter(() => rng.chance(0.2)).map((tag) => ({ enterprise_id: id, tag })));
  for (let i = 0; i < tags.length; i += 3_000)
    await db
      .insertInto('enterprise_tags')
      .values(tags.slice(i, i + 3_000))
      .execute();

  const annual: { e: number; y: number; rev: number | null; rd: number | null; pat: number | null }[] = [];
  const monthly: { e: number; m: string; out: number | null; tax: number | null; fi: number | null; emp: number | null }[] = [];
  for (const id of ids) {
    for (const y of [lastYear - 1, lastYear]) {
      if (rng.chance(0.15)) continue;
      const rev = rng.chance(0.1) ? null : Math.round(rng.logUniform(100, 500_000));
      annual.push({
        e: id,
        y,
        rev,
        rd: rng.chance(0.3) ? null : Math.round(rng.float() * (rev ?? 1000) * 0.1),
        pat: rng.chance(0.2) ? null : rng.int(0, 60),
      });
    }
    if (rng.chance(0.1)) continue;
    const base = rng.logUniform(10, 5_000);
    for (const y of [lastYear - 1, lastYear]) {
      for (let m = 1; m <= 12; m++) {
        if (rng.chance(0.03)) continue;
        monthly.push({
          e: id,
          m: `${y}-${String(m).padStart(2, '0')}-01`,
          out: rng.chance(0.02) ? null : Math.round(base * rng.normal(1, 0.2) * 100) / 100,
          tax: Math.round(base * 0.05 * rng.float() * 100) / 100,
          fi: rng.chance(0.7) ? 0 : Math.round(base * rng.float() * 100) / 100,
          emp: rng.chance(0.02) ? null : rng.int(5, 2000),
        });
      }
    }
  }
  for (let i = 0; i < annual.length; i += 5_000) {
    const p = annual.slice(i, i + 5_000);
    await sql`insert into enterprise_annual_figures (enterprise_id, year, revenue, rd_expense, patents)
      select * from unnest(${p.map((a) => a.e)}::int[], ${p.map((a) => a.y)}::int[], ${p.map((a) => a.rev)}::float8[], ${p.map((a) => a.rd)}::float8[], ${p.map((a) => a.pat)}::int[])`.execute(
      db,
    );
  }
  for (let i = 0; i < monthly.length; i += 5_000) {
    const p = monthly.slice(i, i + 5_000);
    await sql`insert into enterprise_indicators (enterprise_id, month, output, tax, fixed_investment, employees)
      select * from unnest(${p.map((a) => a.e)}::int[], ${p.map((a) => a.m)}::date[], ${p.map((a) => a.out)}::float8[], ${p.map((a) => a.tax)}::float8[], ${p.map((a) => a.fi)}::float8[], ${p.map((a) => a.emp)}::int[])`.execute(
      db,
    );
  }
  return ids;
}

/** Typical thresholds per numeric field, so that random conditions cut the district somewhere useful. */
const RANGES: Partial<Record<FieldKey, readonly [number, number]>> = {
  age_years: [0, 30],
  registered_capital: [10, 50_000],
  revenue_last_year: [100, 200_000],
  revenue_growth: [-50, 100],
  rd_expense_last_year: [0, 5_000],
  rd_share: [0, 10],
  patents: [0, 50],
  output_last_year: [100, 60_000],
  output_growth: [-30, 50],
  tax_last_year: [0, 3_000],
  tax_growth: [-30, 50],
  fixed_investment_last_year: [0, 20_000],
  employees: [5, 2_000],
  insured_months: [0, 36],
};

const randomDate = (rng: Rng): string => isoDay(Date.UTC(1990, 0, 1) + rng.float() * (Date.UTC(2026, 0, 1) - Date.UTC(1990, 0, 1)));

function randomNumber(rng: Rng, field: FieldKey): number {
  const [lo, hi] = RANGES[field] ?? [0, 100];
  const x = lo + rng.float() * (hi - lo);
  return rng.chance(0.5) ? Math.round(x) : Math.round(x * 100) / 100;
}

let counter = 0;

export function randomCondition(rng: Rng): Condition {
  const f = rng.pick(FIELDS);
  const op = rng.pick(OPS_BY_KIND[f.kind]);
  let value: Condition['value'];
  const some = <T>(items: readonly T[], max: number): T[] => {
    const out = new Set<T>();
    const k = rng.int(1, max);
    while (out.size < k) out.add(rng.pick(items));
    return [...out];
  };
  switch (f.kind) {
    case 'number': {
      const a = randomNumber(rng, f.key);
      const b = randomNumber(rng, f.key);
      value = op === 'between' ? [Math.min(a, b), Math.max(a, b)] : a;
      break;
    }
    case 'date': {
      const a = randomDate(rng);
      const b = randomDate(rng);
      value = op === 'between' ? (a <= b ? [a, b] : [b, a]) : a;
      break;
    }
    case 'code':
      value =
        f.key === 'industry'
          ? some([...sections.map((s) => s.code), ...divisions.slice(0, 40), 'C39', 'C38', 'I65', 'C391', 'C3911', 'C3912', 'C399'], 3)
          : f.key === 'street'
            ? some(TEST_STREETS, 2)
            : some(SCALES, 2);
      break;
    case 'codes':
      value = some(TEST_TAGS, 2);
      break;
    case 'boolean':
      value = rng.chance(0.5);
      break;
  }
  return { id: `c${++counter}`, field: f.key, op, value, clause: '' };
}

export function randomRule(rng: Rng, depth = 0): Rule {
  if (depth >= 3 || rng.chance(depth === 0 ? 0.1 : 0.45)) return randomCondition(rng);
  const draw = rng.float();
  const children = (): Rule[] => Array.from({ length: rng.int(1, 4) }, () => randomRule(rng, depth + 1));
  if (draw < 0.55) return { all: children() };
  if (draw < 0.85) return { any: children() };
  return { not: randomRule(rng, depth + 1) };
}

/** A policy-like rule: two conditions and a random tree, all required, so that it picks out part of the district. */
export function randomPolicyRule(rng: Rng): Rule {
  return { all: [randomCondition(rng), randomCondition(rng), randomRule(rng)] };
}
