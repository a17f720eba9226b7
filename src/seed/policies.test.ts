import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../tests/support/app.ts';
import { POLICIES } from './policy-data/index.ts';
import { seedDemoPolicies } from './policies.ts';
import { seedDemoGrants } from './policy-grants.ts';

let t: TestApp;
let cookie: string;

beforeAll(async () => {
  t = await createTestApp();
  cookie = await t.login('policy');
});
afterAll(() => t.close());

const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
const post = (url: string, payload: object) => t.app.inject({ method: 'POST', url, headers: { cookie }, payload });

describe('demo policy library', () => {
  it('seeds about 60 policies with rules, cases and notices, and every seeded case holds', async () => {
    const started = Date.now();
    const r = await seedDemoPolicies(t.database.db);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(r.policies).toBe(POLICIES.length);
    expect(r.policies).toBeGreaterThanOrEqual(55);
    const open = (await get('/api/policy-notices?open=1&pageSize=100')).json();
    expect(open.total).toBeGreaterThanOrEqual(20);
    const auto = (await get('/api/policies?autoGrant=1&pageSize=100')).json();
    expect(auto.total).toBeGreaterThanOrEqual(8);
    const expired = (await get('/api/policies?inForceOn=2026-11-01&pageSize=100')).json();
    expect(expired.total).toBeLessThan(r.policies);
    const all = (await get('/api/policies?pageSize=100')).json();
    for (const p of all.items as { id: number; title: string }[]) {
      const run = (await post(`/api/policies/${p.id}/rule-cases/run`, {})).json();
      if (run.error) continue; // a policy whose rule starts in the future has no rule in force yet
      expect(run.failed, `${p.title}: ${JSON.stringify(run.results?.filter((x: { pass: boolean }) => !x.pass))}`).toBe(0);
    }
  });

  it('finds policies by Chinese words, the title hit first', async () => {
    const res = (await get(`/api/policies?q=${encodeURIComponent('专精特新小巨人')}`)).json();
    expect(res.total).toBeGreaterThan(0);
    expect(res.items[0].title).toMatch(/专精特新|小巨人/);
    expect(res.items[0].snippet).not.toBe('');
  });

  it('leaves a 免申即享 history: confirmed batches paid months ago, and the enterprises eligible since still 应享未享', async () => {
    const r = await seedDemoGrants(t.database.db, { now: new Date('2026-12-04T04:00:00Z') });
    expect(r.batches).toBeGreaterThan(0);
    const batches = (await get('/api/grant-batches?status=confirmed')).json();
    expect(batches.total).toBe(r.batches);
    for (const b of batches.items as { createdAt: string; confirmedAt: string }[]) expect(b.createdAt < b.confirmedAt).toBe(true);
    const benefits = await t.database.db
      .selectFrom('benefits')
      .select(['amount', 'paid_on'])
      .where('grant_batch_id', 'is not', null)
      .execute();
    expect(benefits).toHaveLength(r.enterprises);
    expect(benefits.reduce((s, b) => s + b.amount, 0)).toBeCloseTo(r.amount, 6);
    expect(benefits.every((b) => String(b.paid_on) < '2026-11-01')).toBe(true);
    const left = await t.database.db.selectFrom('grant_batch_items').select('enterprise_id').where('excluded', '=', true).execute();
    if (left.length > 0) {
      const unclaimed = (await get('/api/grants/unclaimed?pageSize=100')).json();
      const ids = new Set((unclaimed.items as { enterpriseId: number }[]).map((u) => u.enterpriseId));
      expect(left.some((l) => ids.has(l.enterprise_id))).toBe(true);
    }
  });
});
