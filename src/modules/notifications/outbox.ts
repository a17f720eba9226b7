import { sql } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import { DeliveryError, type AwaitingReceipt, type ChannelAdapter, type Channels, type OutboxMessage } from './channels/types.ts';

export type { ChannelAdapter, Channels, OutboxMessage };

const MAX_ATTEMPTS = 6;
/** Messages handed to a channel at once within one run. */
const PARALLEL = 8;
/** A claimed message is left alone this long by other dispatchers (a provider may be slow). */
const CLAIM_MS = 5 * 60_000;

/** Back-off after the n-th failed attempt: 1, 2, 4 … 32 minutes. */
export const backoff = (attempt: number) => 60_000 * 2 ** Math.max(0, attempt - 1);

/**
 * Sends what is due, at most `limit` messages. Each message is claimed by moving its next
 * attempt forward first, so that two processes running this never send it twice. A real
 * channel's acceptance makes it `handed` (with the provider's id, and a receipt to ask for);
 * the log channel makes it `logged`. A permanent refusal fails it at once; a transient one is
 * retried with back-off and fails after six attempts.
 */
export async function dispatchOutbox(db: Db, channels: Channels, limit = 50): Promise<{ handed: number; logged: number; failed: number; retrying: number }> {
  const now = new Date();
  const claimed = await db
    .updateTable('outbox')
    .set({ next_attempt_at: new Date(now.getTime() + CLAIM_MS), attempts: sql<number>`attempts + 1` })
    .where('id', 'in', (eb) =>
      eb.selectFrom('outbox').select('id').where('status', '=', 'pending').where('next_attempt_at', '<=', now).orderBy('next_attempt_at').orderBy('id').limit(limit).forUpdate().skipLocked(),
    )
    .returning(['id', 'channel', 'recipient', 'kind', 'subject', 'body', 'params', 'attempts'])
    .execute();
  const out = { handed: 0, logged: 0, failed: 0, retrying: 0 };
  for (let i = 0; i < claimed.length; i += PARALLEL) {
    await Promise.all(claimed.slice(i, i + PARALLEL).map(async (m) => {
      const adapter = channels[m.channel];
      const result = await sendOne(db, adapter, { ...m, params: m.params ?? {} }, m.attempts);
      out[result]++;
    }));
  }
  return out;
}

async function sendOne(db: Db, adapter: ChannelAdapter, m: OutboxMessage, attempts: number): Promise<'handed' | 'logged' | 'failed' | 'retrying'> {
  try {
    const { providerId } = await adapter.send(m);
    const at = new Date();
    await db.updateTable('outbox').set(adapter.real
      ? { status: 'handed', handed_at: at, provider: adapter.provider, provider_id: providerId, last_error: null, error_code: null, receipt_due_at: adapter.receipts ? new Date(at.getTime() + 60_000) : null }
      : { status: 'logged', provider: adapter.provider, finished_at: at, last_error: null, error_code: null })
      .where('id', '=', m.id).execute();
    return adapter.real ? 'handed' : 'logged';
  } catch (err) {
    const e = err instanceof DeliveryError ? err : new DeliveryError(String(err instanceof Error ? err.message : err), 'ERROR', false);
    const giveUp = e.permanent || attempts >= MAX_ATTEMPTS;
    await db.updateTable('outbox').set({
      status: giveUp ? 'failed' : 'pending', provider: adapter.provider, error_code: e.code.slice(0, 100), last_error: e.message.slice(0, 500),
      next_attempt_at: new Date(Date.now() + backoff(attempts)), ...(giveUp ? { finished_at: new Date() } : {}),
    }).where('id', '=', m.id).execute();
    return giveUp ? 'failed' : 'retrying';
  }
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
    const due = await db.selectFrom('outbox').select(['id', 'recipient', 'provider_id', 'handed_at', 'receipt_checks'])
      .where('status', '=', 'handed').where('provider', '=', adapter.provider).where('receipt_due_at', '<=', now).where('provider_id', 'is not', null)
      .orderBy('receipt_due_at').limit(limit).execute();
    if (due.length === 0) continue;
    const awaiting: AwaitingReceipt[] = due.map((d) => ({ providerId: d.provider_id!, recipient: d.recipient, handedAt: d.handed_at ?? now }));
    const receipts = await adapter.receipts!(awaiting);
    for (const r of receipts) {
      const updated = await db.updateTable('outbox')
        .set(r.delivered
          ? { status: 'delivered', delivered_at: r.at, finished_at: r.at, receipt_due_at: null }
          : { status: 'failed', finished_at: r.at, error_code: (r.code ?? 'FAILED').slice(0, 100), last_error: `回执：${r.code ?? '发送失败'}`.slice(0, 500), receipt_due_at: null })
        .where('provider', '=', adapter.provider).where('provider_id', '=', r.providerId).where('status', '=', 'handed')
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) > 0) out[r.delivered ? 'delivered' : 'failed']++;
    }
    const answered = new Set(receipts.map((r) => r.providerId));
    for (const d of due) {
      if (answered.has(d.provider_id!)) continue;
      const expired = d.handed_at !== null && now.getTime() - d.handed_at.getTime() > RECEIPT_WINDOW_MS;
      await db.updateTable('outbox').set({
        receipt_checks: d.receipt_checks + 1,
        receipt_due_at: expired ? null : new Date(now.getTime() + Math.min(60 * 60_000, backoff(d.receipt_checks + 1))),
      }).where('id', '=', d.id).where('status', '=', 'handed').execute();
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
