import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/index.ts';
import * as repo from './repository-dispatch.ts';
import { send, TIMEOUT_MS, type SendOptions } from './send.ts';

/** A delivery is tried this many times; the last failure gives it up (status failed). */
export const MAX_ATTEMPTS = 8;

/** The wait after the n-th failed attempt: 30 s, doubled each time. */
export function retryDelayMs(attempts: number): number {
  return 30_000 * 2 ** (attempts - 1);
}

/** The waits between the attempts — 30 s, 1, 2, 4, 8, 16, 32 minutes: 63.5 minutes from the first attempt to the last. */
export const RETRY_DELAYS_MS: readonly number[] = Array.from({ length: MAX_ATTEMPTS - 1 }, (_, i) => retryDelayMs(i + 1));

/** How long a claim holds a delivery: well beyond one send, so a live claim never loses it. */
const LEASE_MS = Math.max(2 * 60_000, 4 * TIMEOUT_MS);
/** Deliveries sent at once to one subscriber (heads of different subjects). */
const PER_RECEIVER = 4;
/** Subscribers served at once by one process. */
const MAX_LANES = 50;

export interface DispatchOptions extends SendOptions {
  /** The time the run takes as now (tests move it forward to reach a retry). */
  now?: Date;
}

export interface DispatchCounts {
  /** Acknowledged with a 2xx. */
  delivered: number;
  /** Attempts that failed (retried later, or given up after the last). */
  failed: number;
  /** Pending deliveries cancelled: the subscription ended or the client was revoked. */
  cancelled: number;
}

type Claimed = Awaited<ReturnType<typeof repo.claimHeads>>[number];

/**
 * Sends the queued deliveries, isolating subscribers from one another: each subscriber with
 * something due gets a lane of its own, which sends its heads (up to PER_RECEIVER at once, one
 * per subject, in queue order within a subject) until nothing more is due. `tick` starts the
 * lanes and returns at once, so a slow or hanging endpoint holds up only its own lane: the next
 * tick serves every other subscriber again.
 */
export class WebhookDispatcher {
  readonly counts: DispatchCounts = { delivered: 0, failed: 0, cancelled: 0 };
  private readonly lanes = new Map<number, Promise<void>>();
  private closed = false;

  constructor(
    private readonly db: Db,
    private readonly opts: DispatchOptions,
    /** A lane that failed (say the database went away): logged by the scheduled dispatcher. */
    private readonly onError: (err: unknown) => void,
  ) {}

  private now(): Date {
    return this.opts.now ?? new Date();
  }

  /** Cancels what may no longer go out, then starts a lane for each subscriber with a due head and no lane here. */
  async tick(): Promise<{ started: number }> {
    if (this.closed) return { started: 0 };
    this.counts.cancelled += await repo.cancelEnded(this.db);
    const due = await repo.dueSubscriptions(this.db, this.now(), [...this.lanes.keys()], MAX_LANES - this.lanes.size);
    for (const id of due) {
      const lane = this.lane(id)
        .catch(this.onError)
        .finally(() => this.lanes.delete(id));
      this.lanes.set(id, lane);
    }
    return { started: due.length };
  }

  /** Waits for the lanes running now (and those they lead to). */
  async drain(): Promise<void> {
    while (this.lanes.size > 0) await Promise.all(this.lanes.values());
  }

  /** No new lanes or claims: waits only for the sends in flight, so the database can close under none. */
  async close(): Promise<void> {
    this.closed = true;
    await this.drain();
  }

  private async lane(subscriptionId: number): Promise<void> {
    while (!this.closed) {
      const now = this.now();
      const lease = randomUUID();
      const claimed = await repo.claimHeads(this.db, subscriptionId, now, PER_RECEIVER, lease, new Date(now.getTime() + LEASE_MS));
      if (claimed.length === 0) return;
      // Settled, not all: a database error in one send must not leave the others unawaited (close waits for them).
      const done = await Promise.allSettled(claimed.map((d) => this.deliver(d, lease, now)));
      const broken = done.find((r) => r.status === 'rejected');
      if (broken) throw broken.reason;
    }
  }

  /** A 2xx is delivered; anything else is retried after its back-off, and the last failure gives up. */
  private async deliver(d: Claimed, lease: string, now: Date): Promise<void> {
    const body = JSON.stringify({ id: d.id, ...(d.payload as object) });
    const r = await send(d.url, d.secret, d.id, d.event, body, this.opts);
    if (r.error === null) {
      this.counts.delivered++;
      await repo.recordOutcome(this.db, d.id, lease, { status: 'delivered', httpStatus: r.status, deliveredAt: new Date() });
      return;
    }
    this.counts.failed++;
    await repo.recordOutcome(this.db, d.id, lease, {
      status: d.attempts >= MAX_ATTEMPTS ? 'failed' : 'pending',
      httpStatus: r.status,
      error: r.error,
      nextAttemptAt: new Date(now.getTime() + retryDelayMs(d.attempts)),
    });
  }
}

/**
 * One complete run (tests, scripts): sends everything due, each lane to its end, and counts what
 * happened. A lane's error is thrown here.
 */
export async function dispatchWebhooks(db: Db, opts: DispatchOptions = {}): Promise<DispatchCounts> {
  const errors: unknown[] = [];
  const dispatcher = new WebhookDispatcher(db, opts, (err) => errors.push(err));
  await dispatcher.tick();
  await dispatcher.drain();
  if (errors.length > 0) throw errors[0];
  return dispatcher.counts;
}
