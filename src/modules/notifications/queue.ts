import type { Tx } from '../../platform/db/index.ts';
import type { MessageKind } from '../../platform/db/schema-delivery.ts';
import { loadPreferences, quietEnd, QUIET_EXEMPT } from './preferences.ts';
import { insertOutbox } from './repository.ts';

/**
 * What a message is about. It picks the SMS template and decides the rules that apply:
 * `policy` is promotional (an enterprise may opt out of it); the others concern the recipient's
 * own account, appeals and applications and always go out.
 */
export type { MessageKind };

/**
 * The template parameters each kind carries, in the order of Tencent's positional
 * TemplateParamSet ({1}, {2} …); Aliyun's TemplateParam gets them by name. A notice's `content`
 * is filled from the body when left out (shortened to what a template variable holds).
 * - verification_code: `code` (e.g. "您的验证码为${code}，5分钟内有效")
 * - invitation: `enterprise` (the inviting enterprise's name), `inviter` (who invites), `days` (how long it stays open)
 * - account, appeal, application, policy: `content`
 */
export const TEMPLATE_PARAMS: Record<MessageKind, readonly string[]> = {
  verification_code: ['code'],
  invitation: ['enterprise', 'inviter', 'days'],
  account: ['content'],
  appeal: ['content'],
  application: ['content'],
  policy: ['content'],
};

export interface OutgoingMessage {
  channel: 'sms' | 'email';
  recipient: string;
  kind: MessageKind;
  subject?: string;
  body: string;
  /** Template parameters for SMS providers that send by template (see TEMPLATE_PARAMS). */
  params?: Record<string, string>;
  /** Not before this time (rate spreading); now when left out. Quiet hours may move it later. */
  dueAt?: Date;
  /** The enterprise it is for: its quiet hours apply, and the message lists under it. */
  enterpriseId?: number;
  /** The push campaign that sent it (its figures count it). */
  campaignId?: number;
}

/**
 * Queues messages in the outbox in the caller's transaction: they exist exactly when the change
 * that caused them commits. An SMS to an enterprise due inside its quiet hours waits for their end,
 * as long past it as it was due past their start or the batch's first due time, so that a
 * campaign's spread (ratePerMinute) holds instead of bursting at the end (never a verification
 * code or an invitation: someone is waiting for those).
 */
export async function queueMessages(tx: Tx, msgs: readonly OutgoingMessage[]): Promise<void> {
  if (msgs.length === 0) return;
  const quiet = msgs.filter((m) => m.channel === 'sms' && m.enterpriseId !== undefined && !QUIET_EXEMPT.has(m.kind));
  const prefs = await loadPreferences(tx, [...new Set(quiet.map((m) => m.enterpriseId!))]);
  const now = new Date();
  // The batch's first due time: what a spread (a campaign's rate) counts its minutes from.
  const first = new Date(msgs.reduce((min, m) => Math.min(min, (m.dueAt ?? now).getTime()), Infinity));
  const rows = msgs.map((m) => {
    const p = m.enterpriseId !== undefined ? prefs.get(m.enterpriseId) : undefined;
    const due = m.dueAt ?? now;
    const at = p?.quiet && m.channel === 'sms' && !QUIET_EXEMPT.has(m.kind) ? quietEnd(due, p.quiet, first) : due;
    return {
      channel: m.channel,
      recipient: m.recipient,
      kind: m.kind,
      subject: m.subject ?? '',
      body: m.body,
      params: JSON.stringify(m.params ?? {}),
      next_attempt_at: at,
      enterprise_id: m.enterpriseId ?? null,
      campaign_id: m.campaignId ?? null,
    };
  });
  await insertOutbox(tx, rows);
}

const listeners = new Set<() => void>();

/**
 * Asks the outbox job to run now rather than at its next tick (a verification code should not
 * wait 10 s). Call it after the transaction that queued the message has committed.
 */
export function requestDispatch(): void {
  for (const l of listeners) l();
}

/** The outbox job registers here; returns the unsubscribe. */
export function onDispatchRequest(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
