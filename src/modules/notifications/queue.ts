import type { Transaction } from 'kysely';
import type { DB } from '../../platform/db/index.ts';

/**
 * What a message is about. It picks the SMS template and decides the rules that apply:
 * `policy` is promotional (an enterprise may opt out of it); the others concern the recipient's
 * own account, appeals and applications and always go out.
 */
export type MessageKind = 'verification_code' | 'invitation' | 'account' | 'appeal' | 'application' | 'policy';

export interface OutgoingMessage {
  channel: 'sms' | 'email';
  recipient: string;
  kind: MessageKind;
  subject?: string;
  body: string;
  /** Template parameters for SMS providers that send by template (e.g. `{ code: '123456' }`). */
  params?: Record<string, string>;
  /** Not before this time (rate spreading, quiet hours); now when left out. */
  dueAt?: Date;
}

/** Queues messages in the outbox in the caller's transaction: they exist exactly when the change that caused them commits. */
export async function queueMessages(tx: Transaction<DB>, msgs: readonly OutgoingMessage[]): Promise<void> {
  if (msgs.length === 0) return;
  await tx
    .insertInto('outbox')
    .values(msgs.map((m) => ({ channel: m.channel, recipient: m.recipient, subject: m.subject ?? '', body: m.body, ...(m.dueAt ? { next_attempt_at: m.dueAt } : {}) })))
    .execute();
}

const listeners = new Set<() => void>();

/** Asks the outbox job to run now rather than at its next tick (a verification code should not wait 10 s). */
export function requestDispatch(): void {
  for (const l of listeners) l();
}

/** The outbox job registers here; returns the unsubscribe. */
export function onDispatchRequest(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
