import type { AppContext } from '../../platform/context.ts';
import type { Scheduler } from '../../platform/scheduler.ts';
import { purgeExpiredSessions } from './service.ts';

const SESSION_PURGE_EVERY_MS = 3_600_000;

/** The auth module's background job: expired sessions are purged hourly, once across the processes. */
export function authJobs(ctx: AppContext, scheduler: Scheduler | undefined): void {
  scheduler?.every('session-purge', SESSION_PURGE_EVERY_MS, () => purgeExpiredSessions(ctx.db));
}
