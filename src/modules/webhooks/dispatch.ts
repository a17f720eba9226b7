import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import type { Db } from '../../platform/db/index.ts';
import { addressProblem, connectLookup, hostOf, portProblem, type Resolve } from './destination.ts';
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
  /** Answers host names instead of the system resolver (tests: a name that turns into 127.0.0.1). */
  resolve?: Resolve;
}

/**
 * One POST with node:http, whose `lookup` hook sees and checks each address the socket is about
 * to connect to (fetch has no such hook). A redirect is not followed: it is an answer like any
 * non-2xx, so a public endpoint cannot bounce the delivery to an internal one.
 */
function post(url: URL, headers: Record<string, string>, body: string, lookup: ReturnType<typeof connectLookup>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = (url.protocol === 'https:' ? https : http).request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup,
        // A connection of its own: a pooled socket would skip the lookup (and its check).
        agent: false,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      },
      (res) => {
        resolve(res.statusCode ?? 0);
        res.destroy();
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function send(
  target: string,
  secret: string,
  id: number,
  event: string,
  body: string,
  opts: DispatchOptions,
): Promise<{ status: number | null; error: string | null }> {
  try {
    const url = new URL(target);
    // An IP literal is connected to without a lookup: checked here, the lookup checks names.
    const refused = portProblem(url) ?? (isIP(hostOf(url)) ? addressProblem(hostOf(url), opts.allowPrivate ?? false) : null);
    if (refused) return { status: null, error: refused };
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'Qifu-Webhooks/1',
      [SIGNATURE_HEADER]: sign(secret, body),
      'Qifu-Event': event,
      'Qifu-Delivery': String(id),
    };
    const status = await post(url, headers, body, connectLookup(opts.allowPrivate ?? false, opts.resolve));
    return status >= 200 && status < 300 ? { status, error: null } : { status, error: `HTTP ${status}` };
  } catch (err) {
    return { status: null, error: reason(err).slice(0, 500) };
  }
}

/** What went wrong, for the delivery list. A name with several addresses fails with one error per address. */
function reason(err: unknown): string {
  if (err instanceof AggregateError && !err.message) return err.errors.map(reason).join('; ');
  if (!(err instanceof Error)) return String(err);
  return err.cause instanceof Error ? `${err.message}: ${err.cause.message}` : err.message;
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
      const r = await send(d.url, d.secret, d.id, d.event, body, opts);
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
