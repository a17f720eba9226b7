import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { competitionRanks } from './assessment.ts';
import { liaisonApp } from './test-fixtures.ts';

const { ids, call, db, keyEnterprises } = liaisonApp();

describe('assessment (双考核)', () => {
  // Only cadres who look after an enterprise are ranked: cadre05 gets the one whose figures are scored.
  beforeAll(async () => {
    const [scored, second, third] = await keyEnterprises();
    const assign = [
      [scored!.id, ids.cadre05, 'department_head'],
      [second!.id, ids.cadre, 'special_group'],
      [third!.id, ids.cadre01, 'special_group'],
    ] as const;
    for (const [enterprise, userId, tier] of assign) {
      const res = await call('coordinator', 'PUT', `/api/liaisons/enterprises/${enterprise}`, { userId, tier });
      expect(res.statusCode, res.body).toBe(204);
    }
    ids.assessed = scored!.id;
  });

  it('scores a cadre from known data, with configurable weights', async () => {
    const e = ids.assessed!;
    const at = (s: string) => new Date(`${s}+08:00`);
    await db()
      .insertInto('liaison_visits')
      .values([
        { enterprise_id: e, user_id: ids.cadre05!, planned_on: '2024-03-05', visited_on: '2024-03-05', status: 'done' },
        { enterprise_id: e, user_id: ids.cadre05!, planned_on: '2024-03-20', status: 'planned' },
      ])
      .execute();
    const appeal = (n: string, repliedOnTime: boolean, rating: number) => ({
      number: `T-L-${n}`,
      enterprise_id: e,
      title: `测试 ${n}`,
      description: '测试诉求内容描述',
      channel: 'visit' as const,
      state: 'closed',
      submitted_by: ids.cadre05!,
      submitted_at: at('2024-03-01T09:00'),
      accepted_at: at('2024-03-01T10:00'),
      deadline_at: at('2024-03-06T18:00'),
      replied_at: repliedOnTime ? at('2024-03-05T10:00') : at('2024-03-08T10:00'),
      closed_at: at('2024-03-10T10:00'),
      rating,
      rated_at: at('2024-03-10T10:00'),
    });
    await db()
      .insertInto('appeals')
      .values([appeal('1', true, 5), appeal('2', false, 3), appeal('3', true, 4)])
      .execute();
    // Early warning, where installed: two warnings raised in March, one followed up.
    const warnings =
      (await sql<{ t: string | null }>`select to_regclass('enterprise_warnings')::text as t`.execute(db())).rows[0]?.t != null;
    if (warnings) {
      const rule = await sql<{
        id: number;
      }>`insert into warning_rules (name, kind, indicator, level) values ('测试规则', 'yoy_drop', 'output', 'red') returning id`.execute(
        db(),
      );
      const ruleId = rule.rows[0]!.id;
      await sql`insert into enterprise_warnings (enterprise_id, rule_id, month, level, explanation, status, created_at)
        values (${e}, ${ruleId}, '2024-01-01', 'red', '测试', 'following', ${at('2024-03-02T09:00')}), (${e}, ${ruleId}, '2024-02-01', 'red', '测试', 'open', ${at('2024-03-03T09:00')})`.execute(
        db(),
      );
    }

    const res = await call('leader', 'GET', '/api/liaisons/assessment?from=2024-03-01&to=2024-03-31');
    expect(res.statusCode, res.body).toBe(200);
    const a = res.json();
    expect(a.termsUsed).toEqual(warnings ? ['visits', 'onTime', 'satisfaction', 'warnings'] : ['visits', 'onTime', 'satisfaction']);
    const c = a.cadres.find((x: { userId: number }) => x.userId === ids.cadre05);
    expect(c).toMatchObject({
      enterprises: 1,
      visitsPlanned: 2,
      visitsDone: 1,
      visitRate: 0.5,
      appealsClosed: 3,
      closedOnTime: 2,
      rated: 3,
      satisfied: 2,
      rank: 1,
    });
    // (40 × 1/2 + 30 × 2/3 + 20 × 2/3 + 10 × 1/2) ÷ 100; without early warning the last term is left out: ÷ 90.
    const expected = warnings ? 58.3 : 59.3;
    expect(c.score).toBe(expected);
    expect(a.units[0]).toMatchObject({ rank: 1, score: expected });
    const others = a.cadres.filter((x: { userId: number }) => x.userId !== ids.cadre05);
    expect(others.every((x: { score: number | null; rank: number | null }) => x.score === null && x.rank === null)).toBe(true);

    expect(
      (await call('coordinator', 'PUT', '/api/admin/settings/liaison-assessment', { visits: 100, onTime: 0, satisfaction: 0, warnings: 0 }))
        .statusCode,
    ).toBe(403);
    const put = await call('admin', 'PUT', '/api/admin/settings/liaison-assessment', {
      visits: 100,
      onTime: 0,
      satisfaction: 0,
      warnings: 0,
    });
    expect(put.statusCode, put.body).toBe(200);
    const b = (await call('leader', 'GET', '/api/liaisons/assessment?from=2024-03-01&to=2024-03-31')).json();
    expect(b.termsUsed).toEqual(['visits']);
    expect(b.cadres.find((x: { userId: number }) => x.userId === ids.cadre05).score).toBe(50);
  });

  it('ranks tied scores alike (competition ranking: 1, 1, 3)', async () => {
    expect(competitionRanks([90, 90, 80, null, 80, 70])).toEqual([1, 1, 3, null, 3, 5]);
    // With only visits counting, cadre01 does as cadre05 (1 of 2) and cadre does 0 of 1.
    const mk = (user: number, planned: string, done: boolean) => ({
      enterprise_id: ids.assessed!,
      user_id: user,
      planned_on: planned,
      visited_on: done ? planned : null,
      status: done ? ('done' as const) : ('planned' as const),
    });
    await db()
      .insertInto('liaison_visits')
      .values([mk(ids.cadre01!, '2024-03-06', true), mk(ids.cadre01!, '2024-03-21', false), mk(ids.cadre!, '2024-03-07', false)])
      .execute();
    const a = (await call('leader', 'GET', '/api/liaisons/assessment?from=2024-03-01&to=2024-03-31')).json();
    const rank = (id: number | undefined) => a.cadres.find((x: { userId: number }) => x.userId === id);
    expect([rank(ids.cadre05), rank(ids.cadre01), rank(ids.cadre)].map((c) => [c.score, c.rank])).toEqual([
      [50, 1],
      [50, 1],
      [0, 3],
    ]);
    expect(a.cadres.slice(0, 3).map((c: { rank: number }) => c.rank)).toEqual([1, 1, 3]);
  });

  it('exports the ranking to Excel', async () => {
    const res = await call('coordinator', 'GET', '/api/liaisons/assessment.xlsx?from=2024-03-01&to=2024-03-31');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('干部考核')!;
    expect(ws.getRow(1).getCell(2).value).toBe('干部');
    expect(ws.getRow(1).getCell(13).value).toBe('得分');
    expect(ws.getRow(2).getCell(13).value).toBe(50);
    expect(wb.getWorksheet('单位考核')!.rowCount).toBeGreaterThan(1);
  });

  it('explains each score: terms with weights and points that add up, in the API, the breakdown and the Excel', async () => {
    const weights = { visits: 40, onTime: 30, satisfaction: 20, warnings: 10 };
    expect((await call('admin', 'PUT', '/api/admin/settings/liaison-assessment', weights)).statusCode).toBe(200);
    const period = 'from=2024-03-01&to=2024-03-31';
    const a = (await call('leader', 'GET', `/api/liaisons/assessment?${period}`)).json();
    type T = { key: string; name: string; weight: number; status: string; done: number; of: number; unit: string; points: number };
    type T2 = T & { effectiveWeight: number; rule: string; averageRating: number | null };
    const sum = (xs: number[]) => Math.round(xs.reduce((x, y) => x + y, 0) * 10) / 10;
    for (const c of a.cadres as { score: number | null; terms: T2[] }[]) {
      expect(c.terms.map((t) => t.key)).toEqual(['visits', 'onTime', 'satisfaction', 'warnings']);
      if (c.score === null) continue;
      expect(sum(c.terms.map((t) => t.points))).toBe(c.score);
      expect(sum(c.terms.filter((t) => t.status === 'counted').map((t) => t.effectiveWeight))).toBe(100);
    }
    const c5 = a.cadres.find((x: { userId: number }) => x.userId === ids.cadre05);
    const warnings = c5.terms[3].status !== 'off';
    expect(c5.terms.slice(0, 3)).toMatchObject([
      { name: '走访完成率', weight: 40, status: 'counted', done: 1, of: 2, unit: '次' },
      { name: '按期办结率', weight: 30, status: 'counted', done: 2, of: 3, unit: '件' },
      { name: '满意率', weight: 20, status: 'counted', done: 2, of: 3, unit: '件', averageRating: 4 },
    ]);
    if (warnings) expect(c5.terms[3]).toMatchObject({ weight: 10, status: 'counted', done: 1, of: 2, unit: '条', points: 5 });
    // cadre01 has only visits: the other terms say they are left out and the weight re-scaled.
    const c1 = a.cadres.find((x: { userId: number }) => x.userId === ids.cadre01);
    expect(c1.terms[0]).toMatchObject({ status: 'counted', effectiveWeight: 100, points: 50 });
    expect(c1.terms[1]).toMatchObject({ status: 'noData', points: 0, effectiveWeight: 0 });
    expect(c1.terms[1].rule).toContain('不计入');

    // The breakdown: the cadre's own, the leader's anyone's, not another cadre's.
    expect((await call('cadre05', 'GET', `/api/liaisons/assessment/cadres/${ids.cadre01}?${period}`)).statusCode).toBe(403);
    const own = await call('cadre05', 'GET', `/api/liaisons/assessment/cadres/${ids.cadre05}?${period}`);
    expect(own.statusCode, own.body).toBe(200);
    const d = (await call('leader', 'GET', `/api/liaisons/assessment/cadres/${ids.cadre05}?${period}`)).json();
    expect(d.cadre).toEqual(c5);
    expect(d.visits.filter((v: { planned: boolean }) => v.planned)).toHaveLength(2);
    expect(d.visits.filter((v: { done: boolean }) => v.done)).toHaveLength(1);
    expect(d.appeals.map((x: { number: string; onTime: boolean }) => [x.number, x.onTime])).toEqual([
      ['T-L-1', true],
      ['T-L-2', false],
      ['T-L-3', true],
    ]);
    expect(d.ratings.map((x: { rating: number; satisfied: boolean }) => [x.rating, x.satisfied])).toEqual([
      [5, true],
      [3, false],
      [4, true],
    ]);
    if (warnings) expect(d.warnings.map((w: { followed: boolean }) => w.followed).sort()).toEqual([false, true]);

    // The Excel: one column per term headed with its weight, then its points; the points add up to the score.
    const res = await call('coordinator', 'GET', `/api/liaisons/assessment.xlsx?${period}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('干部考核')!;
    const headers = (ws.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual([
      '排名',
      '干部',
      '单位',
      '挂点企业',
      '走访完成率（权重 40）',
      '走访完成率得分',
      '按期办结率（权重 30）',
      '按期办结率得分',
      '满意率（权重 20）',
      '满意率得分',
      '预警跟进率（权重 10）',
      '预警跟进率得分',
      '得分',
    ]);
    const row = ws.getRow(2);
    expect(row.getCell(2).value).toBe(c5.name);
    expect(row.getCell(5).value).toBe('1/2 次（50.0%）');
    expect(row.getCell(9).value).toBe('2/3 件（66.7%，平均 4.0 分）');
    expect(sum([6, 8, 10, 12].map((i) => Number(row.getCell(i).value ?? 0)))).toBe(row.getCell(13).value);
    expect(row.getCell(13).value).toBe(c5.score);
  });
});
