import { sql, type Transaction } from 'kysely';
import type { DB } from '../../platform/db/index.ts';

/** What a policy message says and where it leads on the portal. */
export interface PolicyMessage {
  policyId: number;
  title: string;
  body: string;
  link: string;
}

export interface Channels {
  inApp: boolean;
  sms: boolean;
  email: boolean;
  /** At most this many SMS (and, separately, e-mails) become due per minute for this send. */
  ratePerMinute: number;
}

export interface Delivered {
  notifications: number;
  sms: number;
  email: number;
  /** When the last SMS / e-mail of this send becomes due; null when none was queued. */
  lastDueAt: string | null;
}

/** Rows per multi-row insert, well below PostgreSQL's bind-parameter limit. */
const CHUNK = 1_000;

/**
 * The due time of the i-th message of one channel: `ratePerMinute` messages per minute from `start`.
 * Rate limiting lives in the schedule rather than in the dispatcher, so that a large campaign
 * spreads over the minutes it needs while appeal reminders queued meanwhile (due now) still go
 * out first, and the limit holds however many dispatchers run.
 */
export function dueAt(start: Date, i: number, ratePerMinute: number): Date {
  return new Date(start.getTime() + Math.floor(i / ratePerMinute) * 60_000);
}

/**
 * Tells enterprises about a policy, in the caller's transaction: an in-app notification to each
 * active user of the enterprise (linked to the policy), and SMS / e-mail through the outbox to the
 * enterprise's users and its primary contact, each address once per enterprise.
 */
export async function deliverToEnterprises(tx: Transaction<DB>, enterpriseIds: readonly number[], msg: PolicyMessage, ch: Channels): Promise<Delivered> {
  const out: Delivered = { notifications: 0, sms: 0, email: 0, lastDueAt: null };
  if (enterpriseIds.length === 0) return out;
  const ids = [...enterpriseIds];
  if (ch.inApp) {
    const { rows } = await sql<{ n: number }>`with ins as (
        insert into notifications (user_id, title, body, link, policy_id)
        select u.id, ${msg.title}, ${msg.body}, ${msg.link}, ${msg.policyId}::int from users u
        where u.active and u.role = 'enterprise' and u.enterprise_id = any(${ids}::int[])
        returning 1)
      select count(*)::int as n from ins`.execute(tx);
    out.notifications = rows[0]?.n ?? 0;
  }
  if (!ch.sms && !ch.email) return out;
  const { rows: contacts } = await sql<{ enterprise_id: number; mobile: string | null; email: string | null }>`
    select enterprise_id, mobile, email from users where active and role = 'enterprise' and enterprise_id = any(${ids}::int[])
    union all
    select enterprise_id, mobile, email from enterprise_contacts where is_primary and enterprise_id = any(${ids}::int[])
    order by enterprise_id`.execute(tx);
  const sms = new Set<string>();
  const email = new Set<string>();
  for (const c of contacts) {
    if (ch.sms && c.mobile) sms.add(`${c.enterprise_id}|${c.mobile}`);
    if (ch.email && c.email) email.add(`${c.enterprise_id}|${c.email.toLowerCase()}`);
  }
  const start = new Date();
  const text = msg.body ? `${msg.title}：${msg.body}` : msg.title;
  const rows: { channel: 'sms' | 'email'; recipient: string; subject: string; body: string; next_attempt_at: Date }[] = [];
  [...sms].forEach((key, i) => rows.push({ channel: 'sms', recipient: key.split('|')[1]!, subject: '', body: `【企服通】${text}`.slice(0, 300), next_attempt_at: dueAt(start, i, ch.ratePerMinute) }));
  [...email].forEach((key, i) => rows.push({ channel: 'email', recipient: key.split('|')[1]!, subject: msg.title, body: `${text}\n\n详情：${msg.link}`, next_attempt_at: dueAt(start, i, ch.ratePerMinute) }));
  for (let i = 0; i < rows.length; i += CHUNK) await tx.insertInto('outbox').values(rows.slice(i, i + CHUNK)).execute();
  out.sms = sms.size;
  out.email = email.size;
  const last = rows.reduce<Date | null>((m, r) => (m === null || r.next_attempt_at > m ? r.next_attempt_at : m), null);
  out.lastDueAt = last ? last.toISOString() : null;
  return out;
}
