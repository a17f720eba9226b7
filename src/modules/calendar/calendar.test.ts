import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/app.ts';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await createTestApp({ enterprises: 10 });
  admin = await t.login('admin');
});
afterAll(() => t.close());

const fieldsOf = (body: { error: { details: { fields: { field: string }[] } } }) => body.error.details.fields.map((f) => f.field);

describe('GET /api/calendar/deadline', () => {
  it('answers anyone, listing the working days counted', async () => {
    const res = await t.app.inject({ url: '/api/calendar/deadline?from=2025-01-24T20:00:00%2B08:00&grade=normal' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      acceptedAt: '2025-01-24T12:00:00.000Z',
      acceptanceDay: '2025-01-24',
      grade: 'normal',
      rule: '3 个工作日',
      due: '2025-02-05T10:00:00.000Z',
      dueLocal: '2025-02-05 18:00',
      workingDays: ['2025-01-26', '2025-01-27', '2025-02-05'],
      provisional: false,
    });
  });

  it('reads a time without offset as Beijing time, and counts urgent in clock hours', async () => {
    const res = await t.app.inject({ url: '/api/calendar/deadline?from=2025-01-27T21:30&grade=urgent' });
    expect(res.json()).toMatchObject({ dueLocal: '2025-01-28 09:30', workingDays: [], rule: '12 小时', provisional: false });
  });

  it('names the bad field', async () => {
    const res = await t.app.inject({ url: '/api/calendar/deadline?from=2025-13-40&grade=fast' });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res.json())).toEqual(expect.arrayContaining(['from', 'grade']));
  });
});

describe('GET /api/calendar/days', () => {
  it('lists a covered year with holidays and 调休 working days', async () => {
    const res = await t.app.inject({ url: '/api/calendar/days?year=2025' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ year: 2025, official: true, complete: false, message: null, workingDayCount: 248, daysOffCount: 117 });
    expect(body.days).toHaveLength(365);
    expect(body.days).toContainEqual({
      date: '2025-01-26',
      kind: 'workday',
      weekend: true,
      holiday: '春节',
      adjusted: true,
      source: 'official',
    });
    expect(body.days).toContainEqual({
      date: '2025-10-08',
      kind: 'off',
      weekend: false,
      holiday: '国庆节',
      adjusted: false,
      source: 'official',
    });
  });

  it('says when a year has no official data', async () => {
    const body = (await t.app.inject({ url: '/api/calendar/days?year=2027' })).json();
    expect(body).toMatchObject({ year: 2027, official: false, complete: false });
    expect(body.message).toContain('2026');
    expect(body.days[0]).toMatchObject({ date: '2027-01-01', kind: 'workday', source: 'default' });
  });

  it('refuses a year out of range', async () => {
    const res = await t.app.inject({ url: '/api/calendar/days?year=1999' });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res.json())).toEqual(['year']);
  });
});

describe('administrator entries for 2027', () => {
  // Friday 2027-02-05: without data, a normal appeal is due Wednesday 02-10.
  const url = '/api/calendar/deadline?from=2027-02-05T10:00:00%2B08:00&grade=normal';

  it('moves a deadline, is audited, and can be undone', async () => {
    const before = (await t.app.inject({ url })).json();
    expect(before).toMatchObject({ dueLocal: '2027-02-10 18:00', provisional: true });

    for (const date of ['2027-02-08', '2027-02-09']) {
      const res = await t.app.inject({
        method: 'PUT',
        url: `/api/admin/calendar/days/${date}`,
        headers: { cookie: admin },
        payload: { kind: 'holiday', name: '春节' },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().day).toMatchObject({ date, kind: 'off', holiday: '春节', source: 'override' });
    }
    const sat = await t.app.inject({
      method: 'PUT',
      url: '/api/admin/calendar/days/2027-02-06',
      headers: { cookie: admin },
      payload: { kind: 'workday', name: '春节' },
    });
    expect(sat.json().day).toMatchObject({ kind: 'workday', weekend: true, adjusted: true });
    const year = await t.app.inject({
      method: 'PUT',
      url: '/api/admin/calendar/years/2027',
      headers: { cookie: admin },
      payload: { complete: true, note: '测试录入' },
    });
    expect(year.json()).toEqual({ year: 2027, official: false, complete: true, note: '测试录入', message: null });

    const after = (await t.app.inject({ url })).json();
    expect(after).toMatchObject({
      dueLocal: '2027-02-11 18:00',
      workingDays: ['2027-02-06', '2027-02-10', '2027-02-11'],
      provisional: false,
    });

    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id', 'actor_role'])
      .where('entity_type', 'in', ['calendar_day', 'calendar_year'])
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'calendar.day_set', entity_id: '2027-02-08', actor_role: 'admin' },
      { action: 'calendar.day_set', entity_id: '2027-02-09', actor_role: 'admin' },
      { action: 'calendar.day_set', entity_id: '2027-02-06', actor_role: 'admin' },
      { action: 'calendar.year_set', entity_id: '2027', actor_role: 'admin' },
    ]);

    const cleared = await t.app.inject({ method: 'DELETE', url: '/api/admin/calendar/days/2027-02-06', headers: { cookie: admin } });
    expect(cleared.json().day).toMatchObject({ kind: 'off', source: 'default' });
    expect((await t.app.inject({ url })).json().workingDays).toEqual(['2027-02-10', '2027-02-11', '2027-02-12']);
    const again = await t.app.inject({ method: 'DELETE', url: '/api/admin/calendar/days/2027-02-06', headers: { cookie: admin } });
    expect(again.statusCode).toBe(404);
  });

  it('refuses other roles', async () => {
    const cookie = await t.login('coordinator');
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/admin/calendar/days/2027-05-03',
      headers: { cookie },
      payload: { kind: 'holiday', name: '劳动节' },
    });
    expect(res.statusCode).toBe(403);
    const anonymous = await t.app.inject({ method: 'PUT', url: '/api/admin/calendar/years/2027', payload: { complete: true } });
    expect(anonymous.statusCode).toBe(401);
  });

  it('names the bad field', async () => {
    const badDate = await t.app.inject({
      method: 'PUT',
      url: '/api/admin/calendar/days/2027-02-30',
      headers: { cookie: admin },
      payload: { kind: 'holiday', name: '春节' },
    });
    expect(badDate.statusCode).toBe(400);
    expect(fieldsOf(badDate.json())).toEqual(['date']);
    const noName = await t.app.inject({
      method: 'PUT',
      url: '/api/admin/calendar/days/2027-05-03',
      headers: { cookie: admin },
      payload: { kind: 'holiday' },
    });
    expect(noName.statusCode).toBe(400);
    expect(fieldsOf(noName.json())).toEqual(['name']);
    const badKind = await t.app.inject({
      method: 'PUT',
      url: '/api/admin/calendar/days/2027-05-03',
      headers: { cookie: admin },
      payload: { kind: 'rest' },
    });
    expect(fieldsOf(badKind.json())).toContain('kind');
  });
});
