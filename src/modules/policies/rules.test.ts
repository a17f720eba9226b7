import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/app.ts';

let t: TestApp;
const cookies: Record<string, string> = {};
let id: number;

function call(user: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) {
  return t.app.inject({ method, url, headers: { cookie: cookies[user]! }, ...(payload ? { payload } : {}) });
}

/** Small and medium enterprises, or any with the 国家高新 tag. */
const rule = {
  any: [
    { id: 'c1', field: 'scale', op: 'in', value: ['small', 'medium'], clause: '（一）属于中小企业' },
    { id: 'c2', field: 'tags', op: 'has_any', value: ['国家高新'], clause: '（二）为国家高新技术企业' },
  ],
};

beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['policy', 'leader', 'enterprise']) cookies[u] = await t.login(u);
  const res = await call('policy', 'POST', '/api/policies', {
    code: 'T-RULE-01',
    title: '中小企业发展专项资金',
    issuer: '深圳市宝安区工业和信息化局',
    level: 'district',
    effectiveFrom: '2024-01-01',
    summary: '支持中小企业发展',
  });
  id = res.json().id;
  expect((await call('policy', 'POST', `/api/policies/${id}/publish`)).statusCode).toBe(204);
});
afterAll(() => t.close());

describe('rule validation', () => {
  it('names the wrong place in the tree', async () => {
    const bad = { all: [rule.any[0], { id: 'c3', field: 'revenue_last_year', op: 'in', value: 5, clause: '' }] };
    const res = await call('policy', 'POST', `/api/policies/${id}/rules`, { rule: bad });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].field).toBe('rule.all.1.op');
    const unknownField = await call('policy', 'POST', '/api/policy-rules/count', {
      rule: { all: [{ id: 'x', field: 'shoe_size', op: 'gte', value: 1 }] },
    });
    expect(unknownField.statusCode).toBe(400);
    expect(unknownField.json().error.details.fields[0].field).toBe('rule.all.0.field');
    const empty = await call('policy', 'POST', '/api/policy-rules/count', { rule: { any: [] } });
    expect(empty.json().error.details.fields[0].field).toBe('rule.any');
    const dupIds = await call('policy', 'POST', '/api/policy-rules/count', { rule: { all: [rule.any[0], rule.any[0]] } });
    expect(dupIds.statusCode).toBe(400);
  });
});

describe('live count and versions', () => {
  it('counts a draft rule over the district', async () => {
    const db = t.database.db;
    const small = await db
      .selectFrom('enterprises')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('scale', 'in', ['small', 'medium'])
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    const res = await call('policy', 'POST', '/api/policy-rules/count', { rule: { all: [rule.any[0]] } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().eligible).toBe(Number(small.n));
    expect((await call('enterprise', 'POST', '/api/policy-rules/count', { rule })).statusCode).toBe(403);
  });

  it('saves versions: the previous one ends the day before the next starts', async () => {
    const v1 = await call('policy', 'POST', `/api/policies/${id}/rules`, {
      rule: { all: [rule.any[0]] },
      validFrom: '2024-01-01',
      note: '初版',
    });
    expect(v1.statusCode, v1.body).toBe(201);
    expect(v1.json().version).toBe(1);
    const v2 = await call('policy', 'POST', `/api/policies/${id}/rules`, { rule, validFrom: '2025-07-01', note: '增加高新企业' });
    expect(v2.json().version).toBe(2);
    const early = await call('policy', 'POST', `/api/policies/${id}/rules`, { rule, validFrom: '2025-06-30' });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.details.fields[0].field).toBe('validFrom');
    const versions = (await call('leader', 'GET', `/api/policies/${id}/rules`)).json().items;
    expect(
      versions.map((v: { version: number; validFrom: string; validTo: string | null; current: boolean }) => [
        v.version,
        v.validFrom,
        v.validTo,
        v.current,
      ]),
    ).toEqual([
      [2, '2025-07-01', null, true],
      [1, '2024-01-01', '2025-06-30', false],
    ]);
    expect((await call('leader', 'POST', `/api/policies/${id}/rules`, { rule })).statusCode).toBe(403);
    expect((await call('policy', 'GET', `/api/policies/${id}`)).json().ruleVersion).toBe(2);
  });
});

describe('test cases', () => {
  it('runs every case against the saved rule and a draft, with the explanation', async () => {
    const cases = [
      { name: '小型企业', profile: { scale: 'small', tags: [] }, expected: 'eligible' },
      { name: '大型非高新', profile: { scale: 'large', tags: ['四上'] }, expected: 'ineligible' },
      { name: '规模不详', profile: { tags: [] }, expected: 'unknown' },
    ];
    for (const c of cases) expect((await call('policy', 'POST', `/api/policies/${id}/rule-cases`, c)).statusCode).toBe(201);
    const bad = await call('policy', 'POST', `/api/policies/${id}/rule-cases`, { name: 'x', profile: { height: 3 }, expected: 'eligible' });
    expect(bad.json().error.details.fields[0].field).toBe('profile.height');
    const saved = await call('leader', 'POST', `/api/policies/${id}/rule-cases/run`, {});
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ version: 2, passed: 3, failed: 0 });
    const large = saved.json().results.find((r: { name: string }) => r.name === '大型非高新');
    expect(large.conditions.map((c: { id: string; outcome: string }) => [c.id, c.outcome])).toEqual([
      ['c1', 'fail'],
      ['c2', 'fail'],
    ]);
    // A draft for large enterprises only: the small and the large case now fail, the unknown one still holds.
    const draft = await call('policy', 'POST', `/api/policies/${id}/rule-cases/run`, {
      rule: { all: [{ ...rule.any[0], value: ['large'] }] },
    });
    expect(draft.json()).toMatchObject({ version: null, passed: 1, failed: 2 });
    const list = (await call('policy', 'GET', `/api/policies/${id}/rule-cases`)).json().items;
    expect(
      (await call('policy', 'PUT', `/api/policies/${id}/rule-cases/${list[0].id}`, { ...cases[0], expected: 'ineligible' })).statusCode,
    ).toBe(204);
    expect((await call('policy', 'POST', `/api/policies/${id}/rule-cases/run`, {})).json().failed).toBe(1);
    expect((await call('policy', 'DELETE', `/api/policies/${id}/rule-cases/${list[0].id}`)).statusCode).toBe(204);
    expect((await call('policy', 'GET', `/api/policies/${id}/rule-cases`)).json().items).toHaveLength(2);
  });
});

describe('eligible enterprises', () => {
  it('lists the matched enterprises with filters and exports them', async () => {
    const count = (await call('policy', 'POST', '/api/policy-rules/count', { rule })).json();
    const res = await call('policy', 'GET', `/api/policies/${id}/eligible?pageSize=200`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ eligible: count.eligible, unknown: count.unknown });
    expect(res.json().items.length).toBe(count.eligible + count.unknown);
    const first = res.json().items[0];
    const byScale = (await call('policy', 'GET', `/api/policies/${id}/eligible?scale=${first.scale}&pageSize=200`)).json();
    expect(byScale.items.every((i: { scale: string }) => i.scale === first.scale)).toBe(true);
    const section = first.industryCode.slice(0, 1);
    const byIndustry = (await call('policy', 'GET', `/api/policies/${id}/eligible?industry=${section}&pageSize=200`)).json();
    expect(byIndustry.items.length).toBeGreaterThan(0);
    expect(byIndustry.items.every((i: { industryCode: string }) => i.industryCode.startsWith(section))).toBe(true);
    const why = await call('policy', 'GET', `/api/policies/${id}/eligible/${first.enterpriseId}`);
    expect(why.json().version).toBe(2);
    const xlsx = await call('policy', 'GET', `/api/policies/${id}/eligible.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.rowCount).toBe(2 + res.json().total);
    expect((await call('enterprise', 'GET', `/api/policies/${id}/eligible`)).statusCode).toBe(403);
  });

  it('re-matches when the policy leaves the library', async () => {
    expect((await call('policy', 'POST', `/api/policies/${id}/archive`)).statusCode).toBe(204);
    expect((await call('policy', 'GET', `/api/policies/${id}/eligible`)).json()).toMatchObject({ total: 0, eligible: 0, unknown: 0 });
    expect((await call('policy', 'POST', `/api/policies/${id}/rules`, { rule, validFrom: '2027-01-01' })).statusCode).toBe(409);
  });
});
