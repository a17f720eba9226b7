import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/app.ts';
import { addMonths } from '../calendar/working-days.ts';
import { latestMonth, monthlyWarningJob } from './service.ts';

let t: TestApp;
const cookies: Record<string, string> = {};
let month: string;
let a: { id: number; name: string };
let b: { id: number };
let cadreId: number;
let hasLiaisons = false;

function call(user: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: object) {
  return t.app.inject({ method, url, headers: { cookie: cookies[user]! }, ...(payload ? { payload } : {}) });
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  for (const u of ['admin', 'coordinator', 'leader', 'cadre', 'cadre01']) cookies[u] = await t.login(u);
  month = (await latestMonth(db))!;
  const [first, second] = await db
    .selectFrom('enterprises')
    .select(['id', 'name'])
    .where('status', '=', 'active')
    .where('street_id', 'is not', null)
    .orderBy('id')
    .limit(2)
    .execute();
  a = first!;
  b = { id: second!.id };
  cadreId = (await db.selectFrom('users').select('id').where('username', '=', 'cadre').executeTakeFirstOrThrow()).id;
  // A: output steady at 100 for a year, then 20 (−80% on the year); B moved out of the district.
  await db.deleteFrom('enterprise_indicators').where('enterprise_id', '=', a.id).execute();
  await db
    .insertInto('enterprise_indicators')
    .values(
      Array.from({ length: 13 }, (_, i) => ({
        enterprise_id: a.id,
        month: addMonths(month, i - 12),
        output: i === 12 ? 20 : 100,
        tax: 10,
        electricity: 1000,
        employees: 20,
      })),
    )
    .execute();
  await db.updateTable('enterprises').set({ status: 'moved_out' }).where('id', '=', b.id).execute();
  // A is served by the demo cadre when the service network is installed.
  const { rows } = await sql<{
    n: number;
  }>`select count(*)::int as n from information_schema.tables where table_schema = any(current_schemas(false)) and table_name = 'liaisons'`.execute(
    db,
  );
  hasLiaisons = (rows[0]?.n ?? 0) > 0;
  if (hasLiaisons) {
    await sql`update liaisons set ended_at = now() where enterprise_id = ${a.id} and ended_at is null`.execute(db);
    await sql`insert into liaisons (enterprise_id, user_id, tier) values (${a.id}, ${cadreId}, 'special_group')`.execute(db);
  }
});
afterAll(() => t.close());

let warningId: number;

describe('evaluation', () => {
  it('raises each warning once per enterprise, rule and month, even when run twice', async () => {
    const first = await call('coordinator', 'POST', '/api/warnings/evaluate', {});
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ month });
    expect(first.json().raised).toBeGreaterThanOrEqual(2);
    expect(first.json().raised).toBe(first.json().found);
    const again = await call('admin', 'POST', '/api/warnings/evaluate', { month: month.slice(0, 7) });
    expect(again.json()).toEqual({ month, found: first.json().found, raised: 0 });
    const { n } = await t.database.db
      .selectFrom('enterprise_warnings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n)).toBe(first.json().found);
    // The monthly job sees nothing new to evaluate.
    expect(await monthlyWarningJob(t.database.db)).toBeNull();
  });

  it('explains the sharp fall and sends it to the liaison cadre', async () => {
    const res = await call('coordinator', 'GET', `/api/warnings?q=${encodeURIComponent(a.name)}&pageSize=50`);
    expect(res.statusCode, res.body).toBe(200);
    const yoy = res.json().items.find((w: { kind: string; indicator: string }) => w.kind === 'yoy_drop' && w.indicator === 'output');
    expect(yoy).toMatchObject({ enterpriseId: a.id, month, level: 'orange', value: -80, status: 'open' });
    expect(yoy.explanation).toContain('同比下降 80%');
    warningId = yoy.id;
    if (hasLiaisons) {
      expect(yoy.assignedUserId).toBe(cadreId);
      const n = await t.database.db
        .selectFrom('notifications')
        .select('title')
        .where('user_id', '=', cadreId)
        .where('title', 'like', '%监测预警%')
        .execute();
      expect(n.length).toBe(1);
    }
    // The enterprise file's one history shows the warning next to the appeals.
    const history = await call('coordinator', 'GET', `/api/enterprises/${a.id}/timeline`);
    expect(
      history.json().items.some((i: { kind: string; link: string | null }) => i.kind === 'warning' && i.link === `/warnings/${yoy.id}`),
    ).toBe(true);
    const relocation = await call('leader', 'GET', '/api/warnings?relocation=1&pageSize=200');
    expect(relocation.json().items.map((w: { enterpriseId: number }) => w.enterpriseId)).toContain(b.id);
  });

  it('refuses evaluation to other roles', async () => {
    expect((await call('leader', 'POST', '/api/warnings/evaluate', {})).statusCode).toBe(403);
    expect((await call('cadre', 'POST', '/api/warnings/evaluate', {})).statusCode).toBe(403);
  });
});

describe('follow-up and close', () => {
  it('shows the warning with its series to its cadre only', async () => {
    if (!hasLiaisons) {
      await t.database.db.updateTable('enterprise_warnings').set({ assigned_user_id: cadreId }).where('id', '=', warningId).execute();
    }
    const res = await call('cadre', 'GET', `/api/warnings/${warningId}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: warningId, canAct: true });
    expect(res.json().series).toHaveLength(13);
    expect(res.json().series.at(-1)).toMatchObject({ month, output: 20 });
    const mine = await call('cadre', 'GET', '/api/warnings?pageSize=200');
    expect(mine.json().items.every((w: { assignedUserId: number }) => w.assignedUserId === cadreId)).toBe(true);
    expect((await call('cadre01', 'GET', `/api/warnings/${warningId}`)).statusCode).toBe(404);
    expect((await call('cadre01', 'POST', `/api/warnings/${warningId}/follow-ups`, { note: 'x' })).statusCode).toBe(404);
    expect((await call('leader', 'POST', `/api/warnings/${warningId}/follow-ups`, { note: 'x' })).statusCode).toBe(403);
    expect((await call('leader', 'GET', `/api/warnings/${warningId}`)).json().canAct).toBe(false);
  });

  it('logs follow-ups, then closes with what was done', async () => {
    expect((await call('cadre', 'POST', `/api/warnings/${warningId}/follow-ups`, { note: '  ' })).statusCode).toBe(400);
    const f = await call('cadre', 'POST', `/api/warnings/${warningId}/follow-ups`, { note: '已走访企业，订单转移至外地工厂' });
    expect(f.statusCode, f.body).toBe(204);
    expect((await call('cadre', 'GET', `/api/warnings/${warningId}`)).json().status).toBe('following');
    const c = await call('coordinator', 'POST', `/api/warnings/${warningId}/close`, { actionsTaken: '协调产业空间，企业承诺保留生产线' });
    expect(c.statusCode, c.body).toBe(204);
    const d = (await call('cadre', 'GET', `/api/warnings/${warningId}`)).json();
    expect(d).toMatchObject({ status: 'closed', actionsTaken: '协调产业空间，企业承诺保留生产线', canAct: false });
    expect(d.actions.map((x: { kind: string }) => x.kind)).toEqual(['follow_up', 'close']);
    expect((await call('cadre', 'POST', `/api/warnings/${warningId}/follow-ups`, { note: '再次走访' })).statusCode).toBe(409);
    expect((await call('cadre', 'POST', `/api/warnings/${warningId}/close`, { actionsTaken: '再次' })).statusCode).toBe(409);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'enterprise_warning')
      .where('entity_id', '=', String(warningId))
      .execute();
    expect(audit.map((x) => x.action)).toEqual(['warning.follow_up', 'warning.close']);
  });
});

describe('monthly report', () => {
  it('counts by level, section and street, lists relocation risks and what was done', async () => {
    const res = await call('leader', 'GET', `/api/warnings/report?month=${month.slice(0, 7)}`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    const { n } = await t.database.db
      .selectFrom('enterprise_warnings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('month', '=', month)
      .executeTakeFirstOrThrow();
    expect(r.total).toBe(Number(n));
    expect(r.byLevel.red + r.byLevel.orange + r.byLevel.yellow).toBe(r.total);
    expect(r.bySection.reduce((s: number, g: { total: number }) => s + g.total, 0)).toBe(r.total);
    expect(r.byStreet.reduce((s: number, g: { total: number }) => s + g.total, 0)).toBe(r.total);
    expect(r.byStatus).toMatchObject({ closed: 1 });
    expect(r.followUps).toBe(1);
    expect(r.months).toContain(month);
    expect(r.relocation.map((w: { enterpriseId: number }) => w.enterpriseId)).toContain(b.id);
    expect(r.closed).toEqual([expect.objectContaining({ id: warningId, actionsTaken: '协调产业空间，企业承诺保留生产线' })]);
    expect((await call('cadre', 'GET', '/api/warnings/report')).statusCode).toBe(403);
  });

  it('exports the report to Excel', async () => {
    const res = await call('coordinator', 'GET', `/api/warnings/report.xlsx?month=${month.slice(0, 7)}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('warning-report-');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['概况', '按规则', '按行业门类', '按街道', '外迁风险', '已处置']);
    expect(wb.getWorksheet('已处置')!.getRow(2).getCell(10).value).toBe('协调产业空间，企业承诺保留生产线');
  });
});

describe('rules', () => {
  it('lets the administrator add and tune rules, checking their parameters', async () => {
    const list = await call('coordinator', 'GET', '/api/warning-rules');
    expect(list.json().length).toBeGreaterThanOrEqual(7);
    expect(
      (
        await call('coordinator', 'POST', '/api/warning-rules', {
          name: 'x',
          kind: 'yoy_drop',
          indicator: 'tax',
          params: { threshold: 20 },
          level: 'yellow',
        })
      ).statusCode,
    ).toBe(403);
    const bad = await call('admin', 'POST', '/api/warning-rules', {
      name: '税收同比',
      kind: 'yoy_drop',
      indicator: 'tax',
      params: { threshold: 200 },
      level: 'yellow',
    });
    expect(bad.statusCode).toBe(400);
    const noIndicator = await call('admin', 'POST', '/api/warning-rules', {
      name: '税收同比',
      kind: 'yoy_drop',
      params: { threshold: 20 },
      level: 'yellow',
    });
    expect(noIndicator.statusCode).toBe(400);
    const ok = await call('admin', 'POST', '/api/warning-rules', {
      name: '用水同比下降',
      kind: 'yoy_drop',
      indicator: 'water',
      params: { threshold: 60 },
      level: 'yellow',
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const patch = await call('admin', 'PATCH', `/api/warning-rules/${ok.json().id}`, { params: { threshold: 70 }, active: false });
    expect(patch.statusCode, patch.body).toBe(204);
    const after = (await call('admin', 'GET', '/api/warning-rules')).json().find((x: { id: number }) => x.id === ok.json().id);
    expect(after).toMatchObject({ params: { threshold: 70 }, active: false, indicator: 'water' });
  });
});

describe('relocation by address', () => {
  it('is warned about once per enterprise, not again the next month', async () => {
    const next = addMonths(month, 1);
    const res = await call('coordinator', 'POST', '/api/warnings/evaluate', { month: next.slice(0, 7) });
    expect(res.statusCode, res.body).toBe(200);
    const rows = await t.database.db
      .selectFrom('enterprise_warnings as w')
      .innerJoin('warning_rules as r', 'r.id', 'w.rule_id')
      .select(sql<string>`to_char(w.month, 'YYYY-MM-DD')`.as('month'))
      .where('w.enterprise_id', '=', b.id)
      .where('r.kind', '=', 'relocation_address')
      .execute();
    expect(rows.map((r) => r.month)).toEqual([month]);
  });
});

describe('reopening and handing over to a new cadre', () => {
  const db = () => t.database.db;
  const warningsOf = (enterpriseId: number) =>
    db()
      .selectFrom('enterprise_warnings')
      .select(['id', 'status', 'assigned_user_id'])
      .where('enterprise_id', '=', enterpriseId)
      .orderBy('id')
      .execute();
  let cadre01Id: number;

  it('reopens a closed warning with a reason, for the office or its cadre only', async () => {
    cadre01Id = (await db().selectFrom('users').select('id').where('username', '=', 'cadre01').executeTakeFirstOrThrow()).id;
    expect((await call('cadre01', 'POST', `/api/warnings/${warningId}/reopen`, { reason: '企业复产未达预期' })).statusCode).toBe(404);
    expect((await call('leader', 'POST', `/api/warnings/${warningId}/reopen`, { reason: '企业复产未达预期' })).statusCode).toBe(403);
    const empty = await call('cadre', 'POST', `/api/warnings/${warningId}/reopen`, { reason: ' ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.details.fields[0].field).toBe('reason');
    const res = await call('cadre', 'POST', `/api/warnings/${warningId}/reopen`, { reason: '企业复产未达预期，产值仍在下降' });
    expect(res.statusCode, res.body).toBe(204);
    const d = (await call('cadre', 'GET', `/api/warnings/${warningId}`)).json();
    expect(d).toMatchObject({ status: 'following', actionsTaken: null, closedAt: null, canAct: true, assignedUserId: cadreId });
    expect(d.actions.map((x: { kind: string; note: string }) => [x.kind, x.note]).at(-1)).toEqual([
      'reopen',
      '企业复产未达预期，产值仍在下降',
    ]);
    // Only a closed warning can be reopened.
    expect((await call('coordinator', 'POST', `/api/warnings/${warningId}/reopen`, { reason: '再次' })).statusCode).toBe(409);
    const audit = await db()
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'enterprise_warning')
      .where('entity_id', '=', String(warningId))
      .orderBy('id')
      .execute();
    expect(audit.map((x) => x.action)).toEqual(['warning.follow_up', 'warning.close', 'warning.reopen']);
    expect((await call('leader', 'GET', `/api/warnings/report?month=${month.slice(0, 7)}`)).json().closed).toEqual([]);
  });

  it('moves the open and following warnings to the new cadre when one enterprise is reassigned; closed ones stay', async () => {
    const before = await warningsOf(a.id);
    expect(before.length).toBeGreaterThanOrEqual(2);
    // Close another of A's warnings: it stays with who followed it.
    const other = before.find((w) => w.id !== warningId)!;
    expect((await call('cadre', 'POST', `/api/warnings/${other.id}/close`, { actionsTaken: '已核实，季节性波动' })).statusCode).toBe(204);
    const res = await call('coordinator', 'PUT', `/api/liaisons/enterprises/${a.id}`, { userId: cadre01Id, tier: 'special_group' });
    expect(res.statusCode, res.body).toBe(204);
    const after = await warningsOf(a.id);
    for (const w of after) expect([w.id, w.assigned_user_id]).toEqual([w.id, w.status === 'closed' ? cadreId : cadre01Id]);
    const moved = after.filter((w) => w.status !== 'closed').map((w) => String(w.id));
    expect(moved).toContain(String(warningId));
    const audit = await db()
      .selectFrom('audit_log')
      .select(['entity_id', 'before', 'after'])
      .where('action', '=', 'warning.reassign')
      .execute();
    expect(audit.map((x) => x.entity_id).sort()).toEqual([...moved].sort());
    expect(audit[0]).toMatchObject({ before: { assignedUserId: cadreId }, after: { assignedUserId: cadre01Id } });
    const notice = await db()
      .selectFrom('notifications')
      .select('title')
      .where('user_id', '=', cadre01Id)
      .where('title', 'like', '%转由您跟进%')
      .execute();
    expect(notice).toHaveLength(1);
    // The old cadre no longer sees it; the new one acts on it.
    expect((await call('cadre', 'GET', `/api/warnings/${warningId}`)).statusCode).toBe(404);
    expect((await call('cadre01', 'GET', `/api/warnings/${warningId}`)).json().canAct).toBe(true);
    // Reopening the closed one gives it to the enterprise's cadre of the day.
    expect((await call('coordinator', 'POST', `/api/warnings/${other.id}/reopen`, { reason: '波动持续' })).statusCode).toBe(204);
    expect((await warningsOf(a.id)).find((w) => w.id === other.id)).toMatchObject({ status: 'following', assigned_user_id: cadre01Id });
  });

  it('moves them in a bulk assignment too, in the same transaction', async () => {
    const e = await db().selectFrom('enterprises').select(['street_id', 'industry_code']).where('id', '=', a.id).executeTakeFirstOrThrow();
    const res = await call('coordinator', 'POST', '/api/liaisons/bulk-assign', {
      filter: { streetId: e.street_id, industry: e.industry_code, keyOnly: false },
      tier: 'special_group',
      userIds: [cadreId],
      onlyUnassigned: false,
    });
    expect(res.statusCode, res.body).toBe(200);
    const after = await warningsOf(a.id);
    expect(after.filter((w) => w.status !== 'closed').every((w) => w.assigned_user_id === cadreId)).toBe(true);
    expect(after.some((w) => w.status !== 'closed')).toBe(true);
  });

  it('refuses an industry the standard lacks in the list and bulk filters, naming the field (issue 13)', async () => {
    const list = await call('coordinator', 'GET', '/api/warnings?industry=C3999');
    expect(list.statusCode).toBe(400);
    expect(list.json().error.details.fields[0].field).toBe('industry');
    const bulk = await call('coordinator', 'POST', '/api/liaisons/bulk-assign', {
      filter: { industry: 'C3999', keyOnly: false },
      tier: 'special_group',
      userIds: [cadreId],
      onlyUnassigned: false,
    });
    expect(bulk.statusCode).toBe(400);
    expect(bulk.json().error.details.fields[0].field).toBe('filter.industry');
    expect((await call('coordinator', 'GET', '/api/warnings?industry=C3911')).statusCode).toBe(200);
  });
});
