import type { Tx } from '../../platform/db/index.ts';
import type { Role } from '../../platform/db/schema.ts';
import { normalizeMobile } from '../../platform/phone.ts';
import { addressBook } from './contacts.ts';
import { candidatesFor } from './repository-contacts.ts';
import { insertNotifications, recipientUsers } from './repository.ts';
import { queueMessages, type MessageKind, type OutgoingMessage } from './queue.ts';

/**
 * Who a notice is for; resolved to users (in-app) and contacts (SMS, e-mail) inside the transaction.
 * An enterprise's SMS goes to `phone` (e.g. the appeal's contact) when that is a mobile, else to
 * its portal users and primary contact, else to what its file holds (contacts, legal
 * representative, registered mobile): see contacts.ts.
 */
export type Recipient =
  | { kind: 'enterprise'; enterpriseId: number; phone?: string | null }
  | { kind: 'department'; departmentId: number }
  | { kind: 'department_head'; departmentId: number }
  | { kind: 'role'; role: Role }
  | { kind: 'user'; userId: number };

export interface Notice {
  to: Recipient;
  title: string;
  body?: string;
  link?: string;
  appealId?: number;
  policyId?: number;
  /** What it is about (the SMS template); by default 'appeal' with an appeal, else 'account'. */
  kind?: MessageKind;
  /** Also by SMS (to the enterprise's contact phone or the staff member's mobile). */
  sms?: boolean;
  email?: boolean;
}

function recipientKey(to: Recipient): string {
  return to.kind === 'enterprise'
    ? `enterprise:${to.enterpriseId}`
    : to.kind === 'role'
      ? `role:${to.role}`
      : to.kind === 'user'
        ? `user:${to.userId}`
        : `${to.kind}:${to.departmentId}`;
}

/**
 * Writes in-app notifications and queues SMS / e-mail in the outbox, in the caller's
 * transaction: a notice exists exactly when the change that caused it was committed.
 * Recipients are resolved once per distinct recipient and rows go in multi-row inserts, so a
 * sweep that raises thousands of reminders costs tens of queries, not thousands.
 */
export async function enqueueNotices(tx: Tx, notices: readonly Notice[]): Promise<void> {
  const resolved = new Map<string, Awaited<ReturnType<typeof recipientUsers>>>();
  const inApp: { user_id: number; title: string; body: string; link: string | null; appeal_id: number | null; policy_id: number | null }[] =
    [];
  const outbox: OutgoingMessage[] = [];
  const enterprises = [...new Set(notices.flatMap((n) => (n.to.kind === 'enterprise' && (n.sms || n.email) ? [n.to.enterpriseId] : [])))];
  const book = addressBook(await candidatesFor(tx, enterprises));
  for (const n of notices) {
    const key = recipientKey(n.to);
    let users = resolved.get(key);
    if (!users) {
      users = await recipientUsers(tx, n.to);
      resolved.set(key, users);
    }
    for (const u of users)
      inApp.push({
        user_id: u.id,
        title: n.title,
        body: n.body ?? '',
        link: n.link ?? null,
        appeal_id: n.appealId ?? null,
        policy_id: n.policyId ?? null,
      });
    const text = n.body ? `${n.title}：${n.body}` : n.title;
    const kind = n.kind ?? (n.appealId !== undefined ? 'appeal' : 'account');
    const enterpriseId = n.to.kind === 'enterprise' ? n.to.enterpriseId : undefined;
    const held = enterpriseId !== undefined ? book.get(enterpriseId) : undefined;
    const given = n.to.kind === 'enterprise' ? normalizeMobile(n.to.phone) : null;
    const phones = !n.sms ? [] : given ? [given] : held ? held.sms : users.flatMap((u) => (u.mobile ? [u.mobile] : []));
    const emails = !n.email ? [] : held ? held.email : users.flatMap((u) => (u.email ? [u.email] : []));
    // The template's `content` comes from the text itself (channels/template.ts).
    const about = { kind, ...(enterpriseId !== undefined ? { enterpriseId } : {}) };
    for (const recipient of new Set(phones)) outbox.push({ channel: 'sms', recipient, body: `【企服通】${text}`.slice(0, 300), ...about });
    for (const recipient of new Set(emails)) outbox.push({ channel: 'email', recipient, subject: n.title, body: text, ...about });
  }
  await insertNotifications(tx, inApp);
  await queueMessages(tx, outbox);
}
