import type { Db } from '../../platform/db/index.ts';
import { destinationProblem } from './destination.ts';
import { SIGNATURE_HEADER, sign } from './events.ts';
import * as repo from './repository.ts';

const MAX_ATTEMPTS = 8;
const TIMEOUT_MS = 10_000;

/** 30 s, 1, 2, 4 … 64 minutes: about two hours in all before a delivery is given up. */
function retryDelayMs(attempts: number): number {
  return 30_000 * 2 ** (attempts - 1);
}

export interface DispatchOptions {
  /** The time the run takes as now (tests move it forward to reach a retry). */
  now?: Date;
  limit?: number;
  /** Deliver to private and loopback addresses too (QIFU_WEBHOOK_ALLOW_PRIVATE). */
  allowPrivate?: boolean;
}

async function send(
  url: string,
  secret: string,
  id: number,
  event: string,
  body: string,
): Promise<{ status: number | null; error: string | null }> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Qifu-Webhooks/1',
        [SIGNATURE_HEADER]: sign(secret, body),
        'Qifu-Event': event,
        'Qifu-Delivery': String(id),
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await res.body?.cancel();
    return res.ok ? { status: res.status, error: null } : { status: res.status, error: `HTTP ${res.status}` };
  } catch (err) {
    return {
      status: null,
      error: String(err instanceof Error ? (err.cause instanceof Error ? `${err.message}: ${err.cause.message}` : err.message) : err).slice(
        0,
        500,
      ),
    };
  }
}

/**
 * Sends the due deliveries, in parallel so that one slow endpoint does not hold up the
 * others. A 2xx is delivered; anything else is retried with back-off, then marked failed.
 */
export async function dispatchWebhooks(db: Db, opts: DispatchOptions = {}): Promise<{ delivered: number; failed: number }> {
  const now = opts.now ?? new Date();
  const claimed = await repo.claimDue(db, now, opts.limit ?? 50);
  let delivered = 0;
  let failed = 0;
  await Promise.all(
    claimed.map(async (d) => {
      if (!d.active) {
        await repo.recordOutcome(db, d.id, { status: 'failed', httpStatus: null, error: '订阅已取消' });
        failed++;
        return;
      }
      const body = JSON.stringify({ id: d.id, ...(d.payload as object) });
      const problem = await destinationProblem(d.url, opts.allowPrivate ?? false);
      const r = problem ? { status: null, error: problem } : await send(d.url, d.secret, d.id, d.event, body);
      if (r.error === null) {
        await repo.recordOutcome(db, d.id, { status: 'delivered', httpStatus: r.status, error: null, deliveredAt: new Date() });
        delivered++;
        return;
      }
      failed++;
      const giveUp = d.attempts >= MAX_ATTEMPTS;
      await repo.recordOutcome(db, d.id, {
        status: giveUp ? 'failed' : 'pending',
        httpStatus: r.status,
        error: r.error,
        nextAttemptAt: new Date(now.getTime() + retryDelayMs(d.attempts)),
      });
    }),
  );
  return { delivered, failed };
}
