import type { Tx } from '../../platform/db/index.ts';
import type { ContactChannel } from '../../platform/db/schema-delivery.ts';
import { shorten } from '../notifications/channels/template.ts';
import { queueMessages, type MessageKind, type OutgoingMessage } from '../notifications/queue.ts';
import { reachEnterprises, type Reach } from '../notifications/reach.ts';
import { linkRecipientMessages, notifyEnterpriseUsers } from './repository-send.ts';

/** What a policy message says and where it leads on the portal. */
export interface PolicyMessage {
  policyId: number;
  title: string;
  body: string;
  link: string;
  /** 'policy' (promotional, the default: preferences and opt-outs apply) or e.g. 'application' for a granted benefit. */
  kind?: MessageKind;
}

export interface Channels {
  inApp: boolean;
  sms: boolean;
  email: boolean;
  /** At most this many SMS (and, separately, e-mails) become due per minute for this send. */
  ratePerMinute: number;
}

export interface Delivered {
  /** In-app notifications written (delivered at once to the portal inbox). */
  notifications: number;
  /** SMS and e-mails queued (not yet sent: the outbox hands them to a channel), one per address. */
  sms: number;
  email: number;
  /** When the last SMS / e-mail of this send becomes due; null when none was queued. */
  lastDueAt: string | null;
  /** Enterprises reached by at least one chosen channel, and in-app notifications per enterprise. */
  reachable: number;
  inApp: Map<number, number>;
}

/**
 * The due time of the i-th message of one channel: `ratePerMinute` messages per minute from `start`.
 * Rate limiting lives in the schedule rather than in the dispatcher, so that a large campaign
 * spreads over the minutes it needs while appeal reminders queued meanwhile (due now) still go
 * out first, and the limit holds however many dispatchers run.
 */
export function dueAt(start: Date, i: number, ratePerMinute: number): Date {
  return new Date(start.getTime() + Math.floor(i / ratePerMinute) * 60_000);
}

export function chosenChannels(ch: Channels): ContactChannel[] {
  return [...(ch.inApp ? ['in_app' as const] : []), ...(ch.sms ? ['sms' as const] : []), ...(ch.email ? ['email' as const] : [])];
}

/**
 * Tells enterprises about a policy, in the caller's transaction: an in-app notification to each
 * active user (linked to the policy), SMS / e-mail through the outbox to the addresses its users
 * and file hold (portal users and primary contact, else the file's fallback: contacts, legal
 * representative, registered mobile), within its contact preferences (see notifications/reach.ts).
 * `reach` may come from the caller, who decided it already.
 */
export async function deliverToEnterprises(
  tx: Tx,
  enterpriseIds: readonly number[],
  msg: PolicyMessage,
  ch: Channels,
  opts: { campaignId?: number; reach?: Map<number, Reach> } = {},
): Promise<Delivered> {
  const out: Delivered = { notifications: 0, sms: 0, email: 0, lastDueAt: null, reachable: 0, inApp: new Map() };
  if (enterpriseIds.length === 0) return out;
  const kind = msg.kind ?? 'policy';
  const reach = opts.reach ?? (await reachEnterprises(tx, enterpriseIds, chosenChannels(ch), kind));
  const reached = enterpriseIds.filter((id) => reach.get(id)?.reachable);
  out.reachable = reached.length;
  const inAppIds = reached.filter((id) => reach.get(id)?.inApp);
  if (inAppIds.length > 0) {
    const rows = await notifyEnterpriseUsers(tx, inAppIds, msg);
    for (const r of rows) out.inApp.set(r.enterprise_id, r.n);
    out.notifications = rows.reduce((s, r) => s + r.n, 0);
  }
  const start = new Date();
  const text = msg.body ? `${msg.title}：${msg.body}` : msg.title;
  const about = {
    kind,
    params: { content: shorten(msg.title) },
    ...(opts.campaignId !== undefined ? { campaignId: opts.campaignId } : {}),
  };
  // A campaign sends one SMS / e-mail per address: a contact serving several of its enterprises
  // (an agency) gets it once, and every enterprise it serves is linked to it
  // (push_recipient_messages). Other sends (a grant) concern each enterprise: one message each.
  const messages: OutgoingMessage[] = [];
  const serves = new Map<string, number[]>();
  const add = (address: string, id: number, m: () => OutgoingMessage) => {
    const key = opts.campaignId !== undefined ? address : `${id}|${address}`;
    const ids = serves.get(key);
    if (ids) return void ids.push(id);
    serves.set(key, [id]);
    messages.push(m());
  };
  for (const id of reached) {
    const r = reach.get(id)!;
    for (const recipient of r.sms)
      add(`sms|${recipient}`, id, () => ({
        channel: 'sms',
        recipient,
        body: `【企服通】${text}`.slice(0, 300),
        dueAt: dueAt(start, out.sms++, ch.ratePerMinute),
        enterpriseId: id,
        ...about,
      }));
    for (const recipient of r.email)
      add(`email|${recipient.toLowerCase()}`, id, () => ({
        channel: 'email',
        recipient,
        subject: msg.title,
        body: `${text}\n\n详情：${msg.link}`,
        dueAt: dueAt(start, out.email++, ch.ratePerMinute),
        enterpriseId: id,
        ...about,
      }));
  }
  await queueMessages(tx, messages);
  if (opts.campaignId !== undefined && messages.length > 0) {
    const links = [...serves].flatMap(([key, ids]) => ids.map((id) => ({ key, id })));
    await linkRecipientMessages(tx, opts.campaignId, links);
  }
  const last = messages.reduce<Date | null>((m, r) => (r.dueAt && (m === null || r.dueAt > m) ? r.dueAt : m), null);
  out.lastDueAt = last ? last.toISOString() : null;
  return out;
}
