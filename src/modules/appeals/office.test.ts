import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/app.ts';

let t: TestApp;
const cookies: Record<string, string> = {};
let appealId: number;
let scj: number;

beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['enterprise', 'specialist', 'coordinator', 'handler', 'leader']) cookies[u] = await t.login(u);
  scj = (await t.database.db.selectFrom('departments').select('id').where('code', '=', 'SCJ').executeTakeFirstOrThrow()).id;
  const item = await t.database.db.selectFrom('service_items').select('id').where('department_id', '=', scj).executeTakeFirstOrThrow();
  appealId = (
    await post('enterprise', '/api/appeals', {
      title: '食品经营许可证延续',
      description: '许可证即将到期，延续申请提交后一直没有消息，请帮忙催办。',
    })
  ).json().id;
  await post('specialist', `/api/appeals/${appealId}/accept`, { serviceItemId: item.id, grade: 'normal' });
  await post('specialist', `/api/appeals/${appealId}/dispatch`, { departmentId: scj });
  await post('handler', `/api/appeals/${appealId}/claim`, {});
});
afterAll(() => t.close());

function post(user: string, url: string, payload: object = {}) {
  return t.app.inject({ method: 'POST', url, headers: { cookie: cookies[user]! }, payload });
}
function get(user: string, url: string) {
  return t.app.inject({ url, headers: { cookie: cookies[user]! } });
}

describe('warnings and reminders', () => {
  it('turns an overdue appeal red, reminds each stage once even when swept twice, and puts long-red items on the agenda', async () => {
    const past = new Date(Date.now() - 10 * 86_400_000);
    await t.database.db
      .updateTable('appeals')
      .set({ accepted_at: new Date(past.getTime() - 3 * 86_400_000), deadline_at: past })
      .where('id', '=', appealId)
      .execute();
    const first = (await post('coordinator', '/api/appeals/sweep')).json();
    expect(first.changed).toBeGreaterThanOrEqual(1);
    expect(first.reminders.red_department).toBe(1);
    expect(first.reminders.red_head).toBe(1);
    expect(first.reminders.red_coordinator).toBe(1);
    expect(first.agendaItems).toBe(1);
    const second = (await post('coordinator', '/api/appeals/sweep')).json();
    expect(Object.values(second.reminders as Record<string, number>).every((n) => n === 0)).toBe(true);
    expect(second.agendaItems).toBe(0);
    const detail = (await get('coordinator', `/api/appeals/${appealId}`)).json().appeal;
    expect(detail.warningLevel).toBe('red');
    const warnings = (await get('coordinator', '/api/appeals?view=warnings')).json();
    expect(warnings.items[0].id).toBe(appealId);
    const agenda = (await get('leader', '/api/meeting-items?status=pending')).json().items;
    expect(agenda.find((m: { appeal: { id: number } | null }) => m.appeal?.id === appealId)?.source).toBe('long_red');
  });

  it('two sweeps at once (two server processes) still remind once', async () => {
    const item = await t.database.db.selectFrom('service_items').select('id').where('department_id', '=', scj).executeTakeFirstOrThrow();
    const id = (
      await post('enterprise', '/api/appeals', {
        title: '用电报装进度查询',
        description: '新厂房用电报装已经提交一个月，至今没有安装，影响投产。',
      })
    ).json().id as number;
    await post('specialist', `/api/appeals/${id}/accept`, { serviceItemId: item.id });
    await post('specialist', `/api/appeals/${id}/dispatch`, { departmentId: scj });
    const past = new Date(Date.now() - 2 * 86_400_000);
    await t.database.db
      .updateTable('appeals')
      .set({ accepted_at: new Date(past.getTime() - 86_400_000), deadline_at: past })
      .where('id', '=', id)
      .execute();
    const [a, b] = await Promise.all([post('coordinator', '/api/appeals/sweep'), post('coordinator', '/api/appeals/sweep')]);
    expect(a.json().reminders.red_department + b.json().reminders.red_department).toBe(1);
    const rows = await t.database.db.selectFrom('appeal_reminders').select('stage').where('appeal_id', '=', id).execute();
    expect(rows.filter((r) => r.stage === 'red_department')).toHaveLength(1);
  });

  it('an approved extension moves the deadline by working days and clears the red light', async () => {
    const req = await post('handler', `/api/appeals/${appealId}/request-extension`, { workingDays: 15, reason: '需现场核查' });
    expect(req.statusCode).toBe(200);
    expect((await post('handler', `/api/appeals/${appealId}/request-extension`, { workingDays: 2, reason: '再次' })).statusCode).toBe(409);
    const pending = (await get('coordinator', '/api/appeals/extensions?status=pending')).json().items;
    expect(pending[0].appeal.id).toBe(appealId);
    const before = (await get('coordinator', `/api/appeals/${appealId}`)).json().appeal.deadlineAt as string;
    expect((await post('coordinator', `/api/appeals/${appealId}/decide-extension`, { approve: true })).statusCode).toBe(200);
    const after = (await get('coordinator', `/api/appeals/${appealId}`)).json().appeal;
    expect(new Date(after.deadlineAt).getTime()).toBeGreaterThan(new Date(before).getTime() + 15 * 86_400_000);
    expect(after.warningLevel).toBe('green');
  });
});

describe('supervision orders and the joint meeting', () => {
  it('issues a numbered supervision order that the department answers', async () => {
    expect(
      (await post('coordinator', `/api/appeals/${appealId}/supervise`, { content: '请于两个工作日内办结', workingDays: 2 })).statusCode,
    ).toBe(200);
    const orders = (await get('handler', '/api/supervision-orders?status=open')).json().items;
    expect(orders[0].number).toMatch(/^DB-\d{4}-0001$/);
    expect((await post('handler', `/api/supervision-orders/${orders[0].id}/respond`, { response: '已安排专人办理' })).statusCode).toBe(204);
    expect((await post('handler', `/api/supervision-orders/${orders[0].id}/respond`, { response: '再次' })).statusCode).toBe(409);
    expect((await post('coordinator', `/api/supervision-orders/${orders[0].id}/close`)).statusCode).toBe(204);
  });

  it('settles the open supervision orders of an appeal that closes, and tells the department', async () => {
    await post('coordinator', `/api/appeals/${appealId}/supervise`, { content: '请尽快答复企业', workingDays: 2 });
    const open = (await get('handler', '/api/supervision-orders?status=open')).json().items;
    const order = open.find((o: { appeal: { id: number } | null }) => o.appeal?.id === appealId);
    expect(order.closedReason).toBeNull();
    await post('handler', `/api/appeals/${appealId}/start`, {});
    expect((await post('handler', `/api/appeals/${appealId}/reply`, { reply: '已办理完毕。' })).json().state).toBe('replied');
    // Still open while the appeal waits for the enterprise's rating.
    expect((await get('handler', '/api/supervision-orders?status=open')).json().items.map((o: { id: number }) => o.id)).toContain(order.id);
    expect((await post('enterprise', `/api/appeals/${appealId}/rate`, { rating: 5 })).json().state).toBe('closed');
    const closed = (await get('coordinator', '/api/supervision-orders?status=closed')).json().items;
    expect(closed.find((o: { id: number }) => o.id === order.id)).toMatchObject({ status: 'closed', closedReason: 'appeal_closed' });
    expect(closed.find((o: { id: number }) => o.id !== order.id)).toMatchObject({ closedReason: 'office' });
    expect((await get('handler', '/api/supervision-orders?status=open')).json().items).toHaveLength(0);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('after')
      .where('action', '=', 'supervision.settled')
      .where('entity_id', '=', String(order.id))
      .executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ reason: 'appeal_closed', appealState: 'closed' });
    const notice = await t.database.db
      .selectFrom('notifications')
      .select('title')
      .where('title', 'like', `督办单 ${order.number} 已随诉求%`)
      .execute();
    expect(notice.length).toBeGreaterThan(0);
  });

  it('settles them too when the sweep closes an unrated reply by itself', async () => {
    const item = await t.database.db.selectFrom('service_items').select('id').where('department_id', '=', scj).executeTakeFirstOrThrow();
    const id = (
      await post('enterprise', '/api/appeals', { title: '年报补报', description: '年报逾期未报，如何补报并移出异常名录？' })
    ).json().id;
    await post('specialist', `/api/appeals/${id}/accept`, { serviceItemId: item.id, grade: 'normal' });
    await post('specialist', `/api/appeals/${id}/dispatch`, { departmentId: scj });
    await post('handler', `/api/appeals/${id}/claim`, {});
    await post('coordinator', `/api/appeals/${id}/supervise`, { content: '请加快办理', workingDays: 2 });
    await post('handler', `/api/appeals/${id}/start`, {});
    expect((await post('handler', `/api/appeals/${id}/reply`, { reply: '已告知补报流程。' })).json().state).toBe('replied');
    const long = new Date(Date.now() - 60 * 86_400_000);
    await t.database.db.updateTable('appeals').set({ replied_at: long }).where('id', '=', id).execute();
    expect((await post('coordinator', '/api/appeals/sweep')).json().autoClosed).toBeGreaterThanOrEqual(1);
    const order = await t.database.db.selectFrom('supervision_orders').selectAll().where('appeal_id', '=', id).executeTakeFirstOrThrow();
    expect(order).toMatchObject({ status: 'closed', closed_reason: 'appeal_closed' });
  });

  it('records the meeting decision and its follow-up', async () => {
    const add = await post('coordinator', '/api/meeting-items', {
      title: '园区停车难问题',
      summary: '多家企业反映',
      meetingDate: '2026-12-01',
    });
    expect(add.statusCode).toBe(201);
    const id = add.json().id as number;
    expect((await post('coordinator', `/api/meeting-items/${id}/done`)).statusCode).toBe(409);
    const decide = await post('leader', `/api/meeting-items/${id}/decide`, {
      decision: '由交通部门牵头增设停车位',
      followUpDepartmentId: scj,
      followUpDue: '2026-12-31',
    });
    expect(decide.statusCode).toBe(204);
    expect((await post('coordinator', `/api/meeting-items/${id}/done`)).statusCode).toBe(204);
    expect((await post('enterprise', '/api/meeting-items', { title: 'x' })).statusCode).toBe(403);
  });
});
