import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/app.ts';
import { Calendar } from './calendar.ts';
import { remindNextYear, yearToLoad } from './reminder.ts';
import { addDays, DEFAULT_OFFICE_HOURS, deadlineFor, shanghaiDate, shanghaiDateTime, workingDaysBetween } from './working-days.ts';

// Issue 13: stored deadlines follow the calendar. 2027 has no official data (chinese-days stops at
// 2026), so 2027-01-01 (a Friday) counts as a working day until an administrator says otherwise.
// The clock is held at Monday 2026-12-07 (only Date: timers run): the deadlines below are counted from
// "today" up to New Year's Day, which must stay a few working days ahead whatever day the suite runs.
let t: TestApp;
let item: number;
const cookies: Record<string, string> = {};
beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-07T10:00:00+08:00') });
  t = await createTestApp({ enterprises: 10 });
  for (const u of ['enterprise', 'specialist', 'coordinator', 'handler', 'admin']) cookies[u] = await t.login(u);
  const dept = (await t.database.db.selectFrom('users').select('department_id').where('username', '=', 'handler').executeTakeFirstOrThrow())
    .department_id!;
  item = (
    await t.database.db
      .selectFrom('service_items')
      .select('id')
      .where('department_id', '=', dept)
      .where('active', '=', true)
      .orderBy('id')
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => {
  await t.close();
  vi.useRealTimers();
});

const send = (user: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie: cookies[user]! }, ...(payload ? { payload } : {}) });
async function ok(user: string, method: 'POST' | 'PUT', url: string, payload: object = {}) {
  const res = await send(user, method, url, payload);
  expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(300);
  return res.json();
}
const detail = async (id: number) => (await send('coordinator', 'GET', `/api/appeals/${id}`)).json().appeal;
const local = (iso: string) => shanghaiDateTime(new Date(iso));
const submit = async (title: string) =>
  (await ok('enterprise', 'POST', '/api/appeals', { title, description: '厂区门前道路破损严重，货车进出困难，请协调修复。' })).id as number;
async function inProgress(title: string): Promise<number> {
  const id = await submit(title);
  await ok('specialist', 'POST', `/api/appeals/${id}/accept`, { serviceItemId: item, grade: 'normal' });
  await ok('specialist', 'POST', `/api/appeals/${id}/dispatch`, {});
  await ok('handler', 'POST', `/api/appeals/${id}/claim-and-start`, {});
  return id;
}
const official = new Calendar();
/** Working days from the day after `due` up to 2027-01-01: the extension that makes New Year's Day the deadline. */
const daysTo = (due: string, last = '2027-01-01') =>
  workingDaysBetween(addDays(shanghaiDate(new Date(due)), 1), addDays(last, 1), official).length;

describe('a calendar change recounts the open deadlines', () => {
  let extended: number;
  let waiting: number;
  let replied: number;
  let order: string;

  it('sets up: a deadline extended to 2027-01-01, an unaccepted appeal due that day, a supervision order across it', async () => {
    extended = await inProgress('延期到元旦的诉求');
    const k = daysTo((await detail(extended)).deadlineAt);
    expect(k).toBeGreaterThan(0);
    expect(k).toBeLessThanOrEqual(30);
    await ok('handler', 'POST', `/api/appeals/${extended}/request-extension`, { workingDays: k, reason: '需要现场勘查' });
    await ok('coordinator', 'POST', `/api/appeals/${extended}/decide-extension`, { approve: true });
    const a = await detail(extended);
    expect(local(a.deadlineAt)).toBe('2027-01-01 18:00');
    expect(a.deadlineProvisional).toBe(true);

    // Filed on New Year's Eve: to be accepted by the end of the next working day, 2027-01-01 as it stands.
    waiting = await submit('跨年提交待受理的诉求');
    await t.database.db
      .updateTable('appeals')
      .set({ submitted_at: new Date('2026-12-31T10:00:00+08:00'), accept_deadline_at: new Date('2027-01-01T18:00:00+08:00') })
      .where('id', '=', waiting)
      .execute();
    expect((await detail(waiting)).deadlineProvisional).toBe(true);

    // Answered on time against 2027-01-01: its deadline is history and stays.
    replied = await inProgress('已答复的诉求');
    await ok('handler', 'POST', `/api/appeals/${replied}/request-extension`, {
      workingDays: daysTo((await detail(replied)).deadlineAt),
      reason: '协调',
    });
    await ok('coordinator', 'POST', `/api/appeals/${replied}/decide-extension`, { approve: true });
    await ok('handler', 'POST', `/api/appeals/${replied}/reply`, { reply: '已协调修复，请查收。' });
    expect((await detail(replied)).deadlineProvisional).toBe(false);

    const supervised = await inProgress('督办的诉求');
    const sup = await ok('coordinator', 'POST', `/api/appeals/${supervised}/supervise`, { content: '请于时限内办结', workingDays: 30 });
    expect(sup.state).toBe('in_progress');
    order = (
      await t.database.db.selectFrom('supervision_orders').select('number').where('appeal_id', '=', supervised).executeTakeFirstOrThrow()
    ).number;
  });

  it('marking 2027-01-01 元旦 moves them, notes each on its timeline, audits each, in the same change', async () => {
    const orderBefore = await t.database.db
      .selectFrom('supervision_orders')
      .select('deadline_at')
      .where('number', '=', order)
      .executeTakeFirstOrThrow();
    const res = await ok('admin', 'PUT', '/api/admin/calendar/days/2027-01-01', { kind: 'holiday', name: '元旦' });
    expect(res.day).toMatchObject({ kind: 'off', holiday: '元旦' });
    expect(res.moved).toMatchObject({ deadlines: 1, acceptDeadlines: 1 });

    const a = await detail(extended);
    expect(local(a.deadlineAt)).toBe('2027-01-04 18:00');
    const note = a.timeline.find((e: { action: string }) => e.action === 'deadline_recounted');
    expect(note.note).toBe('办理时限由 2027-01-01 18:00 改为 2027-01-04 18:00：管理员将 2027-01-01 设为放假（元旦）');
    expect(note.actorRole).toBe('admin');

    const w = await detail(waiting);
    expect(local(w.acceptDeadlineAt)).toBe('2027-01-04 18:00');
    expect(w.timeline.at(-1).note).toContain('受理时限由 2027-01-01 18:00 改为 2027-01-04 18:00');

    const r = await detail(replied);
    expect(local(r.deadlineAt)).toBe('2027-01-01 18:00');
    expect(r.timeline.some((e: { action: string }) => e.action === 'deadline_recounted')).toBe(false);

    const orderAfter = await t.database.db
      .selectFrom('supervision_orders')
      .select('deadline_at')
      .where('number', '=', order)
      .executeTakeFirstOrThrow();
    // A 30-working-day order from today runs past New Year's Day: one working day later.
    expect(shanghaiDate(orderBefore.deadline_at) > '2027-01-01').toBe(true);
    expect(
      workingDaysBetween(addDays(shanghaiDate(orderBefore.deadline_at), 1), addDays(shanghaiDate(orderAfter.deadline_at), 1), official),
    ).toHaveLength(1);
    expect(res.moved.supervisionOrders).toBe(1);

    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('action', 'in', ['appeal.deadline_recounted', 'supervision.deadline_recounted'])
      .orderBy('id')
      .execute();
    expect(audit.map((x) => x.action).sort()).toEqual([
      'appeal.deadline_recounted',
      'appeal.deadline_recounted',
      'supervision.deadline_recounted',
    ]);

    // Undoing the change moves them back.
    const back = await send('admin', 'DELETE', '/api/admin/calendar/days/2027-01-01');
    expect(back.json().moved).toMatchObject({ deadlines: 1, acceptDeadlines: 1, supervisionOrders: 1 });
    expect(local((await detail(extended)).deadlineAt)).toBe('2027-01-01 18:00');
  });

  it('a red appeal whose deadline moves past now is red no more', async () => {
    const id = await inProgress('已超期的诉求');
    // Accepted eight days ago (Shanghai), so its three working days are over: red.
    const today = shanghaiDate(new Date());
    const acceptedDay = addDays(today, -8);
    const acceptedAt = new Date(`${acceptedDay}T10:00:00+08:00`);
    const due = deadlineFor(acceptedAt, 'normal', official, DEFAULT_OFFICE_HOURS).due;
    const db = t.database.db;
    await db
      .updateTable('appeals')
      .set({ accepted_at: acceptedAt, deadline_at: due, warning_level: 'red', red_since: due })
      .where('id', '=', id)
      .execute();
    await db.updateTable('appeal_events').set({ at: acceptedAt }).where('appeal_id', '=', id).where('action', '=', 'accept').execute();
    // The office was closed every working day since (say, a typhoon): those days become days off.
    const closed = workingDaysBetween(addDays(acceptedDay, 1), addDays(today, 1), official);
    for (const d of closed) await ok('admin', 'PUT', `/api/admin/calendar/days/${d}`, { kind: 'holiday', name: '台风停工' });
    const a = await detail(id);
    expect(new Date(a.deadlineAt).getTime()).toBeGreaterThan(Date.now());
    expect(a.warningLevel).not.toBe('red');
    const row = await db.selectFrom('appeals').select('red_since').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.red_since).toBeNull();
    for (const d of closed) await send('admin', 'DELETE', `/api/admin/calendar/days/${d}`);
  });
});

const SCHEDULE_2027 = {
  year: 2027,
  note: '国办发明电〔2026〕测试',
  days: [
    { date: '2027-01-01', kind: 'holiday', name: '元旦' },
    { date: '2027-02-06', kind: 'workday', name: '春节' },
    ...['2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12', '2027-02-13'].map((date) => ({
      date,
      kind: 'holiday',
      name: '春节',
    })),
  ],
};

describe('loading a year from a file', () => {
  it('refuses a bad file naming the rows, and a year the package covers', async () => {
    const csv = 'date,kind,name\n2027-01-01,放假,元旦\n2027-02-30,放假,春节\n2027-03-03,上班,春节\n2027-01-01,放假,元旦\n';
    const res = await send('admin', 'POST', '/api/admin/calendar/years/2027/import', { content: csv });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.message).toContain('第 3 行：日期“2027-02-30”无效');
    expect(body.error.message).toContain('第 4 行：2027-03-03 是周一至周五');
    expect(body.error.message).toContain('第 5 行：2027-01-01 与第 2 行重复');
    const wrongYear = await send('admin', 'POST', '/api/admin/calendar/years/2028/import', { content: JSON.stringify(SCHEDULE_2027) });
    expect(wrongYear.json().error.message).toContain('不是 2028 年');
    const covered = await send('admin', 'POST', '/api/admin/calendar/years/2026/import', {
      content: 'date,kind,name\n2026-10-09,放假,国庆节',
    });
    expect(covered.statusCode).toBe(400);
    expect(covered.json().error.details.fields[0].field).toBe('year');
    expect((await send('coordinator', 'POST', '/api/admin/calendar/years/2027/import', { content: '{}' })).statusCode).toBe(403);
  });

  it('previews without saving, then loads: days changed, deadlines recounted, the year no longer provisional', async () => {
    const id = await inProgress('导入前跨年的诉求');
    const k = daysTo((await detail(id)).deadlineAt);
    await ok('handler', 'POST', `/api/appeals/${id}/request-extension`, { workingDays: k, reason: '需要现场勘查' });
    await ok('coordinator', 'POST', `/api/appeals/${id}/decide-extension`, { approve: true });
    const content = JSON.stringify(SCHEDULE_2027);

    const preview = await ok('admin', 'POST', '/api/admin/calendar/years/2027/import', { content, preview: true });
    expect(preview).toMatchObject({ year: 2027, preview: true, holidays: 8, workdays: 1, note: '国办发明电〔2026〕测试' });
    expect(preview.changedDates).toContain('2027-01-01');
    expect(preview.moved.deadlines).toBeGreaterThanOrEqual(1);
    expect(local((await detail(id)).deadlineAt)).toBe('2027-01-01 18:00');
    expect((await send('admin', 'GET', '/api/calendar/days?year=2027')).json().complete).toBe(false);

    const loaded = await ok('admin', 'POST', '/api/admin/calendar/years/2027/import', { content });
    expect(loaded.moved).toEqual(preview.moved);
    const a = await detail(id);
    expect(local(a.deadlineAt)).toBe('2027-01-04 18:00');
    expect(a.deadlineProvisional).toBe(false);
    expect(a.timeline.at(-1).note).toContain('管理员导入了 2027 年节假日安排');
    const year = (await send('admin', 'GET', '/api/calendar/days?year=2027')).json();
    expect(year).toMatchObject({ complete: true, note: '国办发明电〔2026〕测试', message: null });
    expect(year.days.find((d: { date: string }) => d.date === '2027-02-06')).toMatchObject({ kind: 'workday', adjusted: true });
    const audit = await t.database.db.selectFrom('audit_log').select('after').where('action', '=', 'calendar.year_import').execute();
    expect(audit).toHaveLength(1);
  });
});

describe('the December reminder to load next year', () => {
  it('names next year from December 1st while it has no official data, and tells the administrators once', async () => {
    const empty = new Calendar();
    expect(yearToLoad(empty, '2026-11-30')).toBeNull();
    expect(yearToLoad(empty, '2026-12-01')?.year).toBe(2027);
    expect(yearToLoad(empty, '2025-12-15')).toBeNull(); // 2026 is in the package
    expect(yearToLoad(new Calendar([], [{ year: 2027, complete: true, note: null }]), '2026-12-07')).toBeNull();

    const db = t.database.db;
    const fresh = await createTestApp({ enterprises: 10 });
    try {
      const when = new Date('2026-12-07T02:00:00Z');
      expect(await remindNextYear(fresh.database.db, when)).toBe(true);
      expect(await remindNextYear(fresh.database.db, when)).toBe(false);
      const told = await fresh.database.db
        .selectFrom('notifications as n')
        .innerJoin('users as u', 'u.id', 'n.user_id')
        .select(['u.role', 'n.title', 'n.link'])
        .where('n.title', '=', '请导入 2027 年节假日安排')
        .execute();
      expect(told.length).toBeGreaterThan(0);
      expect(new Set(told.map((n) => n.role))).toEqual(new Set(['admin']));
      expect(told[0]!.link).toBe('/admin/calendar?year=2027');
    } finally {
      await fresh.close();
    }
    // Here 2027 was loaded above: nothing to remind.
    expect(await remindNextYear(db, new Date('2026-12-07T02:00:00Z'))).toBe(false);
  });
});
