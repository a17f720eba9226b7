import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/app.ts';

let t: TestApp;
const cookies: Record<string, string> = {};
beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['enterprise', 'specialist', 'coordinator', 'handler', 'leader', 'handler_fgj', 'cadre']) cookies[u] = await t.login(u);
});
afterAll(() => t.close());

async function post(user: string, url: string, payload: object, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'POST', url, headers: { cookie: cookies[user]!, ...headers }, payload });
}
async function get(user: string, url: string) {
  return t.app.inject({ url, headers: { cookie: cookies[user]! } });
}
async function deptId(code: string): Promise<number> {
  return (await t.database.db.selectFrom('departments').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
}
async function itemOf(code: string): Promise<number> {
  return (
    await t.database.db
      .selectFrom('service_items')
      .select('id')
      .where('department_id', '=', await deptId(code))
      .executeTakeFirstOrThrow()
  ).id;
}

const appealText = {
  title: '营业执照地址变更办理咨询',
  description: '我司搬迁到新厂房，需要办理营业执照住所变更登记，想了解需要哪些材料以及能否网上办理。',
  contactPhone: '13912345678',
};

describe('intake', () => {
  it('files one appeal for two submissions with the same Idempotency-Key, with a readable number and suggestions', async () => {
    const first = await post('enterprise', '/api/appeals', appealText, { 'idempotency-key': 'k-1' });
    expect(first.statusCode).toBe(201);
    expect(first.json().number).toMatch(/^QF-\d{4}-\d{6}$/);
    const again = await post('enterprise', '/api/appeals', appealText, { 'idempotency-key': 'k-1' });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    const detail = (await get('specialist', `/api/appeals/${first.json().id}`)).json().appeal;
    expect(detail.state).toBe('submitted');
    expect(detail.suggestions.length).toBeGreaterThan(0);
    expect(detail.suggestions[0].confidence).toBeGreaterThan(0);
  });

  it("staff file on an enterprise's behalf only with a channel and an enterprise", async () => {
    const noChannel = await post('specialist', '/api/appeals', { ...appealText, enterpriseId: 1 });
    expect(noChannel.statusCode).toBe(400);
    expect(noChannel.json().error.details.fields[0].field).toBe('channel');
    const ok = await post('specialist', '/api/appeals', { ...appealText, enterpriseId: 2, channel: 'hotline_12345' });
    expect(ok.statusCode).toBe(201);
    const bad = await post('enterprise', '/api/appeals', { title: 'x', description: 'short' });
    expect(bad.statusCode).toBe(400);
  });

  it('suggests service items for a text', async () => {
    const res = await post('enterprise', '/api/appeals/suggest', { text: '企业想申请专精特新认定' });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.length).toBeLessThanOrEqual(3);
  });
});

describe('the closed loop', () => {
  it('accept → dispatch → return upheld → claim (one wins) → info → reply → unsatisfied → reply → satisfied', async () => {
    const { id } = (await post('enterprise', '/api/appeals', { ...appealText, title: '厂房消防验收问题协调' })).json();
    const scj = await deptId('SCJ');
    const fgj = await deptId('FGJ');
    expect((await post('enterprise', `/api/appeals/${id}/accept`, {})).statusCode).toBe(403);
    const accepted = await post('specialist', `/api/appeals/${id}/accept`, { serviceItemId: await itemOf('SCJ'), grade: 'normal' });
    expect(accepted.json()).toEqual({ state: 'accepted' });
    const a1 = (await get('specialist', `/api/appeals/${id}`)).json().appeal;
    expect(a1.deadlineAt).toBeTruthy();

    expect((await post('specialist', `/api/appeals/${id}/dispatch`, { departmentId: scj })).json().state).toBe('dispatched');
    // The handler of another department may not touch it.
    expect((await post('handler_fgj', `/api/appeals/${id}/claim`, {})).statusCode).toBe(403);
    const ret = await post('handler', `/api/appeals/${id}/return`, { reason: '不属于本部门职责', suggestedDepartmentId: fgj });
    expect(ret.json().state).toBe('return_requested');
    const arb = await post('coordinator', `/api/appeals/${id}/arbitrate-return`, { upheld: true });
    expect(arb.json().state).toBe('dispatched');

    // Two claims at once: exactly one wins.
    const [c1, c2] = await Promise.all([
      post('handler_fgj', `/api/appeals/${id}/claim`, {}),
      post('handler_fgj', `/api/appeals/${id}/claim`, {}),
    ]);
    expect([c1.statusCode, c2.statusCode].sort()).toEqual([200, 409]);

    expect((await post('handler_fgj', `/api/appeals/${id}/start`, {})).json().state).toBe('in_progress');
    expect((await post('handler_fgj', `/api/appeals/${id}/request-info`, { question: '请提供消防设计图纸' })).json().state).toBe(
      'awaiting_info',
    );
    expect((await post('enterprise', `/api/appeals/${id}/provide-info`, { answer: '已上传图纸' })).json().state).toBe('in_progress');
    expect((await post('handler_fgj', `/api/appeals/${id}/reply`, { reply: '已协调消防部门现场指导' })).json().state).toBe('replied');
    const unhappy = await post('enterprise', `/api/appeals/${id}/rate`, { rating: 2, comment: '问题未解决' });
    expect(unhappy.json().state).toBe('dispatched');
    await post('handler_fgj', `/api/appeals/${id}/claim`, {});
    await post('handler_fgj', `/api/appeals/${id}/start`, {});
    await post('handler_fgj', `/api/appeals/${id}/reply`, { reply: '已完成验收' });
    expect((await post('enterprise', `/api/appeals/${id}/rate`, { rating: 5 })).json().state).toBe('closed');

    const detail = (await get('coordinator', `/api/appeals/${id}`)).json().appeal;
    expect(detail.reopenCount).toBe(1);
    const counted = await t.database.db.selectFrom('appeals').select('unsatisfied_ratings').where('id', '=', id).executeTakeFirstOrThrow();
    expect(counted.unsatisfied_ratings).toBe(1);
    expect(detail.timeline.map((e: { action: string }) => e.action)).toEqual([
      'submit',
      'accept',
      'dispatch',
      'return',
      'arbitrate_return',
      'claim',
      'start',
      'request_info',
      'provide_info',
      'reply',
      'rate',
      'claim',
      'start',
      'reply',
      'rate',
    ]);
    const mine = (await get('enterprise', `/api/appeals/${id}`)).json().appeal;
    expect(mine.timeline.some((e: { action: string }) => e.action === 'return')).toBe(false);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'appeal')
      .where('entity_id', '=', String(id))
      .execute();
    expect(audit.length).toBe(15);
    const notes = await t.database.db.selectFrom('notifications').select('title').where('appeal_id', '=', id).execute();
    expect(notes.length).toBeGreaterThan(5);
    const sms = await t.database.db.selectFrom('outbox').select('recipient').where('recipient', '=', '13912345678').execute();
    expect(sms.length).toBeGreaterThan(0);
  });

  it('refuses an action in the wrong state with 409 INVALID_STATE and a Chinese message', async () => {
    const { id } = (await post('enterprise', '/api/appeals', appealText)).json();
    const res = await post('specialist', `/api/appeals/${id}/dispatch`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('INVALID_STATE');
    expect(res.json().error.message).toMatch(/已提交/);
  });

  it('an enterprise sees only its own appeals; a department only what it handles', async () => {
    const list = (await get('enterprise', '/api/appeals?pageSize=100')).json();
    const own = await t.database.db
      .selectFrom('users')
      .select('enterprise_id')
      .where('username', '=', 'enterprise')
      .executeTakeFirstOrThrow();
    for (const a of list.items) expect(a.enterprise.id).toBe(own.enterprise_id);
    const other = await t.database.db
      .selectFrom('appeals')
      .select('id')
      .where('enterprise_id', '!=', own.enterprise_id!)
      .executeTakeFirstOrThrow();
    expect((await get('enterprise', `/api/appeals/${other.id}`)).statusCode).toBe(403);
    const inbox = (await get('handler', '/api/appeals?view=inbox')).json();
    expect(inbox.total).toBe(0);
  });

  it('an unsatisfied rating of an appeal handled on the spot returns it to the front office', async () => {
    const { id } = (await post('enterprise', '/api/appeals', appealText)).json();
    await post('specialist', `/api/appeals/${id}/accept`, { serviceItemId: await itemOf('SCJ') });
    expect((await post('specialist', `/api/appeals/${id}/resolve-on-spot`, { reply: '已现场解答' })).json().state).toBe('replied');
    expect((await post('enterprise', `/api/appeals/${id}/rate`, { rating: 1, comment: '没有解决' })).json().state).toBe('accepted');
    const detail = (await get('specialist', `/api/appeals/${id}`)).json().appeal;
    expect(detail.actions).toContain('dispatch');
    expect(detail.onSpot).toBe(false);
  });

  it('offers to decide an extension only while one is pending', async () => {
    const { id } = (await post('enterprise', '/api/appeals', appealText)).json();
    await post('specialist', `/api/appeals/${id}/accept`, { serviceItemId: await itemOf('SCJ') });
    await post('specialist', `/api/appeals/${id}/dispatch`, {});
    await post('handler', `/api/appeals/${id}/claim`, {});
    expect((await get('handler', `/api/appeals/${id}`)).json().appeal.actions).toContain('request_extension');
    expect((await get('coordinator', `/api/appeals/${id}`)).json().appeal.actions).not.toContain('decide_extension');
    await post('handler', `/api/appeals/${id}/request-extension`, { workingDays: 2, reason: '需要会商' });
    expect((await get('handler', `/api/appeals/${id}`)).json().appeal.actions).not.toContain('request_extension');
    const office = (await get('coordinator', `/api/appeals/${id}`)).json().appeal;
    expect(office.actions).toContain('decide_extension');
    expect(office.pendingExtension).toMatchObject({ workingDays: 2, reason: '需要会商' });
  });

  it('a cadre sees the appeals of the enterprises assigned to them, and no others', async () => {
    const cadre = await t.database.db.selectFrom('users').select('id').where('username', '=', 'cadre').executeTakeFirstOrThrow();
    const coordinator = await t.database.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'coordinator')
      .executeTakeFirstOrThrow();
    await t.database.db
      .insertInto('liaisons')
      .values({ enterprise_id: 3, user_id: cadre.id, tier: 'special_group', assigned_by: coordinator.id })
      .execute();
    const mine = (await post('specialist', '/api/appeals', { ...appealText, enterpriseId: 3, channel: 'phone' })).json().id as number;
    const other = (await post('specialist', '/api/appeals', { ...appealText, enterpriseId: 4, channel: 'phone' })).json().id as number;
    expect((await get('cadre', `/api/appeals/${mine}`)).statusCode).toBe(200);
    expect((await get('cadre', `/api/appeals/${other}`)).statusCode).toBe(403);
  });
});
