/**
 * The appeal figures and overdue reports (晾晒) of src/modules/appeal-stats/schemas.ts, and the common
 * problems (共性问题) of src/modules/problem-pool/schemas.ts: names for the generated contract's types.
 */
import type { Answer, Schemas } from './api';
import type { AppealState } from './appeals';
import type { Lang } from './i18n';
import { valuesOf } from './types';

export type Figures = Schemas['AppealFigures'];
export type FiguresBy = Figures['by'];
export const FIGURES_BY = valuesOf<FiguresBy>({
  department: true,
  service_item: true,
  category: true,
  street: true,
  appeal_type: true,
  month: true,
});
export type FiguresTotals = Figures['totals'];
export type FiguresRow = Figures['rows'][number];

/** A share from 0 to 1; null when there is nothing to divide by. */
export type Rate = number | null;

export type ReportSummary = Answer<'/api/overdue-reports'>['items'][number];
export type Report = Schemas['OverdueReport'];
export type ReportDepartment = Report['data']['departments'][number];
export type OverdueItem = Report['data']['overdueItems'][number];
/** The appeals closed in a report's period: rated by the enterprise, in a follow-up call, or not at all (absent from reports published before follow-ups were counted). */
export type ReportClosures = NonNullable<Report['data']['closures']>;

export type CommonProblem = Schemas['CommonProblem'];
export type ProblemStatus = CommonProblem['status'];
/** A cluster of similar appeals from several enterprises: a common problem not yet set up. */
export type ProblemCandidate = Answer<'/api/common-problems/candidates'>['items'][number];
/** The similar route declares the state as a plain string (the appeal's, which the database holds as a state): narrowed here until its schema says so. */
export type SimilarAppeal = Omit<Answer<'/api/appeals/{id}/similar'>['items'][number], 'state'> & { state: AppealState };

/** 93.4%; '—' when there is nothing to divide by. */
export function percent(rate: Rate, digits = 1): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(digits)}%`;
}

/** An average rating, 4.3; '—' when nobody rated. */
export function stars(value: Rate): string {
  return value === null ? '—' : value.toFixed(2);
}

/** 1.6 working days; '—' when nothing was replied. */
export function days(value: Rate): string {
  return value === null ? '—' : value.toFixed(1);
}

/** 2026-03 as 2026年3月 / Mar 2026. */
export function monthName(key: string, lang: Lang): string {
  const [year, month] = key.split('-').map(Number);
  if (!year || !month) return key;
  return new Date(year, month - 1, 1).toLocaleDateString(lang === 'zh' ? 'zh-CN' : 'en-US', {
    year: 'numeric',
    month: lang === 'zh' ? 'long' : 'short',
  });
}
