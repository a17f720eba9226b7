import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { registerTimelineSource } from '../enterprise-file/timeline.ts';
import { applicationFiguresRoutes } from './figures-routes.ts';
import { applicationRoutes } from './routes.ts';
import * as repo from './repository.ts';

/**
 * Applications (申报), their review, 秒批, agreement and disbursement, and their figures. The
 * enterprise file shows each application and each benefit received in its one history.
 */
export function applicationsModule(app: FastifyInstance, ctx: AppContext): void {
  registerTimelineSource('application', async (db, enterpriseId, limit) => {
    const rows = await repo.recentApplicationsOf(db, enterpriseId, limit);
    return rows.map((r) => ({
      kind: 'application',
      id: String(r.id),
      at: new Date(r.created_at),
      title: `${r.number} ${r.title}${r.instant ? '（秒批）' : ''}`,
      status: r.state,
      link: `/policy-applications/${r.id}`,
    }));
  });
  registerTimelineSource('benefit', async (db, enterpriseId, limit) => {
    const rows = await repo.recentBenefitsOf(db, enterpriseId, limit);
    return rows.map((r) => ({
      kind: 'benefit',
      id: String(r.id),
      at: new Date(`${r.paid_on}T12:00:00+08:00`),
      title: `${r.title}：${r.amount} 万元`,
      status: r.grant_batch_id !== null ? 'auto_grant' : 'disbursed',
      link: r.application_id !== null ? `/policy-applications/${r.application_id}` : null,
    }));
  });
  applicationFiguresRoutes(app, ctx.db);
  applicationRoutes(app, ctx.db);
}
