import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { registerTimelineSource } from '../enterprise-file/timeline.ts';
import { applicationFiguresRoutes } from './figures-routes.ts';
import { applicationRoutes } from './routes.ts';

/**
 * Applications (申报), their review, 秒批, agreement and disbursement, and their figures. The
 * enterprise file shows each application and each benefit received in its one history.
 */
export function applicationsModule(app: FastifyInstance, ctx: AppContext): void {
  registerTimelineSource('application', async (db, enterpriseId, limit) => {
    const rows = await db
      .selectFrom('policy_applications as a')
      .innerJoin('policies as p', 'p.id', 'a.policy_id')
      .select(['a.id', 'a.number', 'a.state', 'a.instant', 'a.created_at', 'p.title'])
      .where('a.enterprise_id', '=', enterpriseId)
      .orderBy('a.created_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ kind: 'application', id: String(r.id), at: new Date(r.created_at), title: `${r.number} ${r.title}${r.instant ? '（秒批）' : ''}`, status: r.state, link: `/policy-applications/${r.id}` }));
  });
  registerTimelineSource('benefit', async (db, enterpriseId, limit) => {
    const rows = await db
      .selectFrom('benefits as b')
      .innerJoin('policies as p', 'p.id', 'b.policy_id')
      .select(['b.id', 'b.amount', 'b.paid_on', 'b.application_id', 'b.grant_batch_id', 'p.title'])
      .where('b.enterprise_id', '=', enterpriseId)
      .orderBy('b.paid_on', 'desc')
      .limit(limit)
      .execute();
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
