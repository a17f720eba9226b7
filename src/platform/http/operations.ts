import type { FastifyInstance } from 'fastify';
import client from 'prom-client';
import type { Db } from '../db/index.ts';
import { pingDatabase } from '../db/ping.ts';

/** /healthz, /readyz and /metrics: for load balancers and Prometheus, outside /api. */
export function registerOperations(app: FastifyInstance, db: Db): void {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'qifu_' });
  const duration = new client.Histogram({
    name: 'qifu_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });

  app.addHook('onResponse', async (req, reply) => {
    duration.observe(
      { method: req.method, route: req.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  const hide = { schema: { hide: true } };
  app.get('/healthz', hide, async () => ({ status: 'ok' }));
  app.get('/readyz', hide, async (req, reply) => {
    try {
      await pingDatabase(db);
      return { status: 'ready' };
    } catch (err) {
      req.log.warn({ err }, 'database not reachable');
      return reply.status(503).send({ status: 'unavailable', reason: 'database' });
    }
  });
  app.get('/metrics', hide, async (_req, reply) => {
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
}
