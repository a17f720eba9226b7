import { createHmac } from 'node:crypto';
import type { AppealState } from '../appeals/workflow.ts';

/**
 * What a connected system can subscribe to: `appeal.<state>` for every state an appeal can reach
 * by a workflow step, `appeal.rated` for a rating. `application.decided` is reserved for the
 * policy applications module.
 */
export const EVENTS = [
  'appeal.accepted',
  'appeal.declined',
  'appeal.dispatched',
  'appeal.claimed',
  'appeal.in_progress',
  'appeal.awaiting_info',
  'appeal.return_requested',
  'appeal.replied',
  'appeal.closed',
  'appeal.rated',
  'application.decided',
] as const;
export type WebhookEvent = (typeof EVENTS)[number];

/** Every state but `submitted` (where an appeal starts, not one a step leads to): typed, so a new state cannot go unannounced. */
const BY_STATE: Record<Exclude<AppealState, 'submitted'>, WebhookEvent> = {
  accepted: 'appeal.accepted',
  declined: 'appeal.declined',
  dispatched: 'appeal.dispatched',
  claimed: 'appeal.claimed',
  in_progress: 'appeal.in_progress',
  awaiting_info: 'appeal.awaiting_info',
  return_requested: 'appeal.return_requested',
  replied: 'appeal.replied',
  closed: 'appeal.closed',
};

/**
 * The events one workflow step raises: a rating (the enterprise's, or one given in a follow-up
 * call), then the state it reaches — when the state changed, or on a transfer, which sends a
 * dispatched appeal to another department (dispatched again).
 */
export function appealEvents(action: string, from: string, to: string, rated = action === 'rate'): WebhookEvent[] {
  const events: WebhookEvent[] = [];
  if (rated) events.push('appeal.rated');
  const moved = from !== to || action === 'transfer';
  const byState = moved && to in BY_STATE ? BY_STATE[to as keyof typeof BY_STATE] : undefined;
  if (byState) events.push(byState);
  return events;
}

export const SIGNATURE_HEADER = 'Qifu-Signature';

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`: the timestamp lets receivers refuse replays. */
export function sign(secret: string, body: string, at: Date = new Date()): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}
