import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/app.ts';
import { calendarFor } from '../calendar/store.ts';
import { dueWeek } from './period.ts';
import { publishWeeklyReport } from './reports.ts';
import type { ReportDetail } from './schemas.ts';
import { clearAppeals, org, seedMarch, sh, type AppealIds, type Org } from './test-fixtures.ts';

let t: TestApp;
let o: Org;
let ids: AppealIds;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['enterprise', 'coordinator', 'handler', 'leader']) cookies[u] = await t.login(u);
  o = await org(t.database.db);
  await clearAppeals(t.database.db);
  ids = await seedMarch(t.database.db, o);
});
afterAll(() => t.close());

function get(user: string, url: string) {
  return t.app.inject({ url, headers: { cookie: cookies[user]! } });
}
async function report(id: number): Promise<ReportDetail> {
  const res = await get('leader', `/api/overdue-reports/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('the week a weekly report covers', () => {
  it('is the Monday–Sunday before, from Monday 08:00 Asia/Shanghai', () => {
    expect(dueWeek(sh('2024-03-25T08:00'))).toEqual({ from: '2024-03-18', to: '2024-03-24' });
    expect(dueWeek(sh('2024-03-31T23:59'))).toEqual({ from: '2024-03-18', to: '2024-03-24' });
    // Before 08:00 on Monday the last one due is still the week before last.
    expect(dueWeek(sh('2024-03-25T07:59'))).toEqual({ from: '2024-03-11', to: '2024-03-17' });
    // Monday 00:30 in Shanghai is Sunday in UTC.
    expect(dueWeek(sh('2024-04-01T00:30'))).toEqual({ from: '2024-03-18', to: '2024-03-24' });
  });
});

describe('overdue reports (晾晒)', () => {
  let onDemand: number;

  it('makes a report on demand for any period, ranked worst first', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/overdue-reports',
      headers: { cookie: cookies.coordinator! },
      payload: { from: '2024-03-01', to: '2024-03-31' },
    });
    expect(res.statusCode, res.body).toBe(201);
    onDemand = res.json().id;
    const r = await report(onDemand);
    expect(r).toMatchObject({ kind: 'on_demand', periodStart: '2024-03-01', periodEnd: '2024-03-31' });
    expect(r.generatedBy).toEqual(expect.any(String));
    const [first, second] = r.data.departments;
    // Overdue now: A3 and A7 (SCJ), B3 (GXJ); closed in March: A1 A2 A4 / O1 B1 B2, one late each.
    expect(first).toMatchObject({
      rank: 1,
      departmentId: o.scj,
      name: '区市场监督管理局',
      handled: 7,
      closed: 3,
      closedLate: 1,
      overdueNow: 2,
      onTimeRate: 2 / 5,
      avgHandlingDays: (2 + 5 + 5) / 3,
      supervisionOpen: 1,
      returnsUpheld: 0,
      lagging: true,
    });
    expect(second).toMatchObject({
      rank: 2,
      departmentId: o.gxj,
      handled: 4,
      closed: 3,
      closedLate: 1,
      overdueNow: 1,
      onTimeRate: 2 / 4,
      avgHandlingDays: (1 + 2 + 4) / 3,
      supervisionOpen: 0,
      returnsUpheld: 1,
      lagging: true,
    });
    expect(r.data.departments).toHaveLength(2);
    expect(r.data.totals).toMatchObject({
      handled: 12,
      closed: 7,
      closedLate: 2,
      overdueNow: 3,
      onTimeRate: 5 / 10,
      supervisionOpen: 1,
      returnsUpheld: 1,
      laggingDepartments: 2,
    });
    // Closed in March: A1 A4 B1 O1 S1 rated by the enterprise, B2 in a follow-up call, A2 never reached.
    expect(r.data.closures).toEqual({
      closed: 7,
      ratedSelf: 5,
      ratedFollowUp: 1,
      unrated: 1,
      unratedNotReached: 1,
      unratedDeclined: 0,
      unratedAuto: 0,
      unratedOffice: 0,
    });

    const items = r.data.overdueItems;
    expect(items.map((i) => [i.number, i.department, i.warningLevel])).toEqual([
      ['T-2024-A3', '区市场监督管理局', 'red'],
      ['T-2024-A7', '区市场监督管理局', 'red'],
      ['T-2024-B3', '区工业和信息化局', 'red'],
    ]);
    // Working days between the deadlines, whatever today is: 18–22, 25–27 March; 28, 29 March, 1–3 April.
    expect(items[0]!.daysOverdue - items[1]!.daysOverdue).toBe(8);
    expect(items[1]!.daysOverdue - items[2]!.daysOverdue).toBe(5);
    expect(items[0]).toMatchObject({ appealId: ids.A3, title: '测试诉求 A3', deadlineAt: sh('2024-03-15T18:00').toISOString() });

    const audit = await t.database.db.selectFrom('audit_log').select('entity_id').where('action', '=', 'overdue_report.create').execute();
    expect(audit).toEqual([{ entity_id: String(onDemand) }]);
  });

  it('publishes the weekly report once, however often and wherever the job runs, and tells the leaders', async () => {
    const calendar = await calendarFor(t.database.db);
    const now = sh('2024-03-25T09:00');
    const id = await publishWeeklyReport(t.database.db, calendar, now);
    expect(id).toEqual(expect.any(Number));
    expect(await publishWeeklyReport(t.database.db, calendar, sh('2024-03-25T10:00'))).toBeNull();
    // Two processes at the same moment: the partial unique index lets one through.
    const racing = await Promise.all([0, 1].map(() => publishWeeklyReport(t.database.db, calendar, sh('2024-04-01T08:30'))));
    expect(racing.filter((x) => x !== null)).toHaveLength(1);
    const weekly = await t.database.db
      .selectFrom('overdue_reports')
      .select('period_start')
      .where('kind', '=', 'weekly')
      .orderBy('period_start')
      .execute();
    expect(weekly.map((w) => w.period_start)).toEqual(['2024-03-18', '2024-03-25']);

    const leaders = await t.database.db.selectFrom('users').select('id').where('role', '=', 'leader').where('active', '=', true).execute();
    const notices = await t.database.db
      .selectFrom('notifications')
      .select(['user_id', 'body', 'link'])
      .where('title', '=', '诉求晾晒周报（2024-03-18 至 2024-03-24）已发布')
      .execute();
    expect(notices.map((n) => n.user_id).sort()).toEqual(leaders.map((l) => l.id).sort());
    expect(notices[0]).toMatchObject({ body: '超期在办 1 件，落后部门 1 个；本周未评价办结 1 件', link: `/overdue-reports/${id}` });

    const r = await report(id!);
    expect(r).toMatchObject({
      kind: 'weekly',
      periodStart: '2024-03-18',
      periodEnd: '2024-03-24',
      generatedAt: now.toISOString(),
      generatedBy: null,
    });
    // At Monday 09:00 only A3 is overdue: 6 working days after its Friday deadline (18–22, 25 March).
    expect(r.data.departments).toEqual([
      {
        rank: 1,
        departmentId: o.scj,
        name: '区市场监督管理局',
        handled: 6,
        closed: 2,
        closedLate: 1,
        overdueNow: 1,
        maxDaysOverdue: 6,
        onTimeRate: 1 / 3,
        avgHandlingDays: 5,
        supervisionOpen: 1,
        returnsUpheld: 0,
        lagging: true,
      },
    ]);
    expect(r.data.overdueItems).toEqual([
      {
        appealId: ids.A3,
        number: 'T-2024-A3',
        title: '测试诉求 A3',
        enterprise: expect.any(String),
        departmentId: o.scj,
        department: '区市场监督管理局',
        deadlineAt: sh('2024-03-15T18:00').toISOString(),
        daysOverdue: 6,
        warningLevel: 'red',
      },
    ]);
    // S1, handled on the spot in the week, counts in the district's totals though it has no department.
    expect(r.data.totals).toEqual({
      handled: 7,
      closed: 3,
      closedLate: 1,
      overdueNow: 1,
      onTimeRate: 2 / 4,
      avgHandlingDays: 10 / 3,
      supervisionOpen: 1,
      returnsUpheld: 0,
      laggingDepartments: 1,
      // No appeal waits past its acceptance deadline (受理时限).
      acceptOverdueNow: 0,
    });
    // The week's closures: A4 and S1 rated by the enterprise; A2 closed unrated, the follow-up never reached it.
    expect(r.data.closures).toEqual({
      closed: 3,
      ratedSelf: 2,
      ratedFollowUp: 0,
      unrated: 1,
      unratedNotReached: 1,
      unratedDeclined: 0,
      unratedAuto: 0,
      unratedOffice: 0,
    });
  });

  it('lists the reports, newest first', async () => {
    const res = await get('coordinator', '/api/overdue-reports?pageSize=2');
    expect(res.statusCode).toBe(200);
    const list = res.json();
    expect(list.total).toBe(3);
    expect(list.items[0]).toMatchObject({ id: onDemand, kind: 'on_demand', overdueNow: 3, laggingDepartments: 2 });
    expect(list.items[1]).toMatchObject({ kind: 'weekly', periodStart: '2024-03-25', generatedBy: null });
  });

  it('exports a report to Excel: the ranked departments and the overdue list', async () => {
    const res = await get('leader', `/api/overdue-reports/${onDemand}.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['部门晾晒', '超期清单', '办结评价']);
    const closures = wb.getWorksheet('办结评价')!;
    expect([1, 2, 3, 4, 5].map((n) => (closures.getRow(n).values as unknown[]).slice(1))).toEqual([
      ['项目', '数量（件）'],
      ['统计期内办结', 7],
      ['其中企业自评', 5],
      ['其中回访评价', 1],
      ['其中未评价办结', 1],
    ]);
    const ranked = wb.getWorksheet('部门晾晒')!;
    const row = (n: number) => (ranked.getRow(n).values as unknown[]).slice(1);
    expect(row(1)).toEqual([
      '排名',
      '承办部门',
      '统计期办理（件）',
      '统计期办结（件）',
      '超期办结（件）',
      '超期在办（件）',
      '最长超期（工作日）',
      '按期办结率',
      '平均办理时长（工作日）',
      '未回复督办单（件）',
      '退回成立（件）',
      '是否落后',
    ]);
    expect(row(2).slice(0, 6)).toEqual([1, '区市场监督管理局', 7, 3, 1, 2]);
    expect(row(3).slice(0, 2)).toEqual([2, '区工业和信息化局']);
    expect(row(4).slice(0, 3)).toEqual(['合计', '全区', 12]);
    expect(ranked.getRow(2).getCell(8)).toMatchObject({ value: 0.4, numFmt: '0.0%' });
    const items = wb.getWorksheet('超期清单')!;
    expect(items.rowCount).toBe(4);
    expect((items.getRow(2).values as unknown[]).slice(1)).toEqual([
      'T-2024-A3',
      '测试诉求 A3',
      expect.any(String),
      '区市场监督管理局',
      // A real Excel date-time showing the Shanghai wall time (Excel stores wall times; exceljs reads them as UTC).
      new Date('2024-03-15T18:00:00Z'),
      expect.any(Number),
      '红灯',
    ]);
    expect(items.getRow(2).getCell(5).numFmt).toBe('yyyy-mm-dd hh:mm');
  });

  it('reads a report published before closures were counted', async () => {
    const old = await report(onDemand);
    const { closures: _dropped, ...data } = old.data;
    await t.database.db
      .updateTable('overdue_reports')
      .set({ data: JSON.stringify(data) })
      .where('id', '=', onDemand)
      .execute();
    expect((await report(onDemand)).data.closures).toBeUndefined();
    expect((await get('leader', `/api/overdue-reports/${onDemand}.xlsx`)).statusCode).toBe(200);
    await t.database.db
      .updateTable('overdue_reports')
      .set({ data: JSON.stringify(old.data) })
      .where('id', '=', onDemand)
      .execute();
  });

  it('never changes a published report', async () => {
    const before = await report(onDemand);
    await t.database.db
      .updateTable('appeals')
      .set({ state: 'closed', replied_at: new Date(), closed_at: new Date() })
      .where('id', '=', ids.A3)
      .execute();
    expect(await report(onDemand)).toEqual(before);
  });

  it('is for the office and the leaders only', async () => {
    expect((await get('handler', '/api/overdue-reports')).statusCode).toBe(403);
    expect((await get('enterprise', `/api/overdue-reports/${onDemand}`)).statusCode).toBe(403);
    expect((await get('enterprise', `/api/overdue-reports/${onDemand}.xlsx`)).statusCode).toBe(403);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/overdue-reports',
          headers: { cookie: cookies.handler! },
          payload: { from: '2024-03-01', to: '2024-03-31' },
        })
      ).statusCode,
    ).toBe(403);
    expect((await get('leader', '/api/overdue-reports/999999')).statusCode).toBe(404);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/overdue-reports',
          headers: { cookie: cookies.leader! },
          payload: { from: '2024-03-31', to: '2024-03-01' },
        })
      ).statusCode,
    ).toBe(400);
  });
});
