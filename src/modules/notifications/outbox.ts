import { sql } from 'kysely';
import type { Db } from '../../platform/db/index.ts';

export interface OutboxMessage {
  id: number;
  channel: 'sms' | 'email';
  recipient: string;
  subject: string;
  body: string;
}

/** A channel adapter delivers one message or throws. Real SMS / mail gateways plug in here. */
export type ChannelAdapter = (m: OutboxMessage) => Promise<void>;

/** The default channel: writes each message to the log, so that nothing is sent by accident. */
export function logChannel(log: (obj: object, msg: string) => void): ChannelAdapter {
  return async (m) => log({ channel: m.channel, to: m.recipient, subject: m.subject, body: m.body }, 'outbox message');
}

const MAX_ATTEMPTS = 6;

/**
 * Sends what is due, at most `limit` messages. Each message is claimed by moving its
 * next attempt forward first, so that two processes running this never send it twice.
 * Failures retry with back-off (1, 2, 4 … minutes) and give up after six attempts.
 */
export async function dispatchOutbox(db: Db, adapters: Record<'sms' | 'email', ChannelAdapter>, limit = 50): Promise<{ sent: number; failed: number }> {
  const now = new Date();
  const claimed = await db
    .updateTable('outbox')
    .set({ next_attempt_at: new Date(now.getTime() + 5 * 60_000), attempts: sql<number>`attempts + 1` })
    .where('id', 'in', (eb) =>
      eb.selectFrom('outbox').select('id').where('status', '=', 'pending').where('next_attempt_at', '<=', now).orderBy('id').limit(limit).forUpdate().skipLocked(),
    )
    .returning(['id', 'channel', 'recipient', 'subject', 'body', 'attempts'])
    .execute();
  let sent = 0;
  let failed = 0;
  for (const m of claimed) {
    try {
      await adapters[m.channel](m);
      await db.updateTable('outbox').set({ status: 'sent', sent_at: new Date(), last_error: null }).where('id', '=', m.id).execute();
      sent++;
    } catch (err) {
      failed++;
      const giveUp = m.attempts >= MAX_ATTEMPTS;
      await db
        .updateTable('outbox')
        .set({
          status: giveUp ? 'failed' : 'pending',
          last_error: String(err instanceof Error ? err.message : err).slice(0, 500),
          next_attempt_at: new Date(Date.now() + 60_000 * 2 ** (m.attempts - 1)),
        })
        .where('id', '=', m.id)
        .execute();
    }
  }
  return { sent, failed };
}
