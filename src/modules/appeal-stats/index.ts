import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import type { Scheduler } from '../../platform/scheduler.ts';
import { calendarFor } from '../calendar/store.ts';
import { publishWeeklyReport } from './reports.ts';
import { appealStatsRoutes } from './routes.ts';

/** The appeal figures, the overdue reports (晾晒) and the job that publishes the weekly one. */
export async function appealStatsModule(app: FastifyInstance, ctx: AppContext, scheduler: Scheduler | undefined): Promise<void> {
  // The process's calendar object stays current after an administrator's change (calendar/store.ts).
  const calendar = await calendarFor(ctx.db);
  appealStatsRoutes(app, ctx.db, calendar);
  // Hourly: the report is due Monday 08:00 and appears within the hour; a check costs one indexed read.
  scheduler?.every('overdue-report-weekly', 3_600_000, () => publishWeeklyReport(ctx.db, calendar));
}
