import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/app.ts';
import { publishPolicy, setUpEnterprises, type Fixture } from '../portal-policies/test-fixture.ts';

let t: TestApp;
let f: Fixture;
let grant: { id: number };
let applied: { id: number };
const cookies: Record<string, string> = {};

function call(user: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) {
  return t.app.inject({ method, url, headers: { cookie: cookies[user]! }, ...(payload ? { payload } : {}) });
}
const benefitsOf = (enterpriseId: number) =>
  t.database.db
    .selectFrom('benefits')
    .select(['enterprise_id', 'amount', 'grant_batch_id'])
    .where('policy_id', '=', grant.id)
    .where('enterprise_id', '=', enterpriseId)
    .execute();

beforeAll(async () => {
  t = await createTestApp();
  f = await setUpEnterprises(t.database.db);
  grant = await publishPolicy(t.database.db, { code: 'GRANT-1', title: '免申即享测试政策', autoGrant: true, maxAmount: 10 });
  applied = await publishPolicy(t.database.db, { code: 'GRANT-2', title: '需申报测试政策' });
  for (const u of ['policy', 'admin', 'enterprise', 'ent_b', 'leader']) cookies[u] = await t.login(u);
});
afterAll(() => t.close());

describe('免申即享', () => {
  let batch: number;

  it('lists the auto-grant policies and their eligible-unclaimed enterprises', async () => {
    const res = await call('policy', 'GET', '/api/grants/policies');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().find((p: { id: number }) => p.id === grant.id)).toMatchObject({ eligible: 2, granted: 0, unclaimed: 2, drafts: 0 });
    expect(res.json().find((p: { id: number }) => p.id === applied.id)).toBeUndefined();
    const unclaimed = await call('policy', 'GET', `/api/grants/unclaimed?policyId=${grant.id}`);
    expect(unclaimed.json().total).toBe(2);
    // Policies that are applied for appear on request.
    const all = await call('policy', 'GET', '/api/grants/unclaimed?all=1');
    expect(all.json().items.filter((i: { policyId: number }) => i.policyId === applied.id)).toHaveLength(2);
  });

  it('drafts a batch of the eligible with each one’s explanation, and refuses a non-auto-grant policy', async () => {
    expect((await call('policy', 'POST', '/api/grant-batches', { policyId: applied.id })).statusCode).toBe(409);
    const res = await call('policy', 'POST', '/api/grant-batches', { policyId: grant.id });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ enterprises: 2, totalAmount: 20 });
    batch = res.json().id;
    const items = await call('policy', 'GET', `/api/grant-batches/${batch}/items`);
    expect(
      items
        .json()
        .items.map((i: { enterpriseId: number }) => i.enterpriseId)
        .sort(),
    ).toEqual([f.a, f.b].sort());
    const first = items.json().items[0];
    expect(first.explanation.eligibility).toBe('eligible');
    expect(first.explanation.conditions).toContainEqual(
      expect.objectContaining({ id: 'revenue', held: 500, required: 100, outcome: 'pass', clause: '上年度营业收入不低于100万元' }),
    );
    // An enterprise in a draft is not drafted again.
    expect((await call('policy', 'POST', '/api/grant-batches', { policyId: grant.id })).statusCode).toBe(409);
  });

  it('lets the officer exclude an item, then confirms: benefits exactly once, the enterprise told', async () => {
    // With every item excluded there is nothing to confirm.
    expect((await call('policy', 'PATCH', `/api/grant-batches/${batch}/items/${f.a}`, { excluded: true })).statusCode).toBe(204);
    const ex = await call('policy', 'PATCH', `/api/grant-batches/${batch}/items/${f.b}`, { excluded: true });
    expect(ex.statusCode, ex.body).toBe(204);
    expect((await call('admin', 'POST', `/api/grant-batches/${batch}/confirm`, {})).statusCode).toBe(409);
    expect((await call('policy', 'PATCH', `/api/grant-batches/${batch}/items/${f.a}`, { excluded: false })).statusCode).toBe(204);
    expect((await call('policy', 'GET', `/api/grant-batches/${batch}`)).json()).toMatchObject({
      status: 'draft',
      enterprises: 1,
      totalAmount: 10,
      items: 2,
      excluded: 1,
    });
    const ok = await call('admin', 'POST', `/api/grant-batches/${batch}/confirm`, {});
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ enterprises: 1, totalAmount: 10 });
    const again = await call('admin', 'POST', `/api/grant-batches/${batch}/confirm`, {});
    expect(again.statusCode).toBe(409);
    expect((await call('policy', 'PATCH', `/api/grant-batches/${batch}/items/${f.b}`, { excluded: false })).statusCode).toBe(409);
    expect(await benefitsOf(f.a)).toEqual([{ enterprise_id: f.a, amount: 10, grant_batch_id: batch }]);
    expect(await benefitsOf(f.b)).toEqual([]);
    const db = t.database.db;
    const told = await db
      .selectFrom('notifications as n')
      .innerJoin('users as u', 'u.id', 'n.user_id')
      .select('u.enterprise_id')
      .where('n.policy_id', '=', grant.id)
      .execute();
    expect(told.map((n) => n.enterprise_id)).toEqual([f.a]);
    expect(await db.selectFrom('outbox').select('recipient').where('body', 'like', '%免申即享测试政策%').execute()).toHaveLength(2);
    const audit = await db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'grant_batch')
      .where('entity_id', '=', String(batch))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'grant_batch.draft',
      'grant_batch.item',
      'grant_batch.item',
      'grant_batch.item',
      'grant_batch.confirm',
    ]);
  });

  it('shrinks 应享未享 and skips granted enterprises in the next batch', async () => {
    const unclaimed = await call('policy', 'GET', `/api/grants/unclaimed?policyId=${grant.id}`);
    expect(unclaimed.json()).toMatchObject({ total: 1, items: [{ enterpriseId: f.b }] });
    const res = await call('policy', 'POST', '/api/grant-batches', { policyId: grant.id, amount: 5 });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ enterprises: 1, totalAmount: 5 });
    expect((await call('policy', 'POST', `/api/grant-batches/${res.json().id}/confirm`, { paidOn: '2026-01-15' })).statusCode).toBe(200);
    expect(await benefitsOf(f.a)).toHaveLength(1);
    expect(await benefitsOf(f.b)).toEqual([{ enterprise_id: f.b, amount: 5, grant_batch_id: res.json().id }]);
    expect((await call('policy', 'GET', `/api/grants/unclaimed?policyId=${grant.id}`)).json().total).toBe(0);
    expect((await call('policy', 'POST', '/api/grant-batches', { policyId: grant.id })).statusCode).toBe(409);
    const list = await call('policy', 'GET', `/api/grant-batches?policyId=${grant.id}`);
    expect(list.json().items.map((b: { status: string }) => b.status)).toEqual(['confirmed', 'confirmed']);
  });

  it('exports 应享未享', async () => {
    const res = await call('policy', 'GET', '/api/grants/unclaimed.xlsx?all=1');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.getWorksheet('应享未享')!.rowCount).toBe(3);
  });

  it('shows each enterprise its own benefits only', async () => {
    const mine = await call('enterprise', 'GET', '/api/portal/benefits');
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json()).toMatchObject({ total: 1, totalAmount: 10, items: [{ policyId: grant.id, amount: 10, source: 'auto_grant' }] });
    expect(mine.json().items[0].grantBatchNumber).toMatch(/^MS\d{8}-\d{3}$/);
    const theirs = await call('ent_b', 'GET', '/api/portal/benefits');
    expect(theirs.json()).toMatchObject({ total: 1, totalAmount: 5, items: [{ amount: 5, paidOn: '2026-01-15' }] });
  });

  it('is for policy officers and administrators only', async () => {
    expect((await call('enterprise', 'GET', '/api/grants/unclaimed')).statusCode).toBe(403);
    expect((await call('leader', 'POST', '/api/grant-batches', { policyId: grant.id })).statusCode).toBe(403);
    expect((await call('policy', 'GET', '/api/portal/benefits')).statusCode).toBe(403);
  });
});
