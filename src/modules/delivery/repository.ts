import { sql, type Insertable } from 'kysely';
import type { Db, Tx } from '../../platform/db/index.ts';
import type { EnterpriseContactPreferencesTable, MessageKind, OutboxStatus } from '../../platform/db/schema-delivery.ts';
import { maskEmail, maskMobile } from '../../platform/mask.ts';

export interface MessageFilter {
  status?: OutboxStatus | undefined;
  channel?: 'sms' | 'email' | undefined;
  kind?: MessageKind | undefined;
  q?: string | undefined;
  enterpriseId?: number | undefined;
  campaignId?: number | undefined;
  page: number;
  pageSize: number;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** 消息发送记录: the outbox, newest first, with each message's state; recipients masked. */
export async function listMessages(db: Db, f: MessageFilter) {
  let q = db.selectFrom('outbox as o').leftJoin('enterprises as e', 'e.id', 'o.enterprise_id');
  if (f.channel) q = q.where('o.channel', '=', f.channel);
  if (f.kind) q = q.where('o.kind', '=', f.kind);
  if (f.enterpriseId) q = q.where('o.enterprise_id', '=', f.enterpriseId);
  if (f.campaignId) q = q.where('o.campaign_id', '=', f.campaignId);
  if (f.q) q = q.where('o.recipient', 'ilike', `%${f.q.replace(/[%_\\]/g, '\\$&')}%`);
  const counts = await q
    .select(['o.status', sql<number>`count(*)::int`.as('n')])
    .groupBy('o.status')
    .execute();
  const filtered = f.status ? q.where('o.status', '=', f.status) : q;
  const rows = await filtered
    .select([
      'o.id',
      'o.channel',
      'o.kind',
      'o.recipient',
      'o.subject',
      'o.status',
      'o.attempts',
      'o.provider',
      'o.provider_id',
      'o.error_code',
      'o.last_error',
      'o.enterprise_id',
      'e.name as enterprise_name',
      'o.campaign_id',
      'o.created_at',
      'o.next_attempt_at',
      'o.handed_at',
      'o.delivered_at',
      'o.finished_at',
    ])
    .orderBy('o.id', 'desc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  const byStatus = Object.fromEntries(counts.map((c) => [c.status, Number(c.n)]));
  return {
    total: f.status ? (byStatus[f.status] ?? 0) : counts.reduce((s, c) => s + Number(c.n), 0),
    byStatus,
    items: rows.map((r) => ({
      id: r.id,
      channel: r.channel,
      kind: r.kind,
      recipient: r.channel === 'sms' ? (maskMobile(r.recipient) ?? '') : maskEmail(r.recipient),
      subject: r.subject,
      status: r.status,
      attempts: r.attempts,
      provider: r.provider,
      providerId: r.provider_id,
      errorCode: r.error_code,
      error: r.last_error,
      enterpriseId: r.enterprise_id,
      enterpriseName: r.enterprise_name,
      campaignId: r.campaign_id,
      createdAt: new Date(r.created_at).toISOString(),
      dueAt: new Date(r.next_attempt_at).toISOString(),
      handedAt: iso(r.handed_at),
      deliveredAt: iso(r.delivered_at),
      finishedAt: iso(r.finished_at),
    })),
  };
}

export async function preferencesUpdatedAt(db: Db, enterpriseId: number): Promise<Date | null> {
  return (
    (
      await db
        .selectFrom('enterprise_contact_preferences')
        .select('updated_at')
        .where('enterprise_id', '=', enterpriseId)
        .executeTakeFirst()
    )?.updated_at ?? null
  );
}

export async function savePreferences(
  tx: Tx,
  enterpriseId: number,
  values: Omit<Insertable<EnterpriseContactPreferencesTable>, 'enterprise_id'>,
): Promise<void> {
  await tx
    .insertInto('enterprise_contact_preferences')
    .values({ enterprise_id: enterpriseId, ...values })
    .onConflict((oc) => oc.column('enterprise_id').doUpdateSet(values))
    .execute();
}

export function portalUser(db: Db, userId: number) {
  return db.selectFrom('users').select(['enterprise_role', 'active']).where('id', '=', userId).executeTakeFirst();
}

/** The message, locked for the rest of the transaction. */
export function lockMessage(tx: Tx, id: number) {
  return tx.selectFrom('outbox').select(['id', 'status', 'error_code']).where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Sends the message again from its first attempt. */
export async function requeueMessage(tx: Tx, id: number, now: Date): Promise<void> {
  await tx
    .updateTable('outbox')
    .set({ status: 'pending', attempts: 0, next_attempt_at: now, finished_at: null, receipt_due_at: null })
    .where('id', '=', id)
    .execute();
}
