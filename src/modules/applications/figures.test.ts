import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/app.ts';
import { seedDemoPolicyApplications } from '../../seed/policy-applications.ts';
import { applicationFigures } from './figures.ts';
import { createNotice, createPolicy } from './test-fixtures.ts';

describe('application figures and the demo history', () => {
  let t: TestApp;
  let seeded: number;
  const DAY = 86_400_000;

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.database.db;
    const scales = await db.selectFrom('enterprises').select('scale').distinct().execute();
    // One policy every enterprise meets, one that half of them meet, one without a rule.
    const all = await createPolicy(db, {
      title: '普惠政策',
      maxAmount: 20,
      rule: { all: [{ id: 'a', field: 'scale', op: 'in', value: scales.map((s) => s.scale), clause: '' }] },
    });
    const some = await createPolicy(db, {
      title: '制造业政策',
      maxAmount: 100,
      rule: {
        any: [
          { id: 'b', field: 'industry', op: 'in', value: ['C'], clause: '' },
          { id: 'c', field: 'scale', op: 'in', value: ['large'], clause: '' },
        ],
      },
    });
    const none = await createPolicy(db, { title: '人才政策', maxAmount: 10 });
    const year = { opensAt: new Date(Date.now() - 400 * DAY), closesAt: new Date(Date.now() + 30 * DAY) };
    await createNotice(db, all, year);
    await createNotice(db, some, { ...year, reviewLevels: 2 });
    await createNotice(db, none, year);
    seeded = await seedDemoPolicyApplications(db, { randomSeed: 7, count: 90 });
    // One 免申即享 payment, counted beside the applications by its payment date.
    const enterprise = await db.selectFrom('enterprises').select('id').orderBy('id').executeTakeFirstOrThrow();
    const batch = await db
      .insertInto('grant_batches')
      .values({ number: 'MS-TEST-1', policy_id: all, rule_version: 1, status: 'confirmed' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('benefits')
      .values({
        enterprise_id: enterprise.id,
        policy_id: all,
        grant_batch_id: batch.id,
        amount: 12.5,
        paid_on: new Date(Date.now() - 10 * DAY).toISOString().slice(0, 10),
      })
      .execute();
  });
  afterAll(() => t.close());

  it('seeds a year of history in every state with disbursements', async () => {
    expect(seeded).toBeGreaterThan(40);
    const db = t.database.db;
    const states = await db
      .selectFrom('policy_applications')
      .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('state')
      .execute();
    const by = new Map(states.map((s) => [s.state, Number(s.n)]));
    expect(by.get('disbursed') ?? 0).toBeGreaterThan(0);
    expect(by.get('refused') ?? 0).toBeGreaterThan(0);
    const instant = await db
      .selectFrom('policy_applications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('instant', '=', true)
      .executeTakeFirstOrThrow();
    expect(Number(instant.n) / seeded).toBeGreaterThan(0.08);
    expect(Number(instant.n) / seeded).toBeLessThan(0.6);
    // Every disbursed application has its benefit and ends with the disburse event.
    const disbursed = await db
      .selectFrom('policy_applications as a')
      .leftJoin('benefits as b', 'b.application_id', 'a.id')
      .select(['a.id', 'b.amount'])
      .where('a.state', '=', 'disbursed')
      .execute();
    expect(disbursed.every((d) => d.amount !== null && d.amount > 0)).toBe(true);
    // The demo enterprise account has a history in the earlier rounds the seed adds, and keeps the open rounds to apply to itself.
    const demo = await db.selectFrom('users').select('enterprise_id').where('username', '=', 'enterprise').executeTakeFirstOrThrow();
    const own = await db
      .selectFrom('policy_applications as a')
      .innerJoin('policy_notices as n', 'n.id', 'a.notice_id')
      .select(['n.title', 'n.closes_at'])
      .where('a.enterprise_id', '=', demo.enterprise_id!)
      .execute();
    expect(own.length).toBeGreaterThan(0);
    for (const a of own) expect(a.title.endsWith('（往期批次）') && new Date(a.closes_at) < new Date()).toBe(true);
    // The numbers continue from the seeded counter.
    const counter = await db.selectFrom('counters').select('value').where('name', 'like', 'application-%').execute();
    expect(counter.reduce((s, c) => s + Number(c.value), 0)).toBe(seeded);
  });

  it('counts applications, approvals, the instant share and amounts by policy, month, industry and street', async () => {
    const cookie = await t.login('policy');
    const res = await t.app.inject({ url: '/api/applications/figures?by=policy', headers: { cookie } });
    expect(res.statusCode, res.body).toBe(200);
    const f = res.json();
    const db = t.database.db;
    const live = await db
      .selectFrom('policy_applications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('state', '<>', 'withdrawn')
      .where('created_at', '>=', new Date(`${f.from}T00:00:00+08:00`))
      .executeTakeFirstOrThrow();
    expect(f.totals.applications).toBe(Number(live.n));
    expect(f.rows.reduce((s: number, r: { applications: number }) => s + r.applications, 0)).toBe(f.totals.applications);
    expect(f.totals.instantShare).toBeCloseTo(f.totals.instant / (f.totals.approved + f.totals.refused), 6);
    const paid = await db
      .selectFrom('benefits as b')
      .innerJoin('policy_applications as a', 'a.id', 'b.application_id')
      .select((eb) => eb.fn.sum<number>('b.amount').as('s'))
      .where('a.created_at', '>=', new Date(`${f.from}T00:00:00+08:00`))
      .executeTakeFirstOrThrow();
    expect(f.totals.disbursedAmount).toBeCloseTo(Number(paid.s ?? 0), 6);
    expect(f.rows.map((r: { name: string }) => r.name).sort()).toEqual(['人才政策', '普惠政策', '制造业政策'].sort());
    expect(f.totals).toMatchObject({ grantedAmount: 12.5, granted: 1 });
    expect(f.rows.find((r: { name: string }) => r.name === '普惠政策').grantedAmount).toBe(12.5);

    const months = (await t.app.inject({ url: '/api/applications/figures?by=month', headers: { cookie } })).json();
    expect(months.rows).toHaveLength(12);
    expect(months.totals).toEqual(f.totals);
    for (const by of ['industry', 'street', 'department']) {
      const g = (await t.app.inject({ url: `/api/applications/figures?by=${by}`, headers: { cookie } })).json();
      expect(g.totals.applications, by).toBe(f.totals.applications);
    }

    const xlsx = await t.app.inject({ url: '/api/applications/figures.xlsx?by=policy', headers: { cookie } });
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('申报统计')!;
    expect(ws.getRow(1).getCell(1).value).toBe('政策');
    expect(ws.lastRow!.getCell(1).value).toBe('合计');
    expect(ws.lastRow!.getCell(2).value).toBe(f.totals.applications);
  });

  it('defaults to the twelve months up to today, whatever the day of the year', async () => {
    for (const [now, from] of [
      ['2026-12-04T04:00:00Z', '2026-01-01'],
      ['2026-01-31T04:00:00Z', '2025-02-01'],
      ['2026-03-01T04:00:00Z', '2025-04-01'],
    ] as const) {
      const f = await applicationFigures(t.database.db, { by: 'month' }, new Date(now));
      expect(f.from, now).toBe(from);
      expect(f.rows, now).toHaveLength(12);
    }
  });

  it('shows the figures to the office, not to enterprises or handlers', async () => {
    for (const [user, status] of [
      ['leader', 200],
      ['coordinator', 200],
      ['admin', 200],
      ['enterprise', 403],
      ['handler', 403],
    ] as const) {
      const res = await t.app.inject({ url: '/api/applications/figures', headers: { cookie: await t.login(user) } });
      expect(res.statusCode, user).toBe(status);
    }
  });
});
