import type { z } from 'zod';
import type { Db } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors.ts';
import type { SessionUser } from '../../platform/http/access.ts';
import { instants } from '../appeal-stats/period.ts';
import { assessment } from './assessment.ts';
import * as repo from './repository-assessment.ts';
import type { assessmentDetailSchema } from './schemas.ts';

/** Who sees every cadre's breakdown, as with the assessment itself; anyone else only their own. */
const VIEW_ALL = new Set(['coordinator', 'leader', 'admin']);

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/**
 * What is behind one cadre's score: the row of the assessment (so the terms are the same ones) and
 * the visits, appeals, ratings and warnings its figures count, each marked as it counts.
 */
export async function assessmentDetail(
  db: Db,
  user: SessionUser,
  userId: number,
  period: { from?: string | undefined; to?: string | undefined },
): Promise<z.output<typeof assessmentDetailSchema>> {
  if (!VIEW_ALL.has(user.role) && userId !== user.id) throw AppError.forbidden('只能查看自己的考核得分');
  const a = await assessment(db, period);
  const cadre = a.cadres.find((c) => c.userId === userId);
  if (!cadre) throw new AppError('NOT_FOUND', '该人员目前没有挂点企业，不参加考核');
  const { start, end } = instants({ from: a.from, to: a.to });
  const inPeriod = (d: Date | string | null) => d !== null && new Date(d) >= start && new Date(d) < end;
  const within = (d: string | null) => d !== null && d >= a.from && d <= a.to;

  const visits = (await repo.visitsOf(db, userId, a.from, a.to)).map((v) => ({
    id: v.id,
    enterpriseId: v.enterprise_id,
    enterprise: v.enterprise,
    plannedOn: v.planned_on,
    visitedOn: v.visited_on,
    status: v.status,
    planned: v.status !== 'cancelled' && within(v.planned_on),
    done: v.status === 'done' && within(v.visited_on),
  }));
  const rows = await repo.appealsOf(db, userId, start, end);
  const appeals = rows
    .filter((r) => r.state === 'closed' && inPeriod(r.closed_at))
    .map((r) => ({
      id: r.id,
      number: r.number,
      title: r.title,
      enterprise: r.enterprise,
      deadlineAt: iso(r.deadline_at),
      repliedAt: iso(r.replied_at),
      closedAt: iso(r.closed_at),
      onTime: r.on_spot || r.deadline_at === null || (r.replied_at !== null && new Date(r.replied_at) <= new Date(r.deadline_at)),
    }));
  const ratings = rows
    .filter((r) => r.rating !== null && inPeriod(r.rated_at))
    .map((r) => ({ id: r.id, number: r.number, title: r.title, enterprise: r.enterprise, rating: r.rating!, satisfied: r.rating! >= 4 }));
  const warnings = await repo.warningsOf(db, userId, start, end);
  return {
    from: a.from,
    to: a.to,
    cadre,
    visits,
    appeals,
    ratings,
    warnings:
      warnings?.map((w) => ({
        id: w.id,
        enterpriseId: w.enterprise_id,
        enterprise: w.enterprise,
        level: w.level,
        status: w.status,
        createdAt: iso(w.created_at)!,
        followed: w.status !== 'open',
      })) ?? null,
  };
}
