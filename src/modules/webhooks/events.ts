import { createHmac } from 'node:crypto';

/** What a connected system can subscribe to. `application.decided` is emitted by the policy applications module. */
export const EVENTS = [
  'appeal.accepted',
  'appeal.dispatched',
  'appeal.replied',
  'appeal.closed',
  'appeal.rated',
  'application.decided',
] as const;
export type WebhookEvent = (typeof EVENTS)[number];

const BY_STATE: Partial<Record<string, WebhookEvent>> = {
  accepted: 'appeal.accepted',
  dispatched: 'appeal.dispatched',
  replied: 'appeal.replied',
  closed: 'appeal.closed',
};

/** The events one workflow step raises: the state it reaches (if it changed) and a rating (the enterprise's, or one given in a follow-up call). */
export function appealEvents(action: string, from: string, to: string, rated = action === 'rate'): WebhookEvent[] {
  const events: WebhookEvent[] = [];
  if (rated) events.push('appeal.rated');
  const byState = from === to ? undefined : BY_STATE[to];
  if (byState) events.push(byState);
  return events;
}

export const SIGNATURE_HEADER = 'Qifu-Signature';

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`: the timestamp lets receivers refuse replays. */
export function sign(secret: string, body: string, at: Date = new Date()): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}
