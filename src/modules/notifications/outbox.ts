import type { Db } from '../../platform/db/index.ts';
import {
  DeliveryError,
  type AwaitingReceipt,
  type ChannelAdapter,
  type Channels,
  type OutboxMessage,
  type Receipt,
} from './channels/types.ts';
import { loadPreferences, QUIET_EXEMPT, quietEnd } from './preferences.ts';
import * as repo from './repository-outbox.ts';

export type { ChannelAdapter, Channels, OutboxMessage };

const MAX_ATTEMPTS = 6;
/** Messages handed to a channel at once within one run. */
const PARALLEL = 8;
/**
 * The longest one hand-over can take: the SMTP timeouts add up to 60 s (channels/smtp.ts), the
 * SMS SDKs give up after 15 s (aliyun.ts, tencent.ts).
 */
export const SEND_TIMEOUT_MS = 60_000;
const BATCH = 50;
/**
 * A claimed message is left alone this long by other dispatchers: twice the worst case of a
 * whole batch sent PARALLEL at a time, so that no other process re-claims (and sends again) the
 * tail of a batch held up by a hung provider.
 */
export const CLAIM_MS = 2 * Math.ceil(BATCH / PARALLEL) * SEND_TIMEOUT_MS;

/** Back-off after the n-th failed attempt: 1, 2, 4 … 32 minutes. */
export const backoff = (attempt: number) => 60_000 * 2 ** Math.max(0, attempt - 1);

type Claimed = OutboxMessage & { attempts: number; enterprise_id: number | null };

/**
 * Sends what is due, at most `limit` messages. Each message is claimed by moving its next
 * attempt forward first, so that two processes running this never send it twice; the time it
 * was moved to is the claim's token, and the outcome is written only while the claim still
 * holds (a dispatcher that outlived its claim cannot overwrite what another one recorded). A
 * real channel's acceptance makes it `handed` (with the provider's id, and a receipt to ask
 * for); the log channel makes it `logged`. A permanent refusal fails it at once; a transient one
 * is retried with back-off (past the enterprise's quiet hours) and fails after six attempts.
 */
export async function dispatchOutbox(
  db: Db,
  channels: Channels,
  limit = BATCH,
): Promise<{ handed: number; logged: number; failed: number; retrying: number }> {
  const now = new Date();
  const claim = new Date(now.getTime() + CLAIM_MS);
  const claimed = await repo.claimDue(db, now, claim, limit);
  const out = { handed: 0, logged: 0, failed: 0, retrying: 0 };
  for (let i = 0; i < claimed.length; i += PARALLEL) {
    await Promise.all(
      claimed.slice(i, i + PARALLEL).map(async (m) => {
        const result = await sendOne(db, channels[m.channel], { ...m, params: m.params ?? {} }, claim);
        if (result) out[result]++;
      }),
    );
  }
  return out;
}

/** Sends one claimed message and records the outcome; undefined when the claim was lost meanwhile. */
async function sendOne(
  db: Db,
  adapter: ChannelAdapter,
  m: Claimed,
  claim: Date,
): Promise<'handed' | 'logged' | 'failed' | 'retrying' | undefined> {
  try {
    const { providerId } = await adapter.send(m);
    const at = new Date();
    const mine = await repo.settleClaimed(
      db,
      m.id,
      claim,
      adapter.real
        ? {
            status: 'handed',
            handed_at: at,
            provider: adapter.provider,
            provider_id: providerId,
            last_error: null,
            error_code: null,
            receipt_due_at: adapter.receipts ? new Date(at.getTime() + 60_000) : null,
          }
        : { status: 'logged', provider: adapter.provider, finished_at: at, last_error: null, error_code: null },
    );
    if (!mine) return undefined;
    return adapter.real ? 'handed' : 'logged';
  } catch (err) {
    const e = err instanceof DeliveryError ? err : new DeliveryError(String(err instanceof Error ? err.message : err), 'ERROR', false);
    const giveUp = e.permanent || m.attempts >= MAX_ATTEMPTS;
    const retryAt = giveUp ? new Date() : await retryTime(db, m, new Date(Date.now() + backoff(m.attempts)));
    const mine = await repo.settleClaimed(db, m.id, claim, {
      status: giveUp ? 'failed' : 'pending',
      provider: adapter.provider,
      error_code: e.code.slice(0, 100),
      last_error: e.message.slice(0, 500),
      next_attempt_at: retryAt,
      ...(giveUp ? { finished_at: new Date() } : {}),
    });
    if (!mine) return undefined;
    return giveUp ? 'failed' : 'retrying';
  }
}

/** A retry of an SMS to an enterprise waits out its quiet hours, as the first attempt did (queue.ts). */
async function retryTime(db: Db, m: Claimed, at: Date): Promise<Date> {
  if (m.channel !== 'sms' || m.enterprise_id === null || QUIET_EXEMPT.has(m.kind)) return at;
  const quiet = (await loadPreferences(db, [m.enterprise_id])).get(m.enterprise_id)?.quiet;
  return quiet ? quietEnd(at, quiet) : at;
}

/** Receipts are asked for over this long after the hand-over; later, a message stays "handed". */
const RECEIPT_WINDOW_MS = 72 * 3_600_000;

/**
 * Asks the providers that report delivery about the messages they took and records the
 * answers: `delivered` or `failed` with the provider's code. Messages still unanswered are asked
 * about again later (1, 2, 4 … 60 minutes), for three days.
 */
export async function pollReceipts(db: Db, channels: Channels, limit = 200): Promise<{ delivered: number; failed: number }> {
  const out = { delivered: 0, failed: 0 };
  const adapters = [...new Set(Object.values(channels))].filter((a) => a.real && a.receipts);
  for (const adapter of adapters) {
    const now = new Date();
    const due = await repo.dueReceipts(db, adapter.provider, now, limit);
    if (due.length === 0) continue;
    const awaiting: AwaitingReceipt[] = due.map((d) => ({
      providerId: d.provider_id!,
      recipient: d.recipient,
      handedAt: d.handed_at ?? now,
    }));
    // A provider that cannot answer now (down, throttling) leaves every row unanswered: each is
    // counted as checked and asked about later, not again on the very next poll.
    const receipts = await adapter.receipts!(awaiting).catch(() => [] as Receipt[]);
    for (const r of receipts) {
      const updated = await repo.recordReceipt(
        db,
        adapter.provider,
        r.providerId,
        r.delivered
          ? { status: 'delivered', delivered_at: r.at, finished_at: r.at, receipt_due_at: null }
          : {
              status: 'failed',
              finished_at: r.at,
              error_code: (r.code ?? 'FAILED').slice(0, 100),
              last_error: `回执：${r.code ?? '发送失败'}`.slice(0, 500),
              receipt_due_at: null,
            },
      );
      if (updated) out[r.delivered ? 'delivered' : 'failed']++;
    }
    const answered = new Set(receipts.map((r) => r.providerId));
    for (const d of due) {
      if (answered.has(d.provider_id!)) continue;
      const expired = d.handed_at !== null && now.getTime() - d.handed_at.getTime() > RECEIPT_WINDOW_MS;
      await repo.rescheduleReceipt(
        db,
        d.id,
        d.receipt_checks + 1,
        expired ? null : new Date(now.getTime() + Math.min(60 * 60_000, backoff(d.receipt_checks + 1))),
      );
    }
  }
  return out;
}

/**
 * Runs the dispatch when asked (requestDispatch) as well as on the timer, never twice at once
 * in this process: a request during a run makes one more run after it.
 */
export function dispatcher(run: () => Promise<unknown>, onError: (err: unknown) => void) {
  let running: Promise<void> | undefined;
  let again = false;
  const trigger = (): void => {
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await run();
        } catch (err) {
          onError(err);
        }
      } while (again);
    })().finally(() => {
      running = undefined;
    });
  };
  return { trigger, idle: async () => running };
}
