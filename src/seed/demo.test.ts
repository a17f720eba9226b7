import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Database } from '../platform/db/index.ts';
import { freshDatabase } from '../../tests/support/database.ts';
import { verifyPassword } from '../platform/auth/password.ts';
import type { Role } from '../platform/db/schema.ts';
import { validateUscc } from '../modules/enterprises/uscc.ts';
import { validateIndustryCode } from '../modules/enterprises/industry.ts';
import { needsSeed, seedDemo, type SeedResult } from './demo.ts';
import { generateEnterprises } from './enterprise-gen.ts';
import { generateIndicators, lastMonth, monthRange } from './indicator-gen.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './users.ts';

const SEED = 20_240_822;
const END = '2026-03';

// In-memory PGlite by default; also PostgreSQL in the 'postgres' test project (see vitest.config.ts),
// which is what proves the unnest() bulk insert on both databases.
describe('seedDemo on a fresh database', () => {
  let database: Database;
  let result: SeedResult;
  let freshNeedsSeed: boolean;

  beforeAll(async () => {
    database = await freshDatabase();
    freshNeedsSeed = await needsSeed(database.db);
    result = await seedDemo(database.db, { enterprises: 100, randomSeed: SEED, endMonth: END });
  }, 60_000);

  afterAll(async () => {
    await database?.close();
  });

  const count = async (table: 'streets' | 'departments' | 'taxonomy_categories' | 'service_items' | 'enterprises'): Promise<number> => {
    const r = await database.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  };

  it('reports what it inserted', () => {
    expect(freshNeedsSeed).toBe(true);
    expect(result.enterprises).toBe(100);
    expect(result.indicators).toBeGreaterThan(100 * 24 * 0.85);
    expect(result.users).toBeGreaterThanOrEqual(8 + 35 + 40 + 5 + 3);
  });

  it('creates the district: 10 streets, ≥35 bureaus, a coordination office, a street office per street', async () => {
    expect(await count('streets')).toBe(10);
    const kinds = await database.db
      .selectFrom('departments')
      .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('kind')
      .execute();
    const byKind = Object.fromEntries(kinds.map((k) => [k.kind, Number(k.n)]));
    expect(await count('departments')).toBeGreaterThanOrEqual(35);
    expect(byKind['bureau']).toBeGreaterThanOrEqual(35);
    expect(byKind['coordination']).toBe(1);
    expect(byKind['street_office']).toBe(10);
  });

  it('creates the taxonomy: 10 categories, 137 items, each with a department and keywords', async () => {
    expect(await count('taxonomy_categories')).toBe(10);
    expect(await count('service_items')).toBeGreaterThanOrEqual(130);
    const items = await database.db
      .selectFrom('service_items as s')
      .leftJoin('departments as d', 'd.id', 's.department_id')
      .select(['s.code', 's.keywords', 's.default_grade', 'd.name as department'])
      .execute();
    expect(items).toHaveLength(137);
    for (const i of items) {
      expect(i.department, i.code).toBeTruthy();
      expect(i.keywords.split(' ').length, i.code).toBeGreaterThanOrEqual(2);
    }
    const grades = new Set(items.map((i) => i.default_grade));
    expect(grades).toEqual(new Set(['normal', 'urgent', 'complex']));
  });

  it('gives every role a user, with the demo accounts as documented', async () => {
    const users = await database.db.selectFrom('users').selectAll().execute();
    const roles: Role[] = ['enterprise', 'specialist', 'coordinator', 'handler', 'cadre', 'leader', 'policy_officer', 'admin'];
    for (const role of roles)
      expect(
        users.some((u) => u.role === role),
        role,
      ).toBe(true);
    for (const a of DEMO_ACCOUNTS) {
      const u = users.find((x) => x.username === a.username);
      expect(u, a.username).toMatchObject({ mobile: a.mobile, role: a.role, active: true });
    }
    expect(users.filter((u) => u.role === 'cadre')).toHaveLength(41);
    expect(users.filter((u) => u.role === 'leader')).toHaveLength(6);
    expect(new Set(users.map((u) => u.password_hash)).size).toBe(1);
    expect(await verifyPassword(users[0]?.password_hash ?? '', DEMO_PASSWORD)).toBe(true);
  });

  it('links the enterprise account to a key enterprise with tags, and staffs departments', async () => {
    const row = await database.db
      .selectFrom('users as u')
      .innerJoin('enterprises as e', 'e.id', 'u.enterprise_id')
      .select(['e.id', 'e.is_key', 'e.uscc'])
      .where('u.username', '=', 'enterprise')
      .executeTakeFirstOrThrow();
    expect(row.is_key).toBe(true);
    const tags = await database.db.selectFrom('enterprise_tags').select('tag').where('enterprise_id', '=', row.id).execute();
    expect(tags.map((t) => t.tag)).toContain('国家高新');

    const handler = await database.db
      .selectFrom('users as u')
      .innerJoin('departments as d', 'd.id', 'u.department_id')
      .select('d.name')
      .where('u.username', '=', 'handler')
      .executeTakeFirstOrThrow();
    expect(handler.name).toBe('区市场监督管理局');
    const headless = await database.db
      .selectFrom('departments')
      .select('code')
      .where('kind', '=', 'bureau')
      .where('head_user_id', 'is', null)
      .execute();
    expect(headless).toEqual([]);
  });

  it('reaches enterprises as a district does: a third with portal users, contacts for most, a few with nothing', async () => {
    const { rows } = await sql<{ users: number; admins: number; contact: boolean; legal: boolean; mobile_phone: boolean }>`
      select (select count(*)::int from users u where u.enterprise_id = e.id and u.role = 'enterprise') as users,
             (select count(*)::int from users u where u.enterprise_id = e.id and u.enterprise_role = 'admin') as admins,
             exists (select 1 from enterprise_contacts c where c.enterprise_id = e.id and c.mobile is not null) as contact,
             e.legal_rep_mobile is not null as legal, e.phone like '1%' as mobile_phone
      from enterprises e`.execute(database.db);
    const share = (f: (r: (typeof rows)[number]) => boolean) => rows.filter(f).length / rows.length;
    expect(share((r) => r.users > 0)).toBeGreaterThan(0.2);
    expect(share((r) => r.users > 0)).toBeLessThan(0.5);
    expect(rows.some((r) => r.users >= 2)).toBe(true);
    // Every enterprise with users has exactly one administrator among the generated ones.
    expect(rows.filter((r) => r.users > 0).every((r) => r.admins === 1)).toBe(true);
    expect(share((r) => r.contact)).toBeGreaterThan(0.7);
    const nothing = rows.filter((r) => r.users === 0 && !r.contact && !r.legal && !r.mobile_phone);
    expect(nothing.length).toBeGreaterThan(0);
    expect(nothing.length / rows.length).toBeLessThan(0.15);
  });

  it('stores only valid USCCs and industry codes', async () => {
    const rows = await database.db.selectFrom('enterprises').select(['uscc', 'industry_code', 'name', 'street_id']).execute();
    expect(rows).toHaveLength(100);
    for (const r of rows) {
      expect(validateUscc(r.uscc), r.uscc).toEqual({ valid: true, normalized: r.uscc, warnings: [] });
      expect(r.uscc.slice(0, 8)).toMatch(/^9[123]440306$/);
      expect(validateIndustryCode(r.industry_code), r.industry_code).toMatchObject({ valid: true, code: r.industry_code });
      expect(r.street_id).not.toBeNull();
    }
    expect(new Set(rows.map((r) => r.name)).size).toBe(100);
  });

  it('stores indicators on the first of each month, from January two years before endMonth to endMonth', async () => {
    const r = await sql<{ min: string; max: string; bad: number }>`
      select min(month)::text as min, max(month)::text as max,
             count(*) filter (where extract(day from month) <> 1)::int as bad
      from enterprise_indicators`.execute(database.db);
    expect(r.rows[0]).toEqual({ min: '2024-01-01', max: '2026-03-01', bad: 0 });
  });

  it('is a one-shot: needsSeed turns false and a second seed is refused', async () => {
    expect(await needsSeed(database.db)).toBe(false);
    await expect(seedDemo(database.db, { enterprises: 10, randomSeed: 1, endMonth: END })).rejects.toThrow('空库');
    expect(await count('enterprises')).toBe(100);
  });
});

describe('generators', () => {
  it('are deterministic for a seed, differ across seeds, and keep the first N whatever the total', () => {
    const a = generateEnterprises(200, SEED, END);
    const b = generateEnterprises(200, SEED, END);
    expect(a.map((e) => e.uscc)).toEqual(b.map((e) => e.uscc));
    expect(a).toEqual(b);
    expect(generateEnterprises(50, SEED, END)).toEqual(a.slice(0, 50));
    // Seeding next month must not renumber the district: only indicators follow the clock.
    expect(generateEnterprises(200, SEED, '2027-01')).toEqual(a);
    expect(generateEnterprises(200, SEED + 1, END).map((e) => e.uscc)).not.toEqual(a.map((e) => e.uscc));
    const months = monthRange(END, 24);
    expect(generateIndicators(a[7]!, 7, SEED, months)).toEqual(generateIndicators(b[7]!, 7, SEED, months));
  });

  it('produces the tag and industry mix of an industrial district', () => {
    const all = generateEnterprises(6000, SEED, END);
    const share = (f: (e: (typeof all)[number]) => boolean): number => all.filter(f).length / all.length;
    expect(share((e) => e.tags.includes('四上'))).toBeCloseTo(0.35, 1);
    expect(share((e) => e.tags.includes('国家高新'))).toBeCloseTo(0.15, 1);
    expect(share((e) => e.tags.includes('专精特新'))).toBeGreaterThan(0.035);
    expect(all.filter((e) => e.tags.includes('小巨人')).every((e) => e.tags.includes('专精特新'))).toBe(true);
    expect(all.filter((e) => e.tags.includes('龙头骨干')).every((e) => e.scale === 'large')).toBe(true);
    expect(share((e) => e.industry_code.startsWith('C'))).toBeGreaterThan(0.55);
    expect(share((e) => e.scale === 'micro')).toBeCloseTo(0.5, 1);
    expect(new Set(all.map((e) => e.uscc)).size).toBe(all.length);
    expect(new Set(all.map((e) => e.name)).size).toBe(all.length);
  });

  it('plants anomalies for early warning and a Spring Festival dip', () => {
    const months = monthRange('2024-12', 24);
    const all = generateEnterprises(2000, SEED, '2024-12');
    const series = all.map((e, i) => generateIndicators(e, i, SEED, months));
    const anomalies = series.map((s) => s.anomaly);
    expect(anomalies.filter((a) => a === 'decline').length).toBeGreaterThan(20);
    expect(anomalies.filter((a) => a === 'power_collapse').length).toBeGreaterThan(10);

    // Spring Festival 2024 was 10 February: February output falls well below December's.
    const ratio = (s: (typeof series)[number]): number | undefined => {
      const dec = s.rows.find((r) => r.month === '2023-12-01');
      const feb = s.rows.find((r) => r.month === '2024-02-01');
      return dec && feb ? feb.output / dec.output : undefined;
    };
    const ratios = series
      .map(ratio)
      .filter((x): x is number => x !== undefined)
      .sort((x, y) => x - y);
    expect(ratios[Math.floor(ratios.length / 2)]).toBeLessThan(0.75);

    // An electricity collapse shows in the last month as a fraction of the series' median.
    const collapsed = series.find((s) => s.anomaly === 'power_collapse' && s.rows.length === 24);
    const kwh = collapsed?.rows.map((r) => r.electricity) ?? [];
    const median = [...kwh].sort((x, y) => x - y)[12] ?? 0;
    expect(kwh[23]).toBeLessThan(median * 0.25);
  });

  it('defaults the end month to the month before now', () => {
    expect(lastMonth(new Date(2026, 0, 15))).toBe('2025-12');
    expect(monthRange('2026-02', 3)).toEqual(['2025-12-01', '2026-01-01', '2026-02-01']);
  });
});
