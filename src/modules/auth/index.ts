import type { AppContext } from '../../platform/context.ts';
import type { Scheduler } from '../../platform/scheduler.ts';
import { purgeExpiredSessions, purgeLoginAttempts } from './service.ts';

const PURGE_EVERY_MS = 3_600_000;

/**
 * The auth module's background jobs, hourly and once across the processes: expired sessions are
 * purged, and so are the failure counts of unknown login names once they are forgotten.
 */
export function authJobs(ctx: AppContext, scheduler: Scheduler | undefined): void {
  scheduler?.every('session-purge', PURGE_EVERY_MS, () => purgeExpiredSessions(ctx.db));
  scheduler?.every('login-attempt-purge', PURGE_EVERY_MS, () => purgeLoginAttempts(ctx.db));
}
