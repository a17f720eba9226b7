import type { z } from 'zod';
import type { termSchema, weightsSchema } from './schemas.ts';

type Weights = z.output<typeof weightsSchema>;
export type Term = z.output<typeof termSchema>;
export type TermKey = Term['key'];
export const TERM_KEYS: readonly TermKey[] = ['visits', 'onTime', 'satisfaction', 'warnings'];

/** How each term is named and counted, in the words of the page and the Excel. */
export const TERM_INFO: Record<TermKey, { name: string; unit: Term['unit']; of: string; done: string }> = {
  visits: { name: '走访完成率', unit: '次', of: '计划走访', done: '完成走访' },
  onTime: { name: '按期办结率', unit: '件', of: '办结诉求', done: '按期办结' },
  satisfaction: { name: '满意率', unit: '件', of: '已评价', done: '满意（4–5 星）' },
  warnings: { name: '预警跟进率', unit: '条', of: '新增预警', done: '已跟进' },
};

/** The raw figures of one cadre: numerator and denominator per term; warnings null without the module. */
export interface RawFigures {
  visits: { done: number; of: number };
  onTime: { done: number; of: number };
  satisfaction: { done: number; of: number; ratingSum: number };
  warnings: { done: number; of: number } | null;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * The score and its terms. A term counts when its weight is above zero, its data exists in this
 * installation and the cadre has data for it (denominator above zero); the weights of the terms that
 * count are re-scaled to 100, so a term without data neither helps nor hurts. Each term's points are
 * its re-scaled weight × its rate, rounded to 0.1 by largest remainder so that they add up to the score.
 */
export function scoreTerms(weights: Weights, raw: RawFigures): { score: number | null; terms: Term[] } {
  const figures = TERM_KEYS.map((key) => {
    const f = raw[key] ?? { done: 0, of: 0 };
    const rate = f.of > 0 ? (key === 'visits' ? Math.min(1, f.done / f.of) : f.done / f.of) : null;
    const status: Term['status'] = weights[key] <= 0 || raw[key] === null ? 'off' : rate === null ? 'noData' : 'counted';
    return { key, f, rate, status };
  });
  const total = figures.reduce((s, t) => s + (t.status === 'counted' ? weights[t.key] : 0), 0);
  const exact = figures.map((t) => (t.status === 'counted' && total > 0 ? (weights[t.key] / total) * 100 * t.rate! : 0));
  const score = total > 0 ? round1(exact.reduce((a, b) => a + b, 0)) : null;
  const tenths = apportion(exact, score === null ? 0 : Math.round(score * 10));
  const weightTenths = apportion(
    figures.map((t) => (t.status === 'counted' ? (weights[t.key] / total) * 100 : 0)),
    total > 0 ? 1000 : 0,
  );
  const terms = figures.map((t, i): Term => {
    const info = TERM_INFO[t.key];
    const ratingSum = t.key === 'satisfaction' ? raw.satisfaction.ratingSum : 0;
    return {
      key: t.key,
      name: info.name,
      weight: weights[t.key],
      status: t.status,
      done: t.f.done,
      of: t.f.of,
      unit: info.unit,
      rate: t.rate,
      averageRating: t.key === 'satisfaction' && t.f.of > 0 ? Math.round((ratingSum / t.f.of) * 10) / 10 : null,
      effectiveWeight: weightTenths[i]! / 10,
      points: tenths[i]! / 10,
      rule: ruleOf(t.key, t.status, weights[t.key], raw[t.key] === null),
    };
  });
  return { score, terms };
}

/** Tenths of each exact value, floored, the remaining tenths given to the largest remainders, so that they add up to target. */
function apportion(exact: readonly number[], target: number): number[] {
  const tenths = exact.map((p) => Math.floor(p * 10 + 1e-9));
  let left = target - tenths.reduce((a, b) => a + b, 0);
  const order = exact.map((p, i) => ({ i, frac: p * 10 - tenths[i]! })).sort((a, b) => b.frac - a.frac);
  for (const { i } of order) {
    if (left <= 0) break;
    if (exact[i]! <= 0) continue;
    tenths[i]!++;
    left--;
  }
  return tenths;
}

function ruleOf(key: TermKey, status: Term['status'], weight: number, absent: boolean): string {
  const info = TERM_INFO[key];
  if (status === 'off') return absent ? '预警模块未启用，本项不计入' : '权重为 0，本项不计入';
  if (status === 'noData') return `无数据（${info.of} 0 ${info.unit}）：本项不计入，不得分也不扣分，其余权重按比例折算到 100`;
  return `${info.done} ÷ ${info.of} × 折算权重（设定权重 ${weight}）`;
}
