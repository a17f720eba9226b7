import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../tests/support/app.ts';
import { seedDemoLiaisons } from './liaisons.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ enterprises: 300 });
});
afterAll(() => t.close());

describe('the demo service network', () => {
  it('gives every key enterprise a liaison, in tiers by output, and some visits', async () => {
    const db = t.database.db;
    const r = await seedDemoLiaisons(db, { randomSeed: 7, now: new Date('2024-06-15T10:00:00+08:00') });
    const key = await db.selectFrom('enterprises').select('id').where('is_key', '=', true).where('status', '=', 'active').execute();
    expect(r.assigned).toBe(key.length);
    expect(r.visits).toBeGreaterThan(0);
    const rows = await db
      .selectFrom('liaisons as l')
      .innerJoin('users as u', 'u.id', 'l.user_id')
      .leftJoin('enterprise_indicators as i', 'i.enterprise_id', 'l.enterprise_id')
      .select((eb) => ['l.tier', 'u.role', eb.fn.coalesce(eb.fn.sum<number>('i.output'), eb.lit(0)).as('output')])
      .groupBy(['l.enterprise_id', 'l.tier', 'u.role'])
      .execute();
    const tiers = new Set(rows.map((x) => x.tier));
    expect(tiers).toEqual(new Set(['leader', 'department_head', 'special_group']));
    for (const x of rows) expect(x.role).toBe(x.tier === 'leader' ? 'leader' : x.tier === 'department_head' ? 'handler' : 'cadre');
    const minLeader = Math.min(...rows.filter((x) => x.tier === 'leader').map((x) => Number(x.output)));
    const maxCadre = Math.max(...rows.filter((x) => x.tier === 'special_group').map((x) => Number(x.output)));
    expect(minLeader).toBeGreaterThanOrEqual(maxCadre);
  });
});
