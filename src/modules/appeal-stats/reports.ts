import type { Db } from '../../platform/db/index.ts';
import { recordAudit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import type { Actor, SessionUser } from '../../platform/http/access.ts';
import type { DayClassifier } from '../calendar/working-days.ts';
import { enqueueNotices } from '../notifications/notices.ts';
import { dueWeek, type Period } from './period.ts';
import { buildReport } from './report-data.ts';
import * as repo from './repository-reports.ts';
import { reportData, type ReportDetail } from './schemas.ts';

/** An overdue report made on demand, for any period; stored like the weekly ones. */
export async function createReport(db: Db, calendar: DayClassifier, user: SessionUser, actor: Actor, period: Period): Promise<number> {
  const now = new Date();
  const data = await buildReport(db, calendar, period, now);
  return db.transaction().execute(async (tx) => {
    const id = await repo.insertReport(tx, {
      kind: 'on_demand',
      period_start: period.from,
      period_end: period.to,
      generated_at: now,
      generated_by: user.id,
      data: JSON.stringify(data),
    });
    await recordAudit(tx, actor, { action: 'overdue_report.create', entityType: 'overdue_report', entityId: id, after: period });
    return id;
  });
}

/**
 * The scheduler's hourly check: publishes the weekly report due at `now` unless it exists, and
 * tells the leaders in the same transaction. Several processes may run it at once: the partial
 * unique index on period_start for weekly reports lets one insert through, and only the process
 * whose insert succeeded notifies. Returns the new report's id, or null when there was nothing to do.
 */
export async function publishWeeklyReport(db: Db, calendar: DayClassifier, now = new Date()): Promise<number | null> {
  const week = dueWeek(now);
  if (await repo.weeklyReportExists(db, week.from)) return null;
  const data = await buildReport(db, calendar, week, now);
  return db.transaction().execute(async (tx) => {
    const id = await repo.insertWeeklyReport(tx, {
      period_start: week.from,
      period_end: week.to,
      generated_at: now,
      data: JSON.stringify(data),
    });
    if (id === null) return null;
    const { overdueNow, laggingDepartments } = data.totals;
    const unrated = data.closures?.unrated ?? 0;
    await enqueueNotices(tx, [
      {
        to: { kind: 'role', role: 'leader' },
        title: `诉求晾晒周报（${week.from} 至 ${week.to}）已发布`,
        body: `超期在办 ${overdueNow} 件，落后部门 ${laggingDepartments} 个${unrated > 0 ? `；本周未评价办结 ${unrated} 件` : ''}`,
        link: `/overdue-reports/${id}`,
      },
    ]);
    return id;
  });
}

export async function listReports(db: Db, page: number, pageSize: number) {
  const { rows, total } = await repo.listReports(db, page, pageSize);
  return {
    total,
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      periodStart: r.period_start,
      periodEnd: r.period_end,
      generatedAt: r.generated_at.toISOString(),
      generatedBy: r.display_name,
      overdueNow: r.overdue_now,
      laggingDepartments: r.lagging,
    })),
  };
}

/** A stored report exactly as it was published. */
export async function getReport(db: Db, id: number): Promise<ReportDetail> {
  const r = await repo.findReport(db, id);
  if (!r) throw AppError.notFound('晾晒报告');
  return {
    id: r.id,
    kind: r.kind,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    generatedAt: r.generated_at.toISOString(),
    generatedBy: r.display_name,
    data: reportData.parse(r.data),
  };
}
