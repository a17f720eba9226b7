import { sql } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import { recordAudit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import type { Actor, SessionUser } from '../../platform/http/access.ts';
import type { DayClassifier } from '../calendar/working-days.ts';
import { enqueueNotices } from '../notifications/notices.ts';
import { dueWeek, type Period } from './period.ts';
import { buildReport } from './report-data.ts';
import { reportData, type ReportDetail } from './schemas.ts';

/** An overdue report made on demand, for any period; stored like the weekly ones. */
export async function createReport(db: Db, calendar: DayClassifier, user: SessionUser, actor: Actor, period: Period): Promise<number> {
  const now = new Date();
  const data = await buildReport(db, calendar, period, now);
  return db.transaction().execute(async (tx) => {
    const { id } = await tx
      .insertInto('overdue_reports')
      .values({ kind: 'on_demand', period_start: period.from, period_end: period.to, generated_at: now, generated_by: user.id, data: JSON.stringify(data) })
      .returning('id')
      .executeTakeFirstOrThrow();
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
  const exists = await db.selectFrom('overdue_reports').select('id').where('kind', '=', 'weekly').where('period_start', '=', week.from).executeTakeFirst();
  if (exists) return null;
  const data = await buildReport(db, calendar, week, now);
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('overdue_reports')
      .values({ kind: 'weekly', period_start: week.from, period_end: week.to, generated_at: now, data: JSON.stringify(data) })
      // The index predicate must be a literal for PostgreSQL to match the partial index.
      .onConflict((oc) => oc.column('period_start').where('kind', '=', sql.lit('weekly')).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) return null;
    const { overdueNow, laggingDepartments } = data.totals;
    const unrated = data.closures?.unrated ?? 0;
    await enqueueNotices(tx, [{
      to: { kind: 'role', role: 'leader' },
      title: `诉求晾晒周报（${week.from} 至 ${week.to}）已发布`,
      body: `超期在办 ${overdueNow} 件，落后部门 ${laggingDepartments} 个${unrated > 0 ? `；本周未评价办结 ${unrated} 件` : ''}`,
      link: `/overdue-reports/${row.id}`,
    }]);
    return row.id;
  });
}

export async function listReports(db: Db, page: number, pageSize: number) {
  const [rows, count] = await Promise.all([
    db
      .selectFrom('overdue_reports as r')
      .leftJoin('users as u', 'u.id', 'r.generated_by')
      .select([
        'r.id', 'r.kind', 'r.period_start', 'r.period_end', 'r.generated_at', 'u.display_name',
        // The list needs two totals, not the whole stored report.
        sql<number>`(r.data->'totals'->>'overdueNow')::int`.as('overdue_now'),
        sql<number>`(r.data->'totals'->>'laggingDepartments')::int`.as('lagging'),
      ])
      .orderBy('r.generated_at', 'desc')
      .orderBy('r.id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    db.selectFrom('overdue_reports').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(count.n),
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
  const r = await db
    .selectFrom('overdue_reports as r')
    .leftJoin('users as u', 'u.id', 'r.generated_by')
    .select(['r.id', 'r.kind', 'r.period_start', 'r.period_end', 'r.generated_at', 'u.display_name', 'r.data'])
    .where('r.id', '=', id)
    .executeTakeFirst();
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
