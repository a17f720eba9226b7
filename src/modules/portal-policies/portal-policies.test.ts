import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/app.ts';
import { publishPolicy, setUpEnterprises, type Fixture } from './test-fixture.ts';

let t: TestApp;
let f: Fixture;
let policy: { id: number; noticeId: number };
const cookies: Record<string, string> = {};

function call(user: string, url: string) {
  return t.app.inject({ method: 'GET', url, headers: { cookie: cookies[user]! } });
}

beforeAll(async () => {
  t = await createTestApp();
  f = await setUpEnterprises(t.database.db);
  policy = await publishPolicy(t.database.db, { code: 'PORTAL-1', title: '专精特新企业研发奖励' });
  for (const u of ['enterprise', 'ent_c', 'policy']) cookies[u] = await t.login(u);
});
afterAll(() => t.close());

describe('policies for me', () => {
  it('lists the policy this enterprise is eligible for', async () => {
    const res = await call('enterprise', '/api/portal/policies/for-me');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toContainEqual(expect.objectContaining({ id: policy.id, outcome: 'eligible', openNotices: 1, pushed: false }));
    expect(res.json().eligible).toBeGreaterThanOrEqual(1);
    const outcomes = res.json().items.map((i: { outcome: string }) => i.outcome);
    expect(outcomes).toEqual([...outcomes].sort());
  });

  it('lists it as "may be eligible" where the file lacks data, and follows a change of the file', async () => {
    const res = await call('ent_c', '/api/portal/policies/for-me?outcome=unknown');
    expect(res.json().items).toContainEqual(expect.objectContaining({ id: policy.id, outcome: 'unknown' }));
    // The enterprise's revenue arrives: the next read sees it eligible (the engine drains its queue first).
    await t.database.db
      .insertInto('enterprise_annual_figures')
      .values({ enterprise_id: f.c, year: new Date().getUTCFullYear() - 1, revenue: 300, rd_expense: null, rd_staff: null, patents: null })
      .execute();
    const after = await call('ent_c', '/api/portal/policies/for-me');
    expect(after.json().items).toContainEqual(expect.objectContaining({ id: policy.id, outcome: 'eligible' }));
    await t.database.db.deleteFrom('enterprise_annual_figures').where('enterprise_id', '=', f.c).execute();
  });

  it('shows a policy with its notices and the reason for every condition', async () => {
    const res = await call('enterprise', `/api/portal/policies/${policy.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.policy).toMatchObject({ id: policy.id, interpretation: '政策解读：符合条件即可享受。' });
    expect(body.policy.notices).toEqual([expect.objectContaining({ id: policy.noticeId, open: true })]);
    expect(body.eligibility.eligibility).toBe('eligible');
    expect(body.eligibility.conditions).toEqual([
      expect.objectContaining({ id: 'tag', label: '企业标签', outcome: 'pass', clause: '纳入直达测试名单的企业' }),
      expect.objectContaining({ id: 'revenue', label: '上年度营业收入', unit: '万元', required: 100, held: 500, outcome: 'pass' }),
    ]);
    const unknown = await call('ent_c', `/api/portal/policies/${policy.id}`);
    expect(unknown.json().eligibility).toMatchObject({ eligibility: 'unknown' });
    expect(unknown.json().eligibility.conditions[1]).toMatchObject({ held: null, outcome: 'unknown' });
  });

  it('marks the push read when the enterprise opens the policy', async () => {
    const officer = await t.login('policy');
    const push = await t.app.inject({
      method: 'POST',
      url: '/api/push-campaigns',
      headers: { cookie: officer },
      payload: { policyId: policy.id, message: '请查看', channels: ['in_app'] },
    });
    expect(push.statusCode, push.body).toBe(201);
    const before = await call('enterprise', '/api/portal/policies/for-me');
    expect(before.json().items).toContainEqual(expect.objectContaining({ id: policy.id, pushed: true, unread: true }));
    await call('enterprise', `/api/portal/policies/${policy.id}`);
    const read = await t.database.db
      .selectFrom('push_recipients')
      .select(['enterprise_id', 'read_at'])
      .where('policy_id', '=', policy.id)
      .execute();
    expect(read.find((r) => r.enterprise_id === f.a)?.read_at).not.toBeNull();
    expect(read.find((r) => r.enterprise_id === f.b)?.read_at).toBeNull();
    const notes = await t.app.inject({ method: 'GET', url: '/api/notifications?unread=true', headers: { cookie: cookies.enterprise! } });
    expect(notes.json().items.filter((n: { link: string }) => n.link === `/portal/policies/${policy.id}`)).toEqual([]);
  });

  it('searches the published library with my outcome', async () => {
    const res = await call('enterprise', `/api/portal/policies?q=${encodeURIComponent('研发奖励')}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toContainEqual(expect.objectContaining({ id: policy.id, outcome: 'eligible' }));
  });

  it('refuses staff, drafts and other enterprises’ data', async () => {
    expect((await call('policy', '/api/portal/policies/for-me')).statusCode).toBe(403);
    const draft = await t.database.db
      .insertInto('policies')
      .values({ code: 'PORTAL-DRAFT', title: '未发布政策', issuer: '区政府', level: 'district', effective_from: '2024-01-01' })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect((await call('enterprise', `/api/portal/policies/${draft.id}`)).statusCode).toBe(404);
    // The enterprise is the session's: a query parameter naming another one is not obeyed.
    const res = await call('ent_c', `/api/portal/policies/for-me?enterpriseId=${f.a}&outcome=eligible`);
    expect(res.json().items.find((i: { id: number }) => i.id === policy.id)).toBeUndefined();
    expect((await call('enterprise', '/api/push-campaigns')).statusCode).toBe(403);
  });
});
