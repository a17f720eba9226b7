import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../tests/support/database.ts';
import type { Database } from '../../platform/db/index.ts';
import { findHits } from './repository-hits.ts';
import { addMonths } from '../calendar/working-days.ts';
import { evaluateRule, type EnterpriseState, type IndicatorRow, type Rule } from './rules.ts';

/** Small deterministic generator (mulberry32). */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const N = 400;
const MONTH = '2024-12-01';
const rules: Rule[] = [
  { id: 1, kind: 'yoy_drop', indicator: 'output', params: { threshold: 30 } },
  { id: 2, kind: 'yoy_drop', indicator: 'tax', params: { threshold: 10 } },
  { id: 3, kind: 'rolling_drop', indicator: 'output', params: { months: 3, threshold: 20 } },
  { id: 4, kind: 'rolling_drop', indicator: 'electricity', params: { months: 6, threshold: 25 } },
  { id: 5, kind: 'consecutive_decline', indicator: 'output', params: { count: 3 } },
  { id: 6, kind: 'consecutive_decline', indicator: 'tax', params: { count: 2 } },
  { id: 7, kind: 'missing', indicator: 'electricity', params: { months: 2 } },
  { id: 8, kind: 'missing', indicator: 'output', params: { months: 1 } },
  { id: 9, kind: 'relocation_address', indicator: null, params: {} },
  { id: 10, kind: 'relocation_power', indicator: null, params: { months: 3, electricityDrop: 40, outputBand: 15 } },
];

let database: Database;
const series = new Map<number, IndicatorRow[]>();
const states = new Map<number, EnterpriseState>();

beforeAll(async () => {
  database = await freshDatabase();
  const db = database.db;
  const street = await db.insertInto('streets').values({ code: 'S1', name: '测试街道' }).returning('id').executeTakeFirstOrThrow();
  const rand = rng(42);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const enterprises = Array.from({ length: N }, (_, i) => {
    const status = rand() < 0.05 ? 'moved_out' : rand() < 0.03 ? 'deregistered' : 'active';
    return {
      uscc: `91440300TEST${String(i).padStart(6, '0')}`,
      name: `测试企业${i}`,
      street_id: rand() < 0.05 ? null : street.id,
      industry_code: 'C39',
      scale: 'small' as const,
      status: status as EnterpriseState['status'],
    };
  });
  const ids = await db.insertInto('enterprises').values(enterprises).returning(['id', 'status', 'street_id']).execute();
  const indicatorRows = [];
  // 30 months, so that the 24-month window is tested too; small integers make sums exact.
  for (const e of ids) {
    states.set(e.id, { status: e.status, streetId: e.street_id });
    const rows: IndicatorRow[] = [];
    let out = int(50, 200),
      kwh = int(500, 2000),
      tax = int(0, 30);
    const shape = rand();
    for (let m = 29; m >= 0; m--) {
      const month = addMonths(MONTH, -m);
      if (rand() < 0.06 || (shape < 0.05 && m < 3)) continue; // missing months; some stop reporting
      out = Math.max(0, out + int(-30, 25));
      kwh = shape > 0.9 && m < 2 ? int(10, 300) : Math.max(0, kwh + int(-300, 250));
      tax = Math.max(0, tax + int(-6, 5));
      const r = {
        enterprise_id: e.id,
        month,
        output: rand() < 0.04 ? null : out,
        tax,
        electricity: rand() < 0.05 ? null : kwh,
        employees: int(5, 50),
      };
      indicatorRows.push(r);
      rows.push({ month, output: r.output, tax: r.tax, electricity: r.electricity });
    }
    series.set(e.id, rows);
  }
  for (let i = 0; i < indicatorRows.length; i += 1000)
    await db
      .insertInto('enterprise_indicators')
      .values(indicatorRows.slice(i, i + 1000))
      .execute();
});
afterAll(() => database.close());

describe('the set-based SQL path', () => {
  it('finds exactly what the pure rules find, with the same figures', async () => {
    for (const month of [MONTH, addMonths(MONTH, -1), addMonths(MONTH, -7)]) {
      const sqlHits = (await findHits(database.db, rules, month)).map((h) => ({ ...h }));
      const pure = [];
      for (const [id, rows] of series) {
        for (const rule of rules) {
          const hit = evaluateRule(rule, month, rows, states.get(id)!);
          if (hit) pure.push({ ruleId: rule.id, enterpriseId: id, ...hit });
        }
      }
      const key = (h: { ruleId: number; enterpriseId: number }) => h.ruleId * 1e6 + h.enterpriseId;
      sqlHits.sort((a, b) => key(a) - key(b));
      pure.sort((a, b) => key(a) - key(b));
      expect(sqlHits).toEqual(pure);
      // Every rule fires somewhere and stays quiet somewhere: the comparison means something.
      for (const rule of rules) {
        const n = pure.filter((h) => h.ruleId === rule.id).length;
        expect(n, `rule ${rule.id} in ${month}`).toBeGreaterThan(0);
        expect(n, `rule ${rule.id} in ${month}`).toBeLessThan(N);
      }
    }
  });
});
