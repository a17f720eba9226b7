import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import type { Scheduler } from '../../platform/scheduler.ts';
import { channelsFrom } from '../notifications/channels/index.ts';
import { dispatcher, dispatchOutbox, pollReceipts } from '../notifications/outbox.ts';
import { onDispatchRequest } from '../notifications/queue.ts';
import { deliveryRoutes } from './routes.ts';

/**
 * Delivery: the channels the settings configure, the outbox dispatch (every 10 s, and at once
 * when a caller asks — a verification code must not wait), the receipt poll, and the routes.
 * The dispatch on request runs without the scheduler too (tests, QIFU_SCHEDULER=off): it is work
 * a request asked for, not a background timer.
 */
export function deliveryModule(app: FastifyInstance, ctx: AppContext, scheduler: Scheduler | undefined): void {
  const channels = channelsFrom(ctx.config, (obj, msg) => app.log.info(obj, msg));
  const outbox = dispatcher(
    () => dispatchOutbox(ctx.db, channels),
    (err) => app.log.error({ err }, 'outbox dispatch failed'),
  );
  const unsubscribe = onDispatchRequest(outbox.trigger);
  app.addHook('onClose', async () => {
    unsubscribe();
    await outbox.idle();
  });
  if (scheduler) {
    scheduler.every('outbox', 10_000, async () => {
      outbox.trigger();
      await outbox.idle();
    });
    scheduler.every('delivery-receipts', 30_000, () => pollReceipts(ctx.db, channels));
  }
  deliveryRoutes(app, ctx);
}
