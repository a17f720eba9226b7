import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/app.ts';
import { shanghaiDate } from '../calendar/working-days.ts';
import type { FiguresResult, FiguresTotals } from './schemas.ts';
import { clearAppeals, org, seedMarch, type Org } from './test-fixtures.ts';

let t: TestApp;
let o: Org;
const cookies: Record<string, string> = {};
const MARCH = 'from=2024-03-01&to=2024-03-31';

beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['enterprise', 'specialist', 'coordinator', 'handler', 'handler_gxj', 'leader', 'admin']) cookies[u] = await t.login(u);
  o = await org(t.database.db);
  await clearAppeals(t.database.db);
  await seedMarch(t.database.db, o);
});
afterAll(() => t.close());

function get(user: string, url: string) {
  return t.app.inject({ url, headers: { cookie: cookies[user]! } });
}
async function figures(user: string, query: string): Promise<FiguresResult> {
  const res = await get(user, `/api/appeals/figures?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

type Unrated = Pick<
  FiguresTotals,
  'closedUnrated' | 'closedUnratedNotReached' | 'closedUnratedDeclined' | 'closedUnratedAuto' | 'closedUnratedOffice'
>;
const unrated = (u: Partial<Unrated>): Unrated => ({
  closedUnrated: 0,
  closedUnratedNotReached: 0,
  closedUnratedDeclined: 0,
  closedUnratedAuto: 0,
  closedUnratedOffice: 0,
  ...u,
});
const selfOnly = (rated: number, satisfied: number, avg: number | null) => ({
  selfRated: rated,
  selfSatisfied: satisfied,
  selfSatisfactionRate: rated ? satisfied / rated : null,
  selfAvgRating: avg,
  followUpRated: 0,
  followUpSatisfied: 0,
  followUpSatisfactionRate: null,
  followUpAvgRating: null,
});

// Expected figures, worked out by hand from the fixture (test-fixtures.ts).
const SCJ: FiguresTotals = {
  received: 7,
  closed: 3,
  open: 4,
  overdue: 2,
  onTime: 2,
  closureRate: 3 / 7,
  // A1 and A4 on time; A2 closed late; A3 and A7 open past their deadline: 2 ÷ (3 + 2).
  onTimeRate: 2 / 5,
  // A1 Fri→Tue across the weekend 2, A2 5, A4 5, A6 1 working days.
  replied: 4,
  avgHandlingDays: 13 / 4,
  rated: 3,
  satisfied: 2,
  satisfactionRate: 2 / 3,
  avgRating: 11 / 3,
  // A1 and A4 rated by the enterprise; A7 rated 2 in a follow-up call and sent back.
  selfRated: 2,
  selfSatisfied: 2,
  selfSatisfactionRate: 1,
  selfAvgRating: 4.5,
  followUpRated: 1,
  followUpSatisfied: 0,
  followUpSatisfactionRate: 0,
  followUpAvgRating: 2,
  // A2: the follow-up never reached the enterprise.
  ...unrated({ closedUnrated: 1, closedUnratedNotReached: 1 }),
  reopened: 2,
  reopenRate: 2 / 3,
  // SCJ's return of B1 was upheld: it counts for GXJ, which now leads it, not against SCJ.
  returnsUpheld: 0,
};
const GXJ: FiguresTotals = {
  received: 3,
  closed: 2,
  open: 1,
  overdue: 1,
  onTime: 1,
  closureRate: 2 / 3,
  onTimeRate: 1 / 3,
  replied: 2,
  avgHandlingDays: 3,
  rated: 2,
  satisfied: 2,
  satisfactionRate: 1,
  avgRating: 3,
  selfRated: 1,
  selfSatisfied: 1,
  selfSatisfactionRate: 1,
  selfAvgRating: 3,
  followUpRated: 1,
  followUpSatisfied: 1,
  followUpSatisfactionRate: 1,
  followUpAvgRating: 3,
  ...unrated({}),
  reopened: 0,
  reopenRate: 0,
  returnsUpheld: 1,
};
const ON_SPOT: FiguresTotals = {
  received: 1,
  closed: 1,
  open: 0,
  overdue: 0,
  onTime: 1,
  closureRate: 1,
  onTimeRate: 1,
  replied: 1,
  avgHandlingDays: 0,
  rated: 1,
  satisfied: 1,
  satisfactionRate: 1,
  avgRating: 5,
  ...selfOnly(1, 1, 5),
  ...unrated({}),
  reopened: 0,
  reopenRate: 0,
  returnsUpheld: 0,
};
const TOTALS: FiguresTotals = {
  received: 11,
  closed: 6,
  open: 5,
  overdue: 3,
  onTime: 4,
  closureRate: 6 / 11,
  onTimeRate: 4 / 9,
  replied: 7,
  avgHandlingDays: 19 / 7,
  rated: 6,
  satisfied: 5,
  satisfactionRate: 5 / 6,
  avgRating: 22 / 6,
  selfRated: 4,
  selfSatisfied: 4,
  selfSatisfactionRate: 1,
  selfAvgRating: 17 / 4,
  followUpRated: 2,
  followUpSatisfied: 1,
  followUpSatisfactionRate: 0.5,
  followUpAvgRating: 2.5,
  ...unrated({ closedUnrated: 1, closedUnratedNotReached: 1 }),
  reopened: 2,
  reopenRate: 2 / 6,
  returnsUpheld: 1,
};

describe('appeal figures', () => {
  it('gives every figure by department for the appeals accepted in the period', async () => {
    const f = await figures('coordinator', `by=department&${MARCH}`);
    expect(f).toMatchObject({ by: 'department', from: '2024-03-01', to: '2024-03-31' });
    expect(f.rows).toEqual([
      { key: String(o.scj), name: '区市场监督管理局', ...SCJ },
      { key: String(o.gxj), name: '区工业和信息化局', ...GXJ },
      { key: null, name: '未分办（含现场即办）', ...ON_SPOT },
    ]);
    expect(f.totals).toEqual(TOTALS);
  });

  it('groups by month on the Shanghai calendar, empty months included', async () => {
    const f = await figures('leader', 'by=month&from=2024-01-15&to=2024-04-30');
    expect(f.rows.map((r) => [r.key, r.name, r.received])).toEqual([
      ['2024-01', '2024年1月', 0],
      ['2024-02', '2024年2月', 1],
      ['2024-03', '2024年3月', 11],
      ['2024-04', '2024年4月', 2],
    ]);
    expect(f.rows[2]).toMatchObject(TOTALS);
    expect(f.rows[0]).toMatchObject({ closureRate: null, onTimeRate: null, avgHandlingDays: null });
  });

  it('counts handling time in working days on the official calendar', async () => {
    // A1: accepted Friday 10:00, replied Tuesday 15:00 — Monday and Tuesday, not four calendar days.
    expect((await figures('coordinator', 'from=2024-03-08&to=2024-03-08')).totals.avgHandlingDays).toBe(2);
    // H1: accepted Wednesday 3 April, replied Monday 8 April — Sunday 7 (调休) and Monday.
    expect((await figures('coordinator', 'from=2024-04-03&to=2024-04-03')).totals.avgHandlingDays).toBe(2);
  });

  it('gives the same totals whatever the grouping', async () => {
    for (const by of ['service_item', 'category', 'street', 'appeal_type']) {
      const f = await figures('admin', `by=${by}&${MARCH}`);
      expect(f.totals, by).toEqual(TOTALS);
      expect(f.rows.reduce((s, r) => s + r.received, 0)).toBe(11);
      expect(f.rows.every((r) => r.key !== null && r.name.length > 0)).toBe(true);
    }
    // Every type is listed, in the intake form's order; the fixture's appeals are all help requests (求助).
    const types = await figures('coordinator', `by=appeal_type&${MARCH}`);
    expect(types.rows.map((r) => [r.key, r.name, r.received])).toEqual([
      ['consultation', '咨询', 0],
      ['help', '求助', 11],
      ['complaint', '投诉', 0],
      ['suggestion', '建议', 0],
    ]);
    const items = await figures('coordinator', `by=service_item&${MARCH}`);
    // S1 (on the spot) was classified under the SCJ item, so that item has the A* and S1.
    expect(items.rows.find((r) => r.key === String(o.scjItem))?.received).toBe(8);
  });

  it('shows a handler only its own department', async () => {
    const f = await figures('handler', `by=department&${MARCH}`);
    expect(f.rows).toEqual([{ key: String(o.scj), name: '区市场监督管理局', ...SCJ }]);
    expect(f.totals).toEqual(SCJ);
    const months = await figures('handler', `by=month&${MARCH}`);
    expect(months.totals).toEqual(SCJ);
  });

  it('refuses enterprises and other staff, and bad periods', async () => {
    expect((await get('enterprise', `/api/appeals/figures?${MARCH}`)).statusCode).toBe(403);
    expect((await get('specialist', `/api/appeals/figures?${MARCH}`)).statusCode).toBe(403);
    expect((await get('enterprise', `/api/appeals/figures.xlsx?${MARCH}`)).statusCode).toBe(403);
    expect((await t.app.inject({ url: `/api/appeals/figures?${MARCH}` })).statusCode).toBe(401);
    expect((await get('coordinator', '/api/appeals/figures?from=2024-03-31&to=2024-03-01')).statusCode).toBe(400);
    expect((await get('coordinator', '/api/appeals/figures?from=2024-02-30')).statusCode).toBe(400);
    expect((await get('coordinator', '/api/appeals/figures?from=2000-01-01&to=2024-01-01')).statusCode).toBe(400);
    expect((await get('coordinator', '/api/appeals/figures?by=cadre')).statusCode).toBe(400);
  });

  it('exports the figures to Excel with Chinese headers and percentages', async () => {
    const res = await get('coordinator', `/api/appeals/figures.xlsx?by=department&${MARCH}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('诉求统计'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('诉求统计')!;
    const values = (n: number) => (ws.getRow(n).values as unknown[]).slice(1);
    expect(values(1)).toEqual([
      '承办部门',
      '受理（件）',
      '办结（件）',
      '在办（件）',
      '超期在办（件）',
      '按期办结（件）',
      '办结率',
      '按期办结率',
      '平均办理时长（工作日）',
      '满意率',
      '已评价（件）',
      '平均评分',
      '企业自评（件）',
      '自评满意率',
      '自评平均分',
      '回访评价（件）',
      '回访满意率',
      '回访平均分',
      '未评价办结（件）',
      '其中回访未接通（件）',
      '其中拒绝评价（件）',
      '其中逾期自动办结（件）',
      '其中办公室办结（件）',
      '重办率',
      '退回成立（件）',
    ]);
    expect(ws.rowCount).toBe(5);
    expect(values(2)).toEqual([
      '区市场监督管理局',
      7,
      3,
      4,
      2,
      2,
      3 / 7,
      0.4,
      3.25,
      2 / 3,
      3,
      11 / 3,
      2,
      1,
      4.5,
      1,
      0,
      2,
      1,
      1,
      0,
      0,
      0,
      2 / 3,
      0,
    ]);
    expect(values(5)).toEqual([
      '合计',
      11,
      6,
      5,
      3,
      4,
      6 / 11,
      4 / 9,
      19 / 7,
      5 / 6,
      6,
      22 / 6,
      4,
      1,
      17 / 4,
      2,
      0.5,
      2.5,
      1,
      1,
      0,
      0,
      0,
      2 / 6,
      1,
    ]);
    expect(ws.getRow(2).getCell(8).numFmt).toBe('0.0%');
    const notes = wb.getWorksheet('说明')!;
    expect([1, 2].map((r) => (notes.getRow(r).values as unknown[]).slice(1))).toEqual([
      ['统计期起（受理日期）', new Date('2024-03-01T00:00:00Z')],
      ['统计期止（受理日期）', new Date('2024-03-31T00:00:00Z')],
    ]);
    expect(notes.getCell('B1').numFmt).toBe('yyyy-mm-dd');
    // The acceptance clock (受理时限) is the front office's: the office's export has it, a handler's has none (as in the API).
    const { acceptance } = await figures('coordinator', `by=department&${MARCH}`);
    const accept = wb.getWorksheet('受理时效')!;
    expect((accept.getRow(2).values as unknown[]).slice(1)).toEqual([
      acceptance!.waiting,
      acceptance!.overdue,
      acceptance!.accepted,
      acceptance!.acceptedLate,
      ...(acceptance!.onTimeRate === null ? [] : [acceptance!.onTimeRate]),
    ]);
    const mine = await get('handler', `/api/appeals/figures.xlsx?${MARCH}`);
    const handlerWb = new ExcelJS.Workbook();
    await handlerWb.xlsx.load(mine.rawPayload as unknown as ExcelJS.Buffer);
    expect(handlerWb.worksheets.map((w) => w.name)).toEqual(['诉求统计', '说明']);
  });
});

describe('a return upheld, through the workflow', () => {
  it('counts the appeal for the department it was sent to, not the one that returned it', async () => {
    const post = async (user: string, url: string, payload: object = {}) => {
      const res = await t.app.inject({ method: 'POST', url, headers: { cookie: cookies[user]! }, payload });
      expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(300);
      return res;
    };
    const id = (
      await post('enterprise', '/api/appeals', { title: '工业技改补贴咨询', description: '想了解今年工业技改补贴的申报条件和时间。' })
    ).json().id as number;
    await post('specialist', `/api/appeals/${id}/accept`, { serviceItemId: o.scjItem, grade: 'normal' });
    await post('specialist', `/api/appeals/${id}/dispatch`, { departmentId: o.scj });
    await post('handler', `/api/appeals/${id}/claim`);
    await post('handler', `/api/appeals/${id}/return`, { reason: '不属于本部门职责', suggestedDepartmentId: o.gxj });
    await post('coordinator', `/api/appeals/${id}/arbitrate-return`, { upheld: true, departmentId: o.gxj });
    await post('handler_gxj', `/api/appeals/${id}/claim`);
    await post('handler_gxj', `/api/appeals/${id}/start`);
    await post('handler_gxj', `/api/appeals/${id}/reply`, { reply: '申报条件见附件，窗口可预约辅导。' });
    await post('enterprise', `/api/appeals/${id}/rate`, { rating: 5 });

    const today = shanghaiDate(new Date());
    const f = await figures('coordinator', `by=department&from=${today}&to=${today}`);
    expect(f.rows).toEqual([
      {
        key: String(o.gxj),
        name: '区工业和信息化局',
        received: 1,
        closed: 1,
        open: 0,
        overdue: 0,
        onTime: 1,
        closureRate: 1,
        onTimeRate: 1,
        replied: 1,
        avgHandlingDays: 0,
        rated: 1,
        satisfied: 1,
        satisfactionRate: 1,
        avgRating: 5,
        ...selfOnly(1, 1, 5),
        ...unrated({}),
        reopened: 0,
        reopenRate: 0,
        returnsUpheld: 1,
      },
    ]);
    expect((await figures('handler', `from=${today}&to=${today}`)).totals.received).toBe(0);
  });
});
