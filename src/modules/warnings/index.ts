import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import type { Scheduler } from '../../platform/scheduler.ts';
import { registerTimelineSource } from '../enterprise-file/timeline.ts';
import { onReassignment } from '../liaison/hooks.ts';
import { handOverWarnings } from './handover.ts';
import { warningsOf } from './repository-changes.ts';
import { warningRoutes } from './routes.ts';
import { monthlyWarningJob } from './service.ts';
import { LEVEL } from './excel.ts';

/**
 * Monitoring and early warning (监测预警): the routes and the monthly job. The job looks hourly
 * whether the latest month's indicators arrived (or grew) since its last evaluation.
 */
export function warningsModule(app: FastifyInstance, ctx: AppContext, scheduler: Scheduler | undefined): void {
  // The enterprise file shows its warnings in the one history (一企一档).
  registerTimelineSource('warning', async (db, enterpriseId, limit) => {
    const rows = await warningsOf(db, enterpriseId, limit);
    return rows.map((w) => ({
      kind: 'warning',
      id: String(w.id),
      at: new Date(w.created_at),
      title: `${w.month.slice(0, 7)} ${LEVEL[w.level] ?? w.level}预警：${w.name}`,
      status: w.status,
      link: `/warnings/${w.id}`,
    }));
  });
  // A new liaison cadre takes over the enterprise's open warnings, in the reassignment's transaction.
  onReassignment('warnings', async (tx, changes, actor) => {
    await handOverWarnings(tx, changes, actor);
  });
  warningRoutes(app, ctx.db);
  scheduler?.every('early-warning-monthly', 3_600_000, () => monthlyWarningJob(ctx.db));
}
