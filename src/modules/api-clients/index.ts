import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import type { AppealDeps } from '../appeals/service.ts';
import type { Scheduler } from '../../platform/scheduler.ts';
import { insertCall, pruneCalls } from './repository.ts';
import { apiClientAdminRoutes } from './routes.ts';
import { openIntakeRoutes } from './open-routes.ts';

/** API clients: administration, intake for connected systems, and the per-client call log. */
export function apiClientsModule(app: FastifyInstance, ctx: AppContext, appeals: AppealDeps, scheduler?: Scheduler): void {
  apiClientAdminRoutes(app, ctx);
  openIntakeRoutes(app, appeals);
  // The log grows with every call: kept for QIFU_API_CALL_RETENTION_DAYS, pruned daily.
  scheduler?.every('api-call-retention', 24 * 3_600_000, () =>
    pruneCalls(ctx.db, new Date(Date.now() - ctx.config.apiCallRetentionDays * 86_400_000)),
  );
  // Every call made with a key is logged, refusals included; after the answer, so it costs the caller nothing.
  app.addHook('onResponse', async (req, reply) => {
    if (!req.apiClient) return;
    try {
      await insertCall(ctx.db, {
        clientId: req.apiClient.id,
        method: req.method,
        path: req.url.split('?')[0]!.slice(0, 300),
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
        requestId: String(req.id),
      });
    } catch (err) {
      req.log.warn({ err }, 'api call log failed');
    }
  });
}
