import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import type { Scheduler } from '../../platform/scheduler.ts';
import { WebhookDispatcher } from './dispatch.ts';
import { webhookRoutes } from './routes.ts';

/** Webhook routes, and the job that sends what the appeal workflow queued. */
export function webhooksModule(app: FastifyInstance, ctx: AppContext, scheduler: Scheduler | undefined): void {
  webhookRoutes(app, ctx);
  if (!scheduler) return;
  const dispatcher = new WebhookDispatcher(ctx.db, { allowPrivate: ctx.config.webhookAllowPrivate }, (err) =>
    app.log.error({ err }, 'webhook deliveries stopped'),
  );
  // The run only starts the subscribers' lanes: it never waits for an endpoint, whatever it does.
  scheduler.every('webhooks', 5_000, () => dispatcher.tick());
  // Before the database closes: the sends in flight finish and record their outcome.
  app.addHook('onClose', async () => dispatcher.close());
}
