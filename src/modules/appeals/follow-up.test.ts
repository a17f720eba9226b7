import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/app.ts';
import { shanghaiDate } from '../calendar/working-days.ts';
import { appealEvents } from '../webhooks/events.ts';

let t: TestApp;
let enterpriseId: number;
let otherEnterpriseId: number;
let scjItem: number;
const cookies: Record<string, string> = {};
const DAY = 86_400_000;

beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['enterprise', 'specialist', 'coordinator', 'handler', 'leader', 'admin']) cookies[u] = await t.login(u);
  const db = t.database.db;
  enterpriseId = (await db.selectFrom('users').select('enterprise_id').where('username', '=', 'enterprise').executeTakeFirstOrThrow())
    .enterprise_id!;
  otherEnterpriseId = (
    await db.selectFrom('enterprises').select('id').where('id', '!=', enterpriseId).orderBy('id').executeTakeFirstOrThrow()
  ).id;
  const scj = (await db.selectFrom('departments').select('id').where('code', '=', 'SCJ').executeTakeFirstOrThrow()).id;
  scjItem = (
    await db
      .selectFrom('service_items')
      .select('id')
      .where('department_id', '=', scj)
      .where('active', '=', true)
      .orderBy('id')
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(() => t.close());

async function post(user: string, url: string, payload: object = {}) {
  return t.app.inject({ method: 'POST', url, headers: { cookie: cookies[user]! }, payload });
}
async function ok(user: string, url: string, payload: object = {}) {
  const res = await post(user, url, payload);
  expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(300);
  return res.json();
}
async function get(user: string, url: string) {
  return t.app.inject({ url, headers: { cookie: cookies[user]! } });
}

/** An appeal taken by phone for an enterprise, handled by SCJ and replied: waiting for a rating. */
async function repliedAppeal(title: string, enterprise = otherEnterpriseId): Promise<number> {
  const { id } = await ok('specialist', '/api/appeals', {
    title,
    description: '企业来电反映的问题，需要部门协调解决。',
    enterpriseId: enterprise,
    channel: 'phone',
    contactName: '王经理',
    contactPhone: '13800138000',
  });
  await ok('specialist', `/api/appeals/${id}/accept`, { serviceItemId: scjItem, grade: 'normal' });
  await ok('specialist', `/api/appeals/${id}/dispatch`, {});
  await ok('handler', `/api/appeals/${id}/claim`);
  await ok('handler', `/api/appeals/${id}/start`);
  await ok('handler', `/api/appeals/${id}/reply`, { reply: '已协调解决，请企业确认。' });
  return id;
}
const row = (id: number) => t.database.db.selectFrom('appeals').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const detail = async (user: string, id: number) => (await get(user, `/api/appeals/${id}`)).json().appeal;
const queueIds = async (query = '') =>
  ((await get('specialist', `/api/appeals/follow-ups?pageSize=200${query}`)).json().items as { id: number }[]).map((i) => i.id);

describe('the follow-up queue (回访)', () => {
  it('lists replied, unrated appeals with the due date, the number to call (masked) and filters', async () => {
    const id = await repliedAppeal('电话反映：厂区道路破损');
    const res = await get('specialist', '/api/appeals/follow-ups?pageSize=200');
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json();
    expect(list).toMatchObject({ followUpAfterWorkingDays: 2, maxAttempts: 3 });
    const item = list.items.find((i: { id: number }) => i.id === id);
    expect(item).toMatchObject({
      state: 'replied',
      appealType: 'help',
      channel: 'phone',
      contactPhone: '138****8000',
      contactName: '王**',
      attempts: 0,
      overdue: false,
      lastCallAt: null,
    });
    // Two working days after today's reply, at the end of the office day.
    expect(new Date(item.dueAt).getTime()).toBeGreaterThan(Date.now() + DAY);
    // The office sees the number in full on the appeal's follow-up.
    const one = (await get('coordinator', `/api/appeals/${id}/follow-ups`)).json();
    expect(one).toMatchObject({ awaiting: true, contactPhone: '13800138000', overdue: false, calls: [] });

    expect(await queueIds('&overdue=false')).toContain(id);
    expect(await queueIds('&overdue=true')).not.toContain(id);
    expect(await queueIds('&appealType=complaint')).not.toContain(id);
    expect(await queueIds('&channel=phone&q=道路破损')).toEqual([id]);
    // Replied ten days ago: its follow-up is overdue.
    await t.database.db
      .updateTable('appeals')
      .set({ replied_at: new Date(Date.now() - 10 * DAY) })
      .where('id', '=', id)
      .execute();
    expect(await queueIds('&overdue=true')).toContain(id);
    const overdue = (await get('specialist', '/api/appeals/follow-ups?overdue=true')).json();
    expect(overdue.overdue).toBe(overdue.total);
    expect(overdue.items.find((i: { id: number }) => i.id === id)).toMatchObject({ overdue: true });
  });

  it('is for the office: enterprises, handlers and leaders may neither read the queue nor record a call', async () => {
    const id = await repliedAppeal('电话反映：用电报装进度', enterpriseId);
    for (const user of ['enterprise', 'handler', 'leader']) {
      expect((await get(user, '/api/appeals/follow-ups')).statusCode, user).toBe(403);
      expect((await get(user, `/api/appeals/${id}/follow-ups`)).statusCode, user).toBe(403);
      expect((await post(user, `/api/appeals/${id}/follow-up`, { outcome: 'rated', rating: 5 })).statusCode, user).toBe(403);
    }
    expect((await t.app.inject({ url: '/api/appeals/follow-ups' })).statusCode).toBe(401);
    // The detail offers the call to the office, not to the enterprise.
    expect((await detail('specialist', id)).actions).toContain('follow_up');
    expect((await detail('enterprise', id)).actions).not.toContain('follow_up');
  });

  it('refuses a rating without a score, a score without a rating, and a call on an appeal not waiting for one', async () => {
    const id = await repliedAppeal('电话反映：停车位不足');
    const noScore = await post('specialist', `/api/appeals/${id}/follow-up`, { outcome: 'rated' });
    expect(noScore.statusCode).toBe(400);
    expect(noScore.json().error.details.fields[0]).toMatchObject({ field: 'rating', message: expect.stringMatching(/评分/) });
    expect((await post('specialist', `/api/appeals/${id}/follow-up`, { outcome: 'declined', rating: 4 })).statusCode).toBe(400);
    expect((await post('specialist', `/api/appeals/${id}/follow-up`, { outcome: 'called' })).statusCode).toBe(400);
    const { id: fresh } = await ok('specialist', '/api/appeals', {
      title: '电话咨询：未受理的',
      description: '尚未受理的诉求不能回访评价。',
      enterpriseId: otherEnterpriseId,
      channel: 'phone',
    });
    const early = await post('specialist', `/api/appeals/${fresh}/follow-up`, { outcome: 'rated', rating: 5 });
    expect(early.statusCode).toBe(409);
    expect((await row(id)).state).toBe('replied');
    expect(await t.database.db.selectFrom('appeal_follow_ups').select('id').where('appeal_id', 'in', [id, fresh]).execute()).toEqual([]);
  });
});

describe('recording a follow-up call', () => {
  it('a satisfied rating closes the appeal, recorded as a follow-up rating, on the timeline and audited', async () => {
    const id = await repliedAppeal('电话反映：排水管道堵塞');
    expect(await ok('specialist', `/api/appeals/${id}/follow-up`, { outcome: 'rated', rating: 4, comment: '问题已解决，满意' })).toEqual({
      state: 'closed',
    });
    expect(await row(id)).toMatchObject({
      state: 'closed',
      rating: 4,
      rating_source: 'follow_up',
      rating_comment: '问题已解决，满意',
      closed_unrated: null,
    });
    const d = await detail('coordinator', id);
    expect(d).toMatchObject({ rating: 4, ratingSource: 'follow_up', closedUnrated: null });
    expect(d.followUps).toEqual([
      expect.objectContaining({ outcome: 'rated', rating: 4, comment: '问题已解决，满意', calledBy: expect.any(String) }),
    ]);
    expect(d.timeline.at(-1)).toMatchObject({
      action: 'follow_up',
      actorRole: 'specialist',
      fromState: 'replied',
      toState: 'closed',
      data: { outcome: 'rated', rating: 4, source: 'follow_up' },
    });
    // Another enterprise's user sees nothing of it.
    expect((await get('enterprise', `/api/appeals/${id}`)).statusCode).toBe(403);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('entity_type', '=', 'appeal')
      .where('entity_id', '=', String(id))
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'appeal.follow_up', after: { state: 'closed', outcome: 'rated', rating: 4 } });
    expect(await queueIds()).not.toContain(id);
    // Rated: neither the enterprise nor another call may rate it again.
    expect((await post('specialist', `/api/appeals/${id}/follow-up`, { outcome: 'rated', rating: 5 })).statusCode).toBe(409);
  });

  it("an unsatisfied rating sends the appeal back for 重办, as the enterprise's own would", async () => {
    const id = await repliedAppeal('电话反映：证照办理慢', enterpriseId);
    expect(await ok('coordinator', `/api/appeals/${id}/follow-up`, { outcome: 'rated', rating: 2, comment: '还没有解决' })).toEqual({
      state: 'dispatched',
    });
    expect(await row(id)).toMatchObject({
      state: 'dispatched',
      rating: 2,
      rating_source: 'follow_up',
      reopen_count: 1,
      unsatisfied_ratings: 1,
      unsatisfied_follow_ups: 1,
      unsatisfied_points: 2,
      unsatisfied_follow_up_points: 2,
      replied_at: null,
    });
    const notices = await t.database.db.selectFrom('notifications').select('title').where('appeal_id', '=', id).execute();
    expect(notices.filter((n) => n.title.startsWith('回访评价不满意')).length, JSON.stringify(notices)).toBeGreaterThan(0);
    // Replied again: back in the queue, and now the enterprise rates it itself.
    await ok('handler', `/api/appeals/${id}/claim`);
    await ok('handler', `/api/appeals/${id}/start`);
    await ok('handler', `/api/appeals/${id}/reply`, { reply: '已重新办理。' });
    expect(await queueIds()).toContain(id);
    expect(await ok('enterprise', `/api/appeals/${id}/rate`, { rating: 5 })).toEqual({ state: 'closed' });
    expect(await row(id)).toMatchObject({ rating: 5, rating_source: 'self', unsatisfied_follow_ups: 1 });
  });

  it('a reopened appeal gives up the rating that closed it, so a later unrated closure is not also counted satisfied', async () => {
    const id = await repliedAppeal('电话反映：路灯不亮', enterpriseId);
    expect(await ok('enterprise', `/api/appeals/${id}/rate`, { rating: 4 })).toEqual({ state: 'closed' });
    expect(await ok('enterprise', `/api/appeals/${id}/reopen`, { reason: '路灯又坏了' })).toMatchObject({ state: 'dispatched' });
    expect(await row(id)).toMatchObject({ rating: null, rating_source: null, rated_at: null, closed_unrated: null, reopen_count: 1 });
    await ok('handler', `/api/appeals/${id}/claim`);
    await ok('handler', `/api/appeals/${id}/start`);
    await ok('handler', `/api/appeals/${id}/reply`, { reply: '已更换灯具。' });
    expect(await queueIds()).toContain(id);
    await ok('coordinator', `/api/appeals/${id}/close`, {});
    expect(await row(id)).toMatchObject({ state: 'closed', rating: null, closed_unrated: 'office' });
  });

  it('not reached three times closes the appeal without a rating', async () => {
    const id = await repliedAppeal('电话反映：招工难');
    for (const attempt of [1, 2]) {
      expect(
        await ok('specialist', `/api/appeals/${id}/follow-up`, { outcome: 'not_reached', comment: `第 ${attempt} 次无人接听` }),
      ).toEqual({ state: 'replied' });
      const item = (
        (await get('specialist', '/api/appeals/follow-ups?attempted=true&pageSize=200')).json().items as {
          id: number;
          attempts: number;
          lastCallAt: string | null;
        }[]
      ).find((i) => i.id === id);
      expect(item).toMatchObject({ attempts: attempt, lastCallAt: expect.any(String) });
    }
    expect(await queueIds('&attempted=false')).not.toContain(id);
    expect(await ok('specialist', `/api/appeals/${id}/follow-up`, { outcome: 'not_reached' })).toEqual({ state: 'closed' });
    expect(await row(id)).toMatchObject({
      state: 'closed',
      rating: null,
      rating_source: null,
      closed_unrated: 'not_reached',
      closed_at: expect.any(Date),
    });
    const d = await detail('specialist', id);
    expect(d.followUps.map((c: { outcome: string }) => c.outcome)).toEqual(['not_reached', 'not_reached', 'not_reached']);
    expect(d).toMatchObject({ closedUnrated: 'not_reached', actions: [] });
    expect(d.timeline.at(-1)).toMatchObject({
      action: 'follow_up',
      toState: 'closed',
      note: '回访 3 次未接通，不评价办结',
      data: { outcome: 'not_reached', attempt: 3, closedUnrated: 'not_reached' },
    });
    expect(await queueIds()).not.toContain(id);
  });

  it("tells connected systems of a follow-up rating as of the enterprise's own (appeal.rated)", () => {
    expect(appealEvents('follow_up', 'replied', 'closed', true)).toEqual(['appeal.rated', 'appeal.closed']);
    expect(appealEvents('follow_up', 'replied', 'replied', false)).toEqual([]);
    expect(appealEvents('rate', 'replied', 'dispatched')).toEqual(['appeal.rated', 'appeal.dispatched']);
  });

  it('declined to rate closes the appeal without a rating, counted as declined', async () => {
    const id = await repliedAppeal('电话反映：食堂卫生许可');
    expect(await ok('admin', `/api/appeals/${id}/follow-up`, { outcome: 'declined', comment: '企业表示不愿评价' })).toEqual({
      state: 'closed',
    });
    expect(await row(id)).toMatchObject({ state: 'closed', rating: null, closed_unrated: 'declined' });
  });

  it('counts follow-up ratings apart from self-ratings in the figures, and the unrated closures', async () => {
    const today = shanghaiDate(new Date());
    const f = (await get('coordinator', `/api/appeals/figures?from=${today}&to=${today}`)).json();
    // Today: 排水 4 (follow-up), 证照 2 (follow-up, sent back) then 5 (self); 招工 not reached, 食堂 declined;
    // 路灯 rated 4 by the enterprise, reopened and closed by the office: unrated, its 4 no longer counts.
    expect(f.totals).toMatchObject({
      rated: 3,
      satisfied: 2,
      selfRated: 1,
      selfSatisfied: 1,
      selfAvgRating: 5,
      followUpRated: 2,
      followUpSatisfied: 1,
      followUpSatisfactionRate: 0.5,
      followUpAvgRating: 3,
      avgRating: 11 / 3,
      closedUnrated: 3,
      closedUnratedNotReached: 1,
      closedUnratedDeclined: 1,
      closedUnratedAuto: 0,
      closedUnratedOffice: 1,
    });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/overdue-reports',
      headers: { cookie: cookies.coordinator! },
      payload: { from: today, to: today },
    });
    const report = (await get('coordinator', `/api/overdue-reports/${res.json().id}`)).json();
    expect(report.data.closures).toMatchObject({ ratedSelf: 1, ratedFollowUp: 1, unrated: 3, unratedNotReached: 1, unratedDeclined: 1 });
  });
});

describe('the auto-close of unrated replies', () => {
  const setSettings = async (patch: object) => {
    const current = (await get('admin', '/api/admin/settings/appeals')).json();
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/admin/settings/appeals',
      headers: { cookie: cookies.admin! },
      payload: { ...current, ...patch },
    });
    expect(res.statusCode, res.body).toBe(200);
  };

  it("waits for the follow-up's due date, then closes as unrated (auto)", async () => {
    const id = await repliedAppeal('电话反映：环评手续');
    // And a consultation answered and closed on the spot, waiting in the queue for its rating.
    const { id: asked } = await ok('specialist', '/api/appeals', {
      title: '窗口咨询：社保开户',
      description: '来大厅咨询新员工社保开户需要的材料。',
      enterpriseId: otherEnterpriseId,
      channel: 'hall',
      appealType: 'consultation',
    });
    await ok('specialist', `/api/appeals/${asked}/accept`, { serviceItemId: scjItem });
    expect(await ok('specialist', `/api/appeals/${asked}/resolve-on-spot`, { reply: '已当场说明。' })).toEqual({ state: 'closed' });
    await t.database.db
      .updateTable('appeals')
      .set({ replied_at: new Date(Date.now() - 3 * DAY) })
      .where('id', 'in', [id, asked])
      .execute();
    // Three days after the reply: past the one-day auto-close, but the follow-up is due only after ten working days.
    await setSettings({ autoCloseDays: 1, followUpAfterWorkingDays: 10 });
    await ok('coordinator', '/api/appeals/sweep');
    expect((await row(id)).state).toBe('replied');
    await setSettings({ followUpAfterWorkingDays: 0 });
    expect(await queueIds()).toEqual(expect.arrayContaining([id, asked]));
    await ok('coordinator', '/api/appeals/sweep');
    expect(await row(id)).toMatchObject({ state: 'closed', closed_unrated: 'auto' });
    expect(await row(asked)).toMatchObject({ state: 'closed', closed_unrated: 'auto' });
    expect(await queueIds()).not.toContain(id);
    expect(await queueIds()).not.toContain(asked);
    const events = await t.database.db
      .selectFrom('appeal_events')
      .select(['appeal_id', 'public'])
      .where('actor_role', '=', 'system')
      .where('appeal_id', 'in', [id, asked])
      .orderBy('appeal_id')
      .execute();
    expect(events).toEqual([
      { appeal_id: id, public: true },
      { appeal_id: asked, public: false },
    ]);
    await setSettings({ autoCloseDays: 7, followUpAfterWorkingDays: 2 });
    const settings = (await get('coordinator', '/api/admin/settings/appeals')).json();
    expect(settings).toMatchObject({ followUpAfterWorkingDays: 2, followUpMaxAttempts: 3 });
  });
});
