import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/app.ts';
import {
  countMatches,
  currentRule,
  ensureFresh,
  evaluate,
  explainFor,
  loadProfile,
  loadProfiles,
  rematchPolicy,
  today,
  type Rule,
} from './index.ts';

let t: TestApp;
let policy: string;
let admin: string;
let firm: string;

const rule: Rule = {
  all: [
    { id: 'industry', field: 'industry', op: 'in', value: ['C'], clause: '制造业企业' },
    { id: 'hightech', field: 'tags', op: 'has_any', value: ['国家高新', '专精特新'], clause: '国家高新技术企业或专精特新企业' },
    { id: 'rd', field: 'rd_share', op: 'gte', value: 3, clause: '上年度研发费用占营业收入比重不低于3%' },
  ],
};

beforeAll(async () => {
  t = await createTestApp();
  [policy, admin, firm] = await Promise.all([t.login('policy'), t.login('admin'), t.login('enterprise')]);
});
afterAll(() => t.close());

async function publish(r: Rule): Promise<number> {
  const db = t.database.db;
  const p = await db
    .insertInto('policies')
    .values({
      code: `M${Math.random()}`,
      title: '研发投入补贴',
      issuer: '区科技创新局',
      level: 'district',
      status: 'published',
      effective_from: '2024-01-01',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('policy_rules')
    .values({ policy_id: p.id, version: 1, valid_from: '2024-01-01', rule: JSON.stringify(r) })
    .execute();
  return p.id;
}

describe('profile', () => {
  it('computes every field from the enterprise file of the demo enterprise', async () => {
    const p = await loadProfile(t.database.db, 1);
    expect(p).toBeDefined();
    expect(p).toMatchObject({ industry: 'C39', scale: 'medium', founded_on: expect.any(String), is_key: true });
    expect(p?.tags).toEqual(expect.arrayContaining(['四上', '国家高新', '专精特新']));
    expect(typeof p?.street).toBe('string');
    expect(p?.age_years).toBeGreaterThan(5);
    // Indicators are seeded from January two years back: last year and the year before are whole.
    expect(p?.output_last_year).toBeGreaterThan(0);
    expect(p?.employees).toBeGreaterThan(0);
    expect(typeof p?.output_growth).toBe('number');
    expect(await loadProfile(t.database.db, 999_999)).toBeUndefined();
  });

  it('leaves growth unknown when a month of the year before is missing', async () => {
    const db = t.database.db;
    const yearBefore = new Date().getUTCFullYear() - 2;
    await db.deleteFrom('enterprise_indicators').where('enterprise_id', '=', 2).where('month', '=', `${yearBefore}-06-01`).execute();
    const p = await loadProfile(db, 2);
    expect(p?.output_growth).toBeNull();
    expect(p?.tax_growth).toBeNull();
    expect(p?.output_last_year).not.toBeNull();
  });

  it('has annual figures for most enterprises and missing data for some', async () => {
    const all = await loadProfiles(t.database.db);
    expect(all).toHaveLength(40);
    const withRevenue = all.filter((p) => p.profile.revenue_last_year !== null);
    expect(withRevenue.length).toBeGreaterThan(25);
    expect(all.some((p) => p.profile.rd_share === null)).toBe(true);
    for (const p of withRevenue) {
      const { revenue_last_year: rev, rd_expense_last_year: rd, rd_share: share } = p.profile;
      if (typeof rev === 'number' && typeof rd === 'number') expect(share).toBeCloseTo((rd / rev) * 100, 1);
    }
  });
});

describe('matching', () => {
  it('matches a published policy and explains it for one enterprise', async () => {
    const db = t.database.db;
    const id = await publish(rule);
    await rematchPolicy(db, id);
    const rows = await db
      .selectFrom('policy_matches')
      .select(['enterprise_id', 'outcome', 'rule_version'])
      .where('policy_id', '=', id)
      .execute();
    const profiles = await loadProfiles(db);
    const want = profiles
      .filter((p) => p.active)
      .map((p) => ({ id: p.id, e: evaluate(rule, p.profile).eligibility }))
      .filter((x) => x.e !== 'ineligible');
    expect(rows.map((r) => `${r.enterprise_id}:${r.outcome}`).sort()).toEqual(want.map((w) => `${w.id}:${w.e}`).sort());
    expect(rows.length).toBeGreaterThan(0);

    expect(await currentRule(db, id)).toEqual({ version: 1, rule });
    expect(await currentRule(db, id, '2023-12-31')).toBeUndefined();
    const explanation = await explainFor(db, id, 1);
    expect(explanation?.version).toBe(1);
    expect(explanation?.conditions.map((c) => c.id)).toEqual(['industry', 'hightech', 'rd']);
    expect(explanation?.conditions[0]).toMatchObject({ held: 'C39', outcome: 'pass', clause: '制造业企业' });

    const count = await countMatches(db, rule);
    expect(count.eligible + count.unknown).toBe(rows.length);
    expect(count.total).toBe(profiles.filter((p) => p.active).length);
  });

  it('follows an enterprise that changes, through the queue', async () => {
    const db = t.database.db;
    const tagRule: Rule = { id: 'giant', field: 'tags', op: 'has_any', value: ['小巨人'], clause: '国家级专精特新“小巨人”企业' };
    const id = await publish(tagRule);
    await rematchPolicy(db, id);
    const before = await db.selectFrom('policy_matches').select('enterprise_id').where('policy_id', '=', id).execute();
    const target = (
      await db
        .selectFrom('enterprises')
        .select('id')
        .where('id', 'not in', before.length ? before.map((b) => b.enterprise_id) : [0])
        .orderBy('id')
        .limit(1)
        .executeTakeFirstOrThrow()
    ).id;
    await db.insertInto('enterprise_tags').values({ enterprise_id: target, tag: '小巨人' }).execute();
    await ensureFresh(db);
    const after = await db.selectFrom('policy_matches').select('enterprise_id').where('policy_id', '=', id).execute();
    expect(after.map((a) => a.enterprise_id).sort()).toEqual([...before.map((b) => b.enterprise_id), target].sort());
    expect((await countMatches(db, tagRule)).eligible).toBe(after.length);
  });

  it('sees what another server process took off the queue', async () => {
    // A second Kysely instance on the same database stands for a second process: its own warm store.
    const one = t.database.db;
    const two = one.withoutPlugins();
    const tagRule: Rule = { id: 'lead', field: 'tags', op: 'has_any', value: ['龙头骨干'], clause: '区龙头骨干企业' };
    const id = await publish(tagRule);
    await rematchPolicy(one, id);
    const before = await countMatches(one, tagRule);
    expect(await countMatches(two, tagRule)).toEqual(before);
    const target = (
      await one
        .selectFrom('enterprises')
        .select('id')
        .where(
          'id',
          'not in',
          (await one.selectFrom('enterprise_tags').select('enterprise_id').where('tag', '=', '龙头骨干').execute())
            .map((r) => r.enterprise_id)
            .concat(0),
        )
        .orderBy('id')
        .limit(1)
        .executeTakeFirstOrThrow()
    ).id;
    await one.insertInto('enterprise_tags').values({ enterprise_id: target, tag: '龙头骨干' }).execute();
    await ensureFresh(two); // the other process drains the queue
    expect((await countMatches(one, tagRule)).eligible).toBe(before.eligible + 1);
    // And a policy this process re-matches counts the enterprise too.
    await rematchPolicy(one, id);
    const matched = await one
      .selectFrom('policy_matches')
      .select('enterprise_id')
      .where('policy_id', '=', id)
      .where('enterprise_id', '=', target)
      .execute();
    expect(matched).toHaveLength(1);
  });
});

describe('routes', () => {
  it('explains one enterprise: label, unit, source and period per value, why one is missing, and its status', async () => {
    const db = t.database.db;
    const id = await publish(rule);
    await rematchPolicy(db, id);
    const enterprise = 40;
    const get = async () =>
      (await t.app.inject({ method: 'GET', url: `/api/policies/${id}/eligible/${enterprise}`, headers: { cookie: policy } })).json();
    const body = await get();
    expect(body).toMatchObject({ version: 1, status: 'active', outOfScope: null });
    const ly = Number(today().slice(0, 4)) - 1;
    for (const c of body.conditions as {
      field: string;
      label: string;
      source: string;
      held: unknown;
      shown: unknown;
      missing: string | null;
    }[]) {
      expect(c.label).not.toBe(c.field);
      expect(c.missing === null).toBe(c.held !== null);
      if (c.held === null) expect(c.shown).toBeNull();
    }
    expect(body.conditions.find((c: { id: string }) => c.id === 'rd')).toMatchObject({
      label: '上年度研发费用占营业收入比重',
      unit: '%',
      source: `年度数据·研发费用 ÷ 营业收入，${ly}年度`,
    });
    // Moved out: the lists leave it out, and the explanation says why rather than "eligible".
    await db.updateTable('enterprises').set({ status: 'moved_out' }).where('id', '=', enterprise).execute();
    expect(await get()).toMatchObject({ eligibility: 'ineligible', status: 'moved_out', outOfScope: expect.stringContaining('已迁出') });
    await db.updateTable('enterprises').set({ status: 'deregistered' }).where('id', '=', enterprise).execute();
    expect(await get()).toMatchObject({ eligibility: 'ineligible', status: 'deregistered', outOfScope: expect.stringContaining('已注销') });
    await db.updateTable('enterprises').set({ status: 'active' }).where('id', '=', enterprise).execute();
    await ensureFresh(db);
    // The contract names every part of the answer.
    const doc = t.app.swagger() as {
      paths: Record<string, { get: { responses: Record<string, { content: Record<string, { schema: unknown }> }> } }>;
    };
    const schema = JSON.stringify(
      doc.paths['/api/policies/{id}/eligible/{enterpriseId}']!.get.responses['200']!.content['application/json']!.schema,
    );
    expect(schema).toContain('EnterpriseEligibilityExplanation');
  });

  it('evaluates a rule against a test profile; missing fields are unknown', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/matching/evaluate',
      headers: { cookie: policy },
      payload: { rule, profile: { industry: 'C39', tags: ['国家高新'] } },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      eligibility: 'unknown',
      conditions: [
        { id: 'industry', outcome: 'pass' },
        { id: 'hightech', outcome: 'pass' },
        { id: 'rd', outcome: 'unknown', held: null },
      ],
    });
    const fail = await t.app.inject({
      method: 'POST',
      url: '/api/matching/evaluate',
      headers: { cookie: policy },
      payload: { rule, profile: { industry: 'I65', tags: [], rd_share: 5 } },
    });
    expect(fail.json().eligibility).toBe('ineligible');
  });

  it('lists the field catalogue to staff and the runs; a full run is for administrators', async () => {
    const fields = await t.app.inject({ method: 'GET', url: '/api/policy-rules/fields', headers: { cookie: policy } });
    expect(fields.json().fields.find((f: { key: string }) => f.key === 'rd_share')).toMatchObject({
      kind: 'number',
      unit: '%',
      ops: expect.arrayContaining(['gte', 'between']),
    });
    expect((await t.app.inject({ method: 'GET', url: '/api/policy-rules/fields', headers: { cookie: firm } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/api/matching/run', headers: { cookie: policy } })).statusCode).toBe(403);
    const run = await t.app.inject({ method: 'POST', url: '/api/matching/run', headers: { cookie: admin } });
    expect(run.statusCode).toBe(200);
    expect(run.json()).toMatchObject({ policies: expect.any(Number), enterprises: 40, changed: 0 });
    const runs = await t.app.inject({ method: 'GET', url: '/api/matching/runs?limit=5', headers: { cookie: policy } });
    expect(runs.statusCode).toBe(200);
    expect(runs.json()[0]).toMatchObject({ scope: 'full', enterprises: 40 });
  });
});
