import { enqueueNotices } from '../notifications/notices.ts';

import type { Tx } from '../../platform/db/index.ts';

export interface NoticeTarget {
  id: number;
  enterprise_id: number;
  policy_id: number;
  contact_phone: string | null;
}

/**
 * Tells the applying enterprise, in the caller's transaction: an in-app notification to each of
 * its users (linked to the policy, so the portal can relate them) and, when asked, an SMS through
 * the outbox to the contact the application names — or, without one, to the numbers its users
 * and file hold. An application's notices always go out (no opt-out applies to them).
 */
export async function notifyEnterprise(tx: Tx, app: NoticeTarget, title: string, body: string, sms: boolean): Promise<void> {
  await enqueueNotices(tx, [
    {
      to: { kind: 'enterprise', enterpriseId: app.enterprise_id, phone: app.contact_phone },
      kind: 'application',
      title,
      body,
      link: `/portal/applications/${app.id}`,
      policyId: app.policy_id,
      sms,
    },
  ]);
}
