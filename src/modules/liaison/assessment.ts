import type { z } from 'zod';
import type { Db } from '../../platform/db/index.ts';
import { addNotes, addTable, dateCell, newWorkbook, workbookBuffer, type Header } from '../../platform/excel.ts';
import { shanghaiDate } from '../calendar/working-days.ts';
import { instants } from '../appeal-stats/period.ts';
import { scoreTerms, TERM_INFO, TERM_KEYS, type Term as TermRow } from './assessment-terms.ts';
import * as reports from './repository-reports.ts';
import type { assessmentSchema, weightsSchema } from './schemas.ts';

export const SETTINGS_KEY = 'liaison.assessment';
export type Weights = z.output<typeof weightsSchema>;
type Term = keyof Weights;
export const DEFAULT_WEIGHTS: Weights = { visits: 40, onTime: 30, satisfaction: 20, warnings: 10 };

export async function loadWeights(db: Db): Promise<Weights> {
  const value = ((await reports.settingsValue(db, SETTINGS_KEY)) ?? {}) as Partial<{ weights: Partial<Weights> }>;
  return { ...DEFAULT_WEIGHTS, ...(value.weights ?? {}) };
}

export async function saveWeights(db: Db, weights: Weights): Promise<void> {
  await reports.saveSettings(db, SETTINGS_KEY, { weights });
}

/** Competition ranking ("1224"): equal scores share a rank, the next one skips; no score, no rank. */
export function competitionRanks(scores: readonly (number | null)[]): (number | null)[] {
  return scores.map((s) => (s === null ? null : 1 + scores.filter((o) => o !== null && o > s).length));
}

/**
 * 双考核: a score per cadre (0–100) from the service data of a period, and per unit the mean of
 * its cadres. Each term's value is a rate; a term counts only when its weight is above zero, its
 * data exists in this installation and the cadre has data for it; the weights of the terms that
 * count are re-scaled to 100. Warnings followed up count where the early-warning module is installed.
 */
export async function assessment(
  db: Db,
  period: { from?: string | undefined; to?: string | undefined },
): Promise<z.output<typeof assessmentSchema>> {
  const today = shanghaiDate(new Date());
  const from = period.from ?? `${today.slice(0, 7)}-01`;
  const to = period.to ?? today;
  const { start, end } = instants({ from, to });
  const weights = await loadWeights(db);
  const warnings = await reports.warningFollowUps(db, start, end);
  const termsUsed: Term[] = (['visits', 'onTime', 'satisfaction', 'warnings'] as const).filter(
    (t) => weights[t] > 0 && (t !== 'warnings' || warnings !== null),
  );

  const cadres = await reports.cadreVisitCounts(db, from, to);
  const appeals = await reports.appealCounts(db, start, end);
  const byUser = new Map(appeals.map((a) => [a.user_id, a]));

  const scored = cadres.map((c) => {
    const a = byUser.get(c.id);
    const planned = Number(c.planned ?? 0);
    const done = Number(c.done ?? 0);
    const closed = Number(a?.closed ?? 0);
    const onTime = Number(a?.on_time ?? 0);
    const rated = Number(a?.rated ?? 0);
    const satisfied = Number(a?.satisfied ?? 0);
    const w = warnings?.get(c.id);
    const { score, terms } = scoreTerms(weights, {
      visits: { done, of: planned },
      onTime: { done: onTime, of: closed },
      satisfaction: { done: satisfied, of: rated, ratingSum: Number(a?.rating_sum ?? 0) },
      warnings: warnings === null ? null : { done: w?.followed ?? 0, of: w?.raised ?? 0 },
    });
    const rateOf = (k: Term) => terms.find((t) => t.key === k)!.rate;
    return {
      userId: c.id,
      name: c.display_name,
      departmentId: c.department_id,
      unit: c.unit,
      enterprises: Number(c.enterprises ?? 0),
      visitsPlanned: planned,
      visitsDone: done,
      visitRate: rateOf('visits'),
      appealsClosed: closed,
      closedOnTime: onTime,
      onTimeRate: rateOf('onTime'),
      rated,
      satisfied,
      satisfactionRate: rateOf('satisfaction'),
      score,
      terms,
    };
  });
  scored.sort((x, y) => (y.score ?? -1) - (x.score ?? -1) || x.userId - y.userId);
  const cadreRanks = competitionRanks(scored.map((c) => c.score));
  const cadreRows = scored.map((c, i) => ({ ...c, rank: cadreRanks[i]! }));

  const units = new Map<string, { departmentId: number | null; name: string; scores: number[]; cadres: number }>();
  for (const c of scored) {
    const key = String(c.departmentId);
    const u =
      units.get(key) ?? units.set(key, { departmentId: c.departmentId, name: c.unit ?? '（未设单位）', scores: [], cadres: 0 }).get(key)!;
    u.cadres++;
    if (c.score !== null) u.scores.push(c.score);
  }
  const unitScores = [...units.values()]
    .map((u) => ({
      departmentId: u.departmentId,
      name: u.name,
      cadres: u.cadres,
      score: u.scores.length ? Math.round((u.scores.reduce((a, b) => a + b, 0) / u.scores.length) * 10) / 10 : null,
    }))
    .sort((x, y) => (y.score ?? -1) - (x.score ?? -1) || x.name.localeCompare(y.name, 'zh'));
  const unitRanks = competitionRanks(unitScores.map((u) => u.score));
  const unitRows = unitScores.map((u, i) => ({ ...u, rank: unitRanks[i]! }));

  return { from, to, weights, termsUsed, cadres: cadreRows.map(({ departmentId: _d, ...c }) => c), units: unitRows };
}

/** A term's raw figure as the page shows it: "12/15 次（80.0%）", or why it does not count. */
export function termText(t: TermRow): string {
  if (t.status === 'off') return t.rule;
  const base = `${t.done}/${t.of} ${t.unit}`;
  if (t.status === 'noData') return `${base}，无数据不计入`;
  const avg = t.averageRating === null ? '' : `，平均 ${t.averageRating.toFixed(1)} 分`;
  return `${base}（${(t.rate! * 100).toFixed(1)}%${avg}）`;
}

export async function assessmentWorkbook(a: z.output<typeof assessmentSchema>): Promise<Buffer> {
  const wb = await newWorkbook();
  // One column per term, headed with its weight, then the points it gives: the score is their sum.
  const termColumns = TERM_KEYS.flatMap((k): Header[] => [
    [`${TERM_INFO[k].name}（权重 ${a.weights[k]}）`, 26],
    [`${TERM_INFO[k].name}得分`, 12],
  ]);
  addTable(
    wb,
    '干部考核',
    [['排名', 6], ['干部', 14], ['单位', 24], ['挂点企业', 10], ...termColumns, ['得分', 8]],
    a.cadres.map((c) => [
      c.rank,
      c.name,
      c.unit,
      c.enterprises,
      ...c.terms.flatMap((t) => [termText(t), t.status === 'counted' ? t.points : null]),
      c.score,
    ]),
  );
  addTable(
    wb,
    '单位考核',
    [
      ['排名', 6],
      ['单位', 28],
      ['干部人数', 10],
      ['得分（干部平均）', 16],
    ],
    a.units.map((u) => [u.rank, u.name, u.cadres, u.score]),
  );
  addNotes(
    wb,
    '口径',
    [16, 80],
    [
      ['统计期起', dateCell(a.from)],
      ['统计期止', dateCell(a.to)],
      ['权重', TERM_KEYS.map((k) => `${TERM_INFO[k].name} ${a.weights[k]}`).join('、')],
      ['计入的指标', a.termsUsed.map((k) => TERM_INFO[k].name).join('、') || '无'],
      ...TERM_KEYS.map((k): [string, string] => [
        TERM_INFO[k].name,
        `${TERM_INFO[k].done} ÷ ${TERM_INFO[k].of}（单位：${TERM_INFO[k].unit}）`,
      ]),
      ['得分', '各计入指标的比率 × 折算权重之和；折算权重 = 设定权重 ÷ 计入指标的权重合计 × 100'],
      ['无数据的指标', '干部没有某项数据（分母为 0，如统计期内没有新增预警）时该项不计入：不得分也不扣分，其余权重按比例折算到 100'],
      ['单位得分', '本单位挂点干部得分的平均值'],
    ],
  );
  return workbookBuffer(wb);
}
