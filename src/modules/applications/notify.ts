import type { Tx } from './repository.ts';

export interface NoticeTarget {
  id: number;
  enterprise_id: number;
  policy_id: number;
  contact_phone: string | null;
}

/**
 * Tells the applying enterprise, in the caller's transaction: an in-app notification to each of
 * its users (linked to the policy, so the portal can relate them) and, when asked, an SMS through
 * the outbox to the contact the application names.
 */
export async function notifyEnterprise(tx: Tx, app: NoticeTarget, title: string, body: string, sms: boolean): Promise<void> {
  const users = await tx.selectFrom('users').select('id').where('enterprise_id', '=', app.enterprise_id).where('active', '=', true).execute();
  if (users.length > 0) {
    await tx
      .insertInto('notifications')
      .values(users.map((u) => ({ user_id: u.id, title, body, link: `/portal/applications/${app.id}`, policy_id: app.policy_id })))
      .execute();
  }
  if (sms && app.contact_phone) {
    await tx.insertInto('outbox').values({ channel: 'sms', recipient: app.contact_phone, body: `【企服通】${title}：${body}`.slice(0, 300) }).execute();
  }
}
