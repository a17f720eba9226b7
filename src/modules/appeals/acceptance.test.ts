import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/app.ts';
import { Calendar } from '../calendar/calendar.ts';
import { DEFAULT_OFFICE_HOURS, shanghaiDateTime } from '../calendar/working-days.ts';
import { acceptDeadlineFor, appealClock, DEFAULT_APPEAL_SETTINGS } from './clock.ts';

// The official calendar alone (package data): 2025-09-28 (Sunday) and 2025-10-11 (Saturday) are 调休 working days.
const clock = appealClock(new Calendar(), DEFAULT_OFFICE_HOURS);
const due = (submitted: string, urgency: 'normal' | 'urgent' = 'normal', settings = DEFAULT_APPEAL_SETTINGS, c = clock) =>
  shanghaiDateTime(acceptDeadlineFor(c, settings, new Date(`${submitted}+08:00`), urgency));

describe('the acceptance deadline (受理时限)', () => {
  it('is the end of the office day of the N-th working day after submission, 调休 counted', () => {
    expect(due('2025-09-26T10:00')).toBe('2025-09-28 18:00'); // Friday → the 调休 Sunday
    expect(due('2025-09-30T10:00')).toBe('2025-10-09 18:00'); // over the National Day holiday
    expect(due('2025-10-10T23:30')).toBe('2025-10-11 18:00'); // late Friday → the 调休 Saturday
    expect(due('2025-10-11T10:00', 'normal', { ...DEFAULT_APPEAL_SETTINGS, acceptWorkingDays: 2 })).toBe('2025-10-14 18:00');
  });
  it('follows the office hours', () => {
    const early = appealClock(new Calendar(), { endHour: 17, endMinute: 30 });
    expect(due('2025-09-26T10:00', 'normal', DEFAULT_APPEAL_SETTINGS, early)).toBe('2025-09-28 17:30');
  });
  it('counts an urgent appeal in clock hours, nights and holidays included', () => {
    expect(due('2025-10-01T22:00', 'urgent')).toBe('2025-10-02 02:00');
    expect(due('2025-10-01T22:00', 'urgent', { ...DEFAULT_APPEAL_SETTINGS, acceptUrgentHours: 12 })).toBe('2025-10-02 10:00');
  });
});

let t: TestApp;
const cookies: Record<string, string> = {};
beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['enterprise', 'specialist', 'coordinator', 'leader']) cookies[u] = await t.login(u);
});
afterAll(() => t?.close());

function post(user: string, url: string, payload: object = {}) {
  return t.app.inject({ method: 'POST', url, headers: { cookie: cookies[user]! }, payload });
}
function get(user: string, url: string) {
  return t.app.inject({ url, headers: { cookie: cookies[user]! } });
}
const HOUR = 3_600_000;
const submit = async (title: string) =>
  (await post('enterprise', '/api/appeals', { title, description: '提交后一直没有人受理，请尽快安排处理。' })).json().id as number;

describe('an appeal left unaccepted', () => {
  it('carries its acceptance deadline, turns yellow then red, reminds the front office, and is counted in 预警, 晾晒 and the figures', async () => {
    const old = await submit('厂房消防验收无人受理');
    const fresh = await submit('新提交的诉求尚未受理');
    let a = (await get('specialist', `/api/appeals/${old}`)).json().appeal;
    expect(a.acceptDeadlineAt).toEqual(expect.any(String));
    expect(a.warningLevel).toBe('green');

    // Move the clock: 10 of its 12 hours used → yellow, and the specialists are told once.
    const now = Date.now();
    const setTimes = (submitted: number, deadline: number) =>
      t.database.db
        .updateTable('appeals')
        .set({ submitted_at: new Date(submitted), accept_deadline_at: new Date(deadline) })
        .where('id', '=', old)
        .execute();
    await setTimes(now - 10 * HOUR, now + 2 * HOUR);
    const yellow = (await post('coordinator', '/api/appeals/sweep')).json();
    expect(yellow.reminders.accept_yellow).toBe(1);
    expect(yellow.reminders.accept_red).toBe(0);
    expect((await get('specialist', `/api/appeals/${old}`)).json().appeal.warningLevel).toBe('yellow');

    // Two days past its deadline → red, the specialists and (a day in red) the coordinators reminded.
    await setTimes(now - 80 * HOUR, now - 48 * HOUR);
    const red = (await post('coordinator', '/api/appeals/sweep')).json();
    expect(red.reminders.accept_red).toBe(1);
    expect(red.reminders.accept_red_coordinator).toBe(1);
    expect((await post('coordinator', '/api/appeals/sweep')).json().reminders.accept_red).toBe(0);
    a = (await get('specialist', `/api/appeals/${old}`)).json().appeal;
    expect(a.warningLevel).toBe('red');
    const bell = (await get('specialist', '/api/notifications')).json();
    expect(JSON.stringify(bell)).toContain('已超过受理时限');

    // 待受理 oldest first; 预警 has it red.
    const intake = (await get('specialist', '/api/appeals?view=intake')).json().items.map((i: { id: number }) => i.id);
    expect(intake.indexOf(old)).toBeLessThan(intake.indexOf(fresh));
    const warnings = (await get('coordinator', '/api/appeals?view=warnings&warning=red')).json().items;
    expect(warnings.map((i: { id: number }) => i.id)).toContain(old);

    // 晾晒: listed as not accepted in time, kept out of the departments' overdue count.
    const today = new Date(now + 8 * HOUR).toISOString().slice(0, 10);
    const made = await post('coordinator', '/api/overdue-reports', { from: today, to: today });
    expect(made.statusCode, made.body).toBe(201);
    const report = (await get('leader', `/api/overdue-reports/${made.json().id}`)).json().data;
    expect(report.totals.acceptOverdueNow).toBe(1);
    expect(report.overdueItems.find((i: { appealId: number }) => i.appealId === old)).toMatchObject({
      stage: 'acceptance',
      departmentId: null,
      daysOverdue: expect.any(Number),
    });

    // The figures: waiting now, and past the acceptance deadline.
    const figures = (await get('leader', '/api/appeals/figures')).json();
    expect(figures.acceptance).toMatchObject({ overdue: 1 });
    expect(figures.acceptance.waiting).toBeGreaterThanOrEqual(2);

    // Accepted late: the acceptance light goes out and it counts as accepted late.
    const item = await t.database.db.selectFrom('service_items').select('id').executeTakeFirstOrThrow();
    expect((await post('specialist', `/api/appeals/${old}/accept`, { serviceItemId: item.id })).statusCode).toBe(200);
    expect((await get('specialist', `/api/appeals/${old}`)).json().appeal.warningLevel).toBe('green');
    const after = (await get('leader', '/api/appeals/figures')).json().acceptance;
    expect(after).toMatchObject({ overdue: 0, acceptedLate: 1 });

    // The Excel download shows the same acceptance figures as the page, for the same period.
    const f = (await get('leader', `/api/appeals/figures?from=${today}&to=${today}`)).json();
    expect(f.acceptance).toMatchObject({ accepted: expect.any(Number), acceptedLate: 1, onTimeRate: expect.any(Number) });
    const xlsx = await get('leader', `/api/appeals/figures.xlsx?from=${today}&to=${today}`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('受理时效')!;
    expect(ws, wb.worksheets.map((w) => w.name).join('、')).toBeDefined();
    const row = (n: number) => (ws.getRow(n).values as unknown[]).slice(1);
    expect(row(1)).toEqual(['待受理（件）', '已超受理时限（件）', '本期受理（件）', '超时受理（件）', '按时受理率（%）']);
    const { waiting, overdue, accepted, acceptedLate, onTimeRate } = f.acceptance;
    expect(row(2)).toEqual([waiting, overdue, accepted, acceptedLate, onTimeRate]);
    expect(ws.getRow(2).getCell(5).numFmt).toBe('0.0%');
  });
});
