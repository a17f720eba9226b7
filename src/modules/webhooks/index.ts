import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import type { Scheduler } from '../../platform/scheduler.ts';
import { dispatchWebhooks } from './dispatch.ts';
import { webhookRoutes } from './routes.ts';

/** Webhook routes, and the job that sends what the appeal workflow queued. */
export function webhooksModule(app: FastifyInstance, ctx: AppContext, scheduler: Scheduler | undefined): void {
  webhookRoutes(app, ctx);
  scheduler?.every('webhooks', 5_000, () => dispatchWebhooks(ctx.db, { allowPrivate: ctx.config.webhookAllowPrivate }));
}
