import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import type { z } from 'zod';
import type { Db } from '../../platform/db/index.ts';
import { shanghaiDate } from '../calendar/working-days.ts';
import { instants } from '../appeal-stats/period.ts';
import type { assessmentSchema, weightsSchema } from './schemas.ts';

export const SETTINGS_KEY = 'liaison.assessment';
export type Weights = z.output<typeof weightsSchema>;
type Term = keyof Weights;
export const DEFAULT_WEIGHTS: Weights = { visits: 40, onTime: 30, satisfaction: 20, warnings: 10 };

export async function loadWeights(db: Db): Promise<Weights> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', SETTINGS_KEY).executeTakeFirst();
  const value = (row?.value ?? {}) as Partial<{ weights: Partial<Weights> }>;
  return { ...DEFAULT_WEIGHTS, ...(value.weights ?? {}) };
}

export async function saveWeights(db: Db, weights: Weights): Promise<void> {
  const value = JSON.stringify({ weights });
  await db.insertInto('settings').values({ key: SETTINGS_KEY, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: new Date() })).execute();
}

const rate = (n: number, d: number): number | null => (d > 0 ? n / d : null);

/**
 * Per cadre, the early warnings raised in the period on their enterprises and how many of them
 * were followed up (no longer open); null when this installation has no early-warning module.
 * Read with plain SQL so that the service network does not depend on that module's code.
 */
async function warningFollowUps(db: Db, start: Date, end: Date): Promise<Map<number, { raised: number; followed: number }> | null> {
  const exists = await sql<{ t: string | null }>`select to_regclass('enterprise_warnings')::text as t`.execute(db);
  if (!exists.rows[0]?.t) return null;
  try {
    const r = await sql<{ user_id: number; raised: number; followed: number }>`
      select l.user_id, count(*)::int as raised, count(*) filter (where w.status <> 'open')::int as followed
      from enterprise_warnings w
      join liaisons l on l.enterprise_id = w.enterprise_id and l.ended_at is null
      where w.created_at >= ${start} and w.created_at < ${end}
      group by l.user_id`.execute(db);
    return new Map(r.rows.map((x) => [x.user_id, { raised: Number(x.raised), followed: Number(x.followed) }]));
  } catch {
    return null;
  }
}

/**
 * 双考核: a score per cadre (0–100) from the service data of a period, and per unit the mean of
 * its cadres. Each term's value is a rate; a term counts only when its weight is above zero, its
 * data exists in this installation and the cadre has data for it; the weights of the terms that
 * count are re-scaled to 100. Warnings followed up count where the early-warning module is installed.
 */
export async function assessment(db: Db, period: { from?: string | undefined; to?: string | undefined }): Promise<z.output<typeof assessmentSchema>> {
  const today = shanghaiDate(new Date());
  const from = period.from ?? `${today.slice(0, 7)}-01`;
  const to = period.to ?? today;
  const { start, end } = instants({ from, to });
  const weights = await loadWeights(db);
  const warnings = await warningFollowUps(db, start, end);
  const termsUsed: Term[] = (['visits', 'onTime', 'satisfaction', 'warnings'] as const).filter((t) => weights[t] > 0 && (t !== 'warnings' || warnings !== null));

  const cadres = await db
    .selectFrom('users as u')
    .leftJoin('departments as d', 'd.id', 'u.department_id')
    .select((eb) => [
      'u.id', 'u.display_name', 'u.department_id', 'd.name as unit',
      eb.selectFrom('liaisons as l').select((x) => x.fn.countAll<number>().as('n')).whereRef('l.user_id', '=', 'u.id').where('l.ended_at', 'is', null).as('enterprises'),
      // Planned in the period (done or not, cancelled excluded), and done in the period.
      eb.selectFrom('liaison_visits as v').select((x) => x.fn.countAll<number>().as('n')).whereRef('v.user_id', '=', 'u.id').where('v.status', '!=', 'cancelled').where('v.planned_on', '>=', from).where('v.planned_on', '<=', to).as('planned'),
      eb.selectFrom('liaison_visits as v').select((x) => x.fn.countAll<number>().as('n')).whereRef('v.user_id', '=', 'u.id').where('v.status', '=', 'done').where('v.visited_on', '>=', from).where('v.visited_on', '<=', to).as('done'),
    ])
    .where('u.active', '=', true)
    .where((eb) => eb.exists(eb.selectFrom('liaisons as l').select('l.id').whereRef('l.user_id', '=', 'u.id').where('l.ended_at', 'is', null)))
    .orderBy('u.id')
    .execute();

  // The appeals of each cadre's enterprises closed or rated in the period.
  const appeals = await db
    .selectFrom('appeals as a')
    .innerJoin('liaisons as l', (j) => j.onRef('l.enterprise_id', '=', 'a.enterprise_id').on('l.ended_at', 'is', null))
    .select((eb) => [
      'l.user_id',
      eb.fn.count<number>('a.id').filterWhere((x) => x.and([x('a.state', '=', 'closed'), x('a.closed_at', '>=', start), x('a.closed_at', '<', end)])).as('closed'),
      eb.fn
        .count<number>('a.id')
        .filterWhere((x) => x.and([x('a.state', '=', 'closed'), x('a.closed_at', '>=', start), x('a.closed_at', '<', end), x.or([x('a.on_spot', '=', true), x('a.deadline_at', 'is', null), x('a.replied_at', '<=', x.ref('a.deadline_at'))])]))
        .as('on_time'),
      eb.fn.count<number>('a.id').filterWhere((x) => x.and([x('a.rating', 'is not', null), x('a.rated_at', '>=', start), x('a.rated_at', '<', end)])).as('rated'),
      eb.fn.count<number>('a.id').filterWhere((x) => x.and([x('a.rating', '>=', 4), x('a.rated_at', '>=', start), x('a.rated_at', '<', end)])).as('satisfied'),
    ])
    .where(sql<boolean>`true`)
    .groupBy('l.user_id')
    .execute();
  const byUser = new Map(appeals.map((a) => [a.user_id, a]));

  const scored = cadres.map((c) => {
    const a = byUser.get(c.id);
    const planned = Number(c.planned ?? 0);
    const done = Number(c.done ?? 0);
    const closed = Number(a?.closed ?? 0);
    const onTime = Number(a?.on_time ?? 0);
    const rated = Number(a?.rated ?? 0);
    const satisfied = Number(a?.satisfied ?? 0);
    const values: Record<Term, number | null> = {
      visits: planned > 0 ? Math.min(1, done / planned) : null,
      onTime: rate(onTime, closed),
      satisfaction: rate(satisfied, rated),
      warnings: rate(warnings?.get(c.id)?.followed ?? 0, warnings?.get(c.id)?.raised ?? 0),
    };
    let sum = 0;
    let w = 0;
    for (const t of termsUsed) {
      const v = values[t];
      if (v === null) continue;
      sum += weights[t] * v;
      w += weights[t];
    }
    return {
      userId: c.id,
      name: c.display_name,
      departmentId: c.department_id,
      unit: c.unit,
      enterprises: Number(c.enterprises ?? 0),
      visitsPlanned: planned,
      visitsDone: done,
      visitRate: values.visits,
      appealsClosed: closed,
      closedOnTime: onTime,
      onTimeRate: values.onTime,
      rated,
      satisfied,
      satisfactionRate: values.satisfaction,
      score: w > 0 ? Math.round((sum / w) * 1000) / 10 : null,
    };
  });
  scored.sort((x, y) => (y.score ?? -1) - (x.score ?? -1) || x.userId - y.userId);
  const cadreRows = scored.map((c, i) => ({ ...c, rank: c.score === null ? null : i + 1 }));

  const units = new Map<string, { departmentId: number | null; name: string; scores: number[]; cadres: number }>();
  for (const c of scored) {
    const key = String(c.departmentId);
    const u = units.get(key) ?? units.set(key, { departmentId: c.departmentId, name: c.unit ?? '（未设单位）', scores: [], cadres: 0 }).get(key)!;
    u.cadres++;
    if (c.score !== null) u.scores.push(c.score);
  }
  const unitRows = [...units.values()]
    .map((u) => ({ departmentId: u.departmentId, name: u.name, cadres: u.cadres, score: u.scores.length ? Math.round((u.scores.reduce((a, b) => a + b, 0) / u.scores.length) * 10) / 10 : null }))
    .sort((x, y) => (y.score ?? -1) - (x.score ?? -1) || x.name.localeCompare(y.name, 'zh'))
    .map((u, i) => ({ ...u, rank: u.score === null ? null : i + 1 }));

  return { from, to, weights, termsUsed, cadres: cadreRows.map(({ departmentId: _d, ...c }) => c), units: unitRows };
}

export async function assessmentWorkbook(a: z.output<typeof assessmentSchema>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const pct = (v: number | null) => (v === null ? null : v);
  const ws = wb.addWorksheet('干部考核', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: '排名', width: 6 }, { header: '干部', width: 14 }, { header: '单位', width: 24 }, { header: '挂点企业', width: 10 },
    { header: '计划走访', width: 10 }, { header: '完成走访', width: 10 }, { header: '走访完成率', width: 12, style: { numFmt: '0.0%' } },
    { header: '办结诉求', width: 10 }, { header: '按期办结', width: 10 }, { header: '按期办结率', width: 12, style: { numFmt: '0.0%' } },
    { header: '已评价', width: 8 }, { header: '满意', width: 8 }, { header: '满意率', width: 10, style: { numFmt: '0.0%' } }, { header: '得分', width: 8 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const c of a.cadres) ws.addRow([c.rank, c.name, c.unit, c.enterprises, c.visitsPlanned, c.visitsDone, pct(c.visitRate), c.appealsClosed, c.closedOnTime, pct(c.onTimeRate), c.rated, c.satisfied, pct(c.satisfactionRate), c.score]);
  const us = wb.addWorksheet('单位考核', { views: [{ state: 'frozen', ySplit: 1 }] });
  us.columns = [{ header: '排名', width: 6 }, { header: '单位', width: 28 }, { header: '干部人数', width: 10 }, { header: '得分（干部平均）', width: 16 }];
  us.getRow(1).font = { bold: true };
  for (const u of a.units) us.addRow([u.rank, u.name, u.cadres, u.score]);
  const info = wb.addWorksheet('口径');
  info.columns = [{ width: 16 }, { width: 80 }];
  info.addRows([
    ['统计期', `${a.from} 至 ${a.to}`],
    ['权重', `走访 ${a.weights.visits}、按期办结 ${a.weights.onTime}、满意度 ${a.weights.satisfaction}、预警跟进 ${a.weights.warnings}`],
    ['计入的指标', a.termsUsed.join('、')],
    ['得分', '各计入指标（比率）按权重加权平均 × 100；干部没有某项数据时该项不计，其余权重按比例折算'],
    ['单位得分', '本单位挂点干部得分的平均值'],
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
