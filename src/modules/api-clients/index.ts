import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import type { AppealDeps } from '../appeals/service.ts';
import { insertCall } from './repository.ts';
import { apiClientAdminRoutes } from './routes.ts';
import { openIntakeRoutes } from './open-routes.ts';

/** API clients: administration, intake for connected systems, and the per-client call log. */
export function apiClientsModule(app: FastifyInstance, ctx: AppContext, appeals: AppealDeps): void {
  apiClientAdminRoutes(app, ctx);
  openIntakeRoutes(app, appeals);
  // Every call made with a key is logged, refusals included; after the answer, so it costs the caller nothing.
  app.addHook('onResponse', async (req, reply) => {
    if (!req.apiClient) return;
    try {
      await insertCall(ctx.db, { clientId: req.apiClient.id, method: req.method, path: req.url.split('?')[0]!.slice(0, 300), status: reply.statusCode, ms: Math.round(reply.elapsedTime), requestId: String(req.id) });
    } catch (err) {
      req.log.warn({ err }, 'api call log failed');
    }
  });
}
