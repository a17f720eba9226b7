/**
 * The appeal figures and overdue reports (晾晒) as src/modules/appeal-stats/schemas.ts describes them,
 * and the common problems (共性问题) of src/modules/problem-pool/schemas.ts.
 */
import type { AppealState, WarningLevel } from './appeals';
import type { Lang } from './i18n';
import type { Ref } from './types';

export const FIGURES_BY = ['department', 'service_item', 'category', 'street', 'appeal_type', 'month'] as const;
export type FiguresBy = (typeof FIGURES_BY)[number];

/** A share from 0 to 1; null when there is nothing to divide by. */
export type Rate = number | null;

export interface FiguresTotals {
  received: number;
  closed: number;
  open: number;
  overdue: number;
  onTime: number;
  closureRate: Rate;
  onTimeRate: Rate;
  replied: number;
  avgHandlingDays: Rate;
  rated: number;
  satisfied: number;
  satisfactionRate: Rate;
  avgRating: Rate;
  /** Ratings by source: the enterprise's own, and those given in the office's follow-up calls (回访). */
  selfRated: number;
  selfSatisfied: number;
  selfSatisfactionRate: Rate;
  selfAvgRating: Rate;
  followUpRated: number;
  followUpSatisfied: number;
  followUpSatisfactionRate: Rate;
  followUpAvgRating: Rate;
  /** Closed without a rating, and why. */
  closedUnrated: number;
  closedUnratedNotReached: number;
  closedUnratedDeclined: number;
  closedUnratedAuto: number;
  closedUnratedOffice: number;
  reopened: number;
  reopenRate: Rate;
  returnsUpheld: number;
}

export interface FiguresRow extends FiguresTotals {
  /** A department, item, category or street id, or the month YYYY-MM; null: not dispatched / not classified. */
  key: string | null;
  name: string;
}

export interface Figures {
  by: FiguresBy;
  from: string;
  to: string;
  generatedAt: string;
  rows: FiguresRow[];
  totals: FiguresTotals;
}

export interface ReportSummary {
  id: number;
  kind: 'weekly' | 'on_demand';
  periodStart: string;
  periodEnd: string;
  generatedAt: string;
  generatedBy: string | null;
  overdueNow: number;
  laggingDepartments: number;
}

export interface ReportDepartment {
  rank: number;
  departmentId: number;
  name: string;
  handled: number;
  closed: number;
  closedLate: number;
  overdueNow: number;
  maxDaysOverdue: number;
  onTimeRate: Rate;
  avgHandlingDays: Rate;
  supervisionOpen: number;
  returnsUpheld: number;
  lagging: boolean;
}

export interface OverdueItem {
  appealId: number;
  number: string;
  title: string;
  enterprise: string;
  departmentId: number | null;
  department: string;
  deadlineAt: string;
  daysOverdue: number;
  warningLevel: WarningLevel;
}

export interface Report extends Omit<ReportSummary, 'overdueNow' | 'laggingDepartments'> {
  data: {
    periodStart: string;
    periodEnd: string;
    generatedAt: string;
    totals: {
      handled: number;
      closed: number;
      closedLate: number;
      overdueNow: number;
      onTimeRate: Rate;
      avgHandlingDays: Rate;
      supervisionOpen: number;
      returnsUpheld: number;
      laggingDepartments: number;
    };
    /** Absent from reports published before follow-ups were counted. */
    closures?: ReportClosures;
    departments: ReportDepartment[];
    overdueItems: OverdueItem[];
  };
}

/** The appeals closed in a report's period: rated by the enterprise, in a follow-up call, or not at all. */
export interface ReportClosures {
  closed: number;
  ratedSelf: number;
  ratedFollowUp: number;
  unrated: number;
  unratedNotReached: number;
  unratedDeclined: number;
  unratedAuto: number;
  unratedOffice: number;
}

export type ProblemStatus = 'open' | 'resolved';

export interface CommonProblem {
  id: number;
  title: string;
  description: string;
  owner: Ref | null;
  deadline: string | null;
  progress: string;
  status: ProblemStatus;
  appeals: number;
  enterprises: number;
  createdAt: string;
}

/** A cluster of similar appeals from several enterprises: a common problem not yet set up. */
export interface ProblemCandidate {
  appealIds: number[];
  enterprises: number;
  terms: string[];
  title: string;
}

export interface SimilarAppeal {
  id: number;
  number: string;
  title: string;
  state: AppealState;
  enterprise: Ref;
  /** 0–1 */
  score: number;
  sameEnterprise: boolean;
  commonProblemId: number | null;
}

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
  return new Date(year, month - 1, 1).toLocaleDateString(lang === 'zh' ? 'zh-CN' : 'en-US', { year: 'numeric', month: lang === 'zh' ? 'long' : 'short' });
}
