import { describe, expect, it } from 'vitest';
import { shanghaiDate } from '../calendar/working-days.ts';
import { halfMonthOf, weekOf } from './service.ts';
import { liaisonApp } from './test-fixtures.ts';

// Assigning cadres to key enterprises, and the cadre's visits and reports; the scoring is in assessment.test.ts.

const { ids, call, db, keyEnterprises } = liaisonApp();

describe('periods', () => {
  it('knows the week and the half month around a day', () => {
    expect(weekOf('2024-03-20')).toEqual({ from: '2024-03-18', to: '2024-03-24' });
    expect(weekOf('2024-03-24')).toEqual({ from: '2024-03-18', to: '2024-03-24' });
    expect(halfMonthOf('2024-02-20')).toEqual({ from: '2024-02-16', to: '2024-02-29' });
    expect(halfMonthOf('2024-12-15')).toEqual({ from: '2024-12-01', to: '2024-12-15' });
    expect(halfMonthOf('2024-12-31')).toEqual({ from: '2024-12-16', to: '2024-12-31' });
  });
});

describe('assignment and coverage', () => {
  it('starts with every key enterprise uncovered', async () => {
    const key = await keyEnterprises();
    expect(key.length).toBeGreaterThan(2);
    expect(key.some((e, i) => key.findIndex((x) => x.street_id === e.street_id) !== i)).toBe(true);
    const res = await call('coordinator', 'GET', '/api/liaisons/coverage?pageSize=200');
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json();
    expect(c.totals).toEqual({ keyEnterprises: key.length, covered: 0, uncovered: key.length });
    expect(c.uncovered.total).toBe(key.length);
    expect(c.uncovered.items.map((e: { id: number }) => e.id)).toEqual(key.map((e) => e.id));
  });

  it('assigns by filter round-robin, only the unassigned unless told otherwise', async () => {
    const key = await keyEnterprises();
    // The street with the most key enterprises, so that the round goes past both cadres.
    const counts = new Map<number, number>();
    for (const e of key) counts.set(e.street_id!, (counts.get(e.street_id!) ?? 0) + 1);
    const street = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0];
    const inStreet = key.filter((e) => e.street_id === street);
    const res = await call('coordinator', 'POST', '/api/liaisons/bulk-assign', {
      filter: { streetId: street, keyOnly: true },
      tier: 'special_group',
      userIds: [ids.cadre, ids.cadre01],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ matched: inStreet.length, assigned: inStreet.length, skipped: 0 });
    const rows = await db()
      .selectFrom('liaisons')
      .select(['enterprise_id', 'user_id', 'tier', 'assigned_by'])
      .where('ended_at', 'is', null)
      .orderBy('enterprise_id')
      .execute();
    expect(rows).toEqual(
      inStreet.map((e, i) => ({
        enterprise_id: e.id,
        user_id: i % 2 === 0 ? ids.cadre : ids.cadre01,
        tier: 'special_group',
        assigned_by: ids.coordinator,
      })),
    );

    const again = await call('coordinator', 'POST', '/api/liaisons/bulk-assign', {
      filter: { streetId: street },
      tier: 'special_group',
      userIds: [ids.cadre05],
    });
    expect(again.json()).toEqual({ matched: inStreet.length, assigned: 0, skipped: inStreet.length });

    const cov = (await call('coordinator', 'GET', '/api/liaisons/coverage')).json();
    expect(cov.totals).toEqual({ keyEnterprises: key.length, covered: inStreet.length, uncovered: key.length - inStreet.length });
    expect(cov.byStreet.find((s: { streetId: number }) => s.streetId === street)).toMatchObject({ covered: inStreet.length, uncovered: 0 });
    expect(cov.byTier).toEqual([
      { tier: 'leader', enterprises: 0, cadres: 0 },
      { tier: 'department_head', enterprises: 0, cadres: 0 },
      { tier: 'special_group', enterprises: inStreet.length, cadres: Math.min(2, inStreet.length) },
    ]);
    expect(cov.uncovered.items.some((e: { id: number }) => inStreet.some((s) => s.id === e.id))).toBe(false);
  });

  it('is for the office only', async () => {
    expect(
      (await call('cadre', 'POST', '/api/liaisons/bulk-assign', { filter: {}, tier: 'leader', userIds: [ids.cadre] })).statusCode,
    ).toBe(403);
    expect((await call('cadre', 'GET', '/api/liaisons/coverage')).statusCode).toBe(403);
  });

  it('reassigns one enterprise and keeps the history', async () => {
    const [first] = await db()
      .selectFrom('liaisons')
      .select('enterprise_id')
      .where('user_id', '=', ids.cadre01!)
      .where('ended_at', 'is', null)
      .execute();
    const e = first!.enterprise_id;
    const res = await call('coordinator', 'PUT', `/api/liaisons/enterprises/${e}`, { userId: ids.cadre05, tier: 'department_head' });
    expect(res.statusCode, res.body).toBe(204);
    const got = (await call('coordinator', 'GET', `/api/liaisons/enterprises/${e}`)).json();
    expect(got.current).toMatchObject({ userId: ids.cadre05, tier: 'department_head', endedAt: null });
    expect(got.history).toEqual([expect.objectContaining({ userId: ids.cadre01, tier: 'special_group', endedAt: expect.any(String) })]);
  });
});

describe('the cadre workbench', () => {
  let mine: number;

  it('lists my enterprises with their open appeals', async () => {
    const res = await call('cadre', 'GET', '/api/liaisons/mine');
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items;
    expect(items.length).toBeGreaterThan(0);
    expect(items[0]).toMatchObject({ tier: 'special_group', openAppeals: 0, lastVisitOn: null, nextPlannedOn: null });
    mine = items[0].id;
  });

  it('plans a visit, then logs it with a need filed as an appeal through the cadre and one handled on the spot', async () => {
    const today = shanghaiDate(new Date());
    const planned = await call('cadre', 'POST', '/api/liaisons/visits', { enterpriseId: mine, plannedOn: today, purpose: '了解用工' });
    expect(planned.statusCode, planned.body).toBe(201);
    const visitId = planned.json().id;
    expect((await call('cadre', 'GET', '/api/liaisons/mine')).json().items.find((e: { id: number }) => e.id === mine).nextPlannedOn).toBe(
      today,
    );

    const res = await call('cadre', 'POST', '/api/liaisons/visits/log', {
      visitId,
      enterpriseId: mine,
      visitedOn: today,
      peopleMet: '张总经理',
      notes: '企业扩产，用电紧张。',
      needs: [
        { description: '新厂房需要增容用电 2000 千伏安，希望加快报装审批', resolution: 'appeal', title: '厂房用电增容报装' },
        { description: '咨询稳岗补贴申领', resolution: 'on_spot', note: '已现场讲解流程' },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const visit = res.json();
    expect(visit).toMatchObject({ id: visitId, status: 'done', visitedOn: today, peopleMet: '张总经理' });
    expect(visit.needs).toHaveLength(2);
    const appeal = visit.needs[0].appeal;
    expect(appeal).toMatchObject({ state: 'submitted', number: expect.stringMatching(/^QF-/) });
    expect(visit.needs[1]).toMatchObject({ resolution: 'on_spot', appeal: null, note: '已现场讲解流程' });

    const row = await db()
      .selectFrom('appeals')
      .select(['channel', 'state', 'submitted_by', 'enterprise_id', 'title'])
      .where('id', '=', appeal.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ channel: 'visit', state: 'submitted', submitted_by: ids.cadre, enterprise_id: mine, title: '厂房用电增容报装' });
    // The enterprise's file shows the appeal and the visit.
    const list = (await call('coordinator', 'GET', `/api/appeals?enterpriseId=${mine}`)).json();
    expect(list.items.map((a: { id: number; channel: string }) => [a.id, a.channel])).toContainEqual([appeal.id, 'visit']);
    const timeline = (await call('coordinator', 'GET', `/api/enterprises/${mine}/timeline`)).json();
    expect(timeline.items.map((i: { kind: string; id: string }) => `${i.kind}:${i.id}`)).toEqual(
      expect.arrayContaining([`appeal:${appeal.id}`, `visit:${visitId}`]),
    );
    const file = (await call('coordinator', 'GET', `/api/liaisons/enterprises/${mine}`)).json();
    expect(file.visits[0]).toMatchObject({
      id: visitId,
      needs: [expect.objectContaining({ appeal: expect.objectContaining({ id: appeal.id }) }), expect.anything()],
    });
    const mineNow = (await call('cadre', 'GET', '/api/liaisons/mine')).json().items.find((e: { id: number }) => e.id === mine);
    expect(mineNow).toMatchObject({ openAppeals: 1, lastVisitOn: today, nextPlannedOn: null });
  });

  it('writes a visit, its needs, their appeals and the audit rows together or not at all', async () => {
    const today = shanghaiDate(new Date());
    const planned = (await call('cadre', 'POST', '/api/liaisons/visits', { enterpriseId: mine, plannedOn: today, purpose: '回访' })).json()
      .id;
    const counts = async () => ({
      visits: Number(
        (
          await db()
            .selectFrom('liaison_visits')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('status', '=', 'done')
            .executeTakeFirstOrThrow()
        ).n,
      ),
      needs: Number(
        (
          await db()
            .selectFrom('liaison_needs')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
      appeals: Number(
        (
          await db()
            .selectFrom('appeals')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
      audit: Number(
        (
          await db()
            .selectFrom('audit_log')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('action', 'in', ['liaison.log_visit', 'appeal.submit'])
            .executeTakeFirstOrThrow()
        ).n,
      ),
      notices: Number(
        (
          await db()
            .selectFrom('notifications')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    });
    const before = await counts();
    // The first need is filed, the second handled on the spot; the third names a service item that does not exist.
    const res = await call('cadre', 'POST', '/api/liaisons/visits/log', {
      visitId: planned,
      enterpriseId: mine,
      visitedOn: today,
      peopleMet: '李主任',
      needs: [
        { description: '希望协调解决员工子女入学问题', resolution: 'appeal' },
        { description: '咨询高企认定材料', resolution: 'on_spot', note: '已讲解' },
        { description: '厂区周边道路需要修缮，货车通行困难', resolution: 'appeal', serviceItemId: 999_999 },
      ],
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.details.fields).toEqual([expect.objectContaining({ field: 'needs.2' })]);
    expect(await counts()).toEqual(before);
    const plan = await db()
      .selectFrom('liaison_visits')
      .select(['status', 'visited_on'])
      .where('id', '=', planned)
      .executeTakeFirstOrThrow();
    expect(plan).toEqual({ status: 'planned', visited_on: null });

    // The same visit without the bad need goes through whole, audited with the appeal it filed.
    const ok = await call('cadre', 'POST', '/api/liaisons/visits/log', {
      visitId: planned,
      enterpriseId: mine,
      visitedOn: today,
      peopleMet: '李主任',
      needs: [
        { description: '希望协调解决员工子女入学问题', resolution: 'appeal' },
        { description: '咨询高企认定材料', resolution: 'on_spot', note: '已讲解' },
      ],
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const after = await counts();
    expect(after).toMatchObject({
      visits: before.visits + 1,
      needs: before.needs + 2,
      appeals: before.appeals + 1,
      audit: before.audit + 2,
    });
    const audit = await db()
      .selectFrom('audit_log')
      .select('after')
      .where('action', '=', 'liaison.log_visit')
      .where('entity_id', '=', String(planned))
      .executeTakeFirstOrThrow();
    const number = ok.json().needs[0].appeal.number;
    expect(audit.after as unknown).toMatchObject({ needs: 2, onSpot: 1, appeals: [number] });
  });

  it('lets the office log a visit it made, under its own name', async () => {
    const res = await call('coordinator', 'POST', '/api/liaisons/visits/log', {
      enterpriseId: mine,
      visitedOn: shanghaiDate(new Date()),
      peopleMet: '王经理',
      notes: '办公室随访',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ cadre: { id: ids.coordinator }, enterprise: { id: mine }, status: 'done' });
    await db().deleteFrom('liaison_visits').where('id', '=', res.json().id).execute();
  });

  it('refuses a visit to an enterprise that is not the cadre’s', async () => {
    const other = (await keyEnterprises()).find((e) => e.id !== mine)!;
    const assigned = await db()
      .selectFrom('liaisons')
      .select('user_id')
      .where('enterprise_id', '=', other.id)
      .where('ended_at', 'is', null)
      .executeTakeFirst();
    if (assigned?.user_id === ids.cadre) return;
    const res = await call('cadre', 'POST', '/api/liaisons/visits/log', {
      enterpriseId: other.id,
      visitedOn: shanghaiDate(new Date()),
      peopleMet: '某人',
    });
    expect(res.statusCode).toBe(403);
  });

  it('compiles the weekly report from what was logged', async () => {
    const res = await call('cadre', 'GET', '/api/liaisons/weekly-report');
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.from).toBe(weekOf(shanghaiDate(new Date())).from);
    expect(r.summary).toEqual({ visits: 2, enterprisesVisited: 1, needs: 4, onSpot: 2, appealsFiled: 2, appealsClosed: 0, plannedNext: 0 });
    expect(r.appeals).toEqual([
      expect.objectContaining({ title: '厂房用电增容报装', state: 'submitted' }),
      expect.objectContaining({ title: expect.stringContaining('走访发现'), state: 'submitted' }),
    ]);
    expect(r.visits[0].needs).toHaveLength(2);
    // A cadre reads only their own; the office reads anyone's.
    expect((await call('cadre', 'GET', `/api/liaisons/weekly-report?userId=${ids.cadre01}`)).statusCode).toBe(403);
    expect((await call('coordinator', 'GET', `/api/liaisons/weekly-report?userId=${ids.cadre}`)).json().summary.visits).toBe(2);
  });

  it('adds the visit to the half-monthly briefing', async () => {
    const res = await call('leader', 'GET', '/api/liaisons/briefing');
    expect(res.statusCode, res.body).toBe(200);
    const b = res.json();
    expect(b.totals).toMatchObject({ visits: 2, needs: 4, onSpot: 2, appealsFiled: 2 });
    expect(b.byUnit).toEqual([expect.objectContaining({ name: '区工业和信息化局', visits: 2 })]);
    expect(b.byStreet).toHaveLength(1);
  });
});
