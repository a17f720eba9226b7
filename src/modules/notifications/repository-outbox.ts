/** The outbox's claims and outcomes as SQL (outbox.ts decides what is sent and what is written). */
import { sql, type Updateable } from 'kysely';
import type { DB, Db } from '../../platform/db/index.ts';

/**
 * Claims up to `limit` due messages by moving their next attempt to `claim` (the claim's token)
 * and counting the attempt; rows another dispatcher holds locked are skipped.
 */
export function claimDue(db: Db, now: Date, claim: Date, limit: number) {
  return db
    .updateTable('outbox')
    .set({ next_attempt_at: claim, attempts: sql<number>`attempts + 1` })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('outbox')
        .select('id')
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', now)
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returning(['id', 'channel', 'recipient', 'kind', 'subject', 'body', 'params', 'attempts', 'enterprise_id'])
    .execute();
}

/** Writes a claimed message's outcome while the claim still holds; false when it was lost. */
export async function settleClaimed(db: Db, id: number, claim: Date, set: Updateable<DB['outbox']>): Promise<boolean> {
  const r = await db
    .updateTable('outbox')
    .set(set)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('next_attempt_at', '=', claim)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Handed messages of the provider whose receipt is due. */
export function dueReceipts(db: Db, provider: string, now: Date, limit: number) {
  return db
    .selectFrom('outbox')
    .select(['id', 'recipient', 'provider_id', 'handed_at', 'receipt_checks'])
    .where('status', '=', 'handed')
    .where('provider', '=', provider)
    .where('receipt_due_at', '<=', now)
    .where('provider_id', 'is not', null)
    .orderBy('receipt_due_at')
    .limit(limit)
    .execute();
}

/** Records a provider's receipt on the message it still shows as handed; false when none was. */
export async function recordReceipt(db: Db, provider: string, providerId: string, set: Updateable<DB['outbox']>): Promise<boolean> {
  const r = await db
    .updateTable('outbox')
    .set(set)
    .where('provider', '=', provider)
    .where('provider_id', '=', providerId)
    .where('status', '=', 'handed')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** A message still unanswered: counted as checked, asked about again at `dueAt` (null: no more). */
export async function rescheduleReceipt(db: Db, id: number, checks: number, dueAt: Date | null): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ receipt_checks: checks, receipt_due_at: dueAt })
    .where('id', '=', id)
    .where('status', '=', 'handed')
    .execute();
}
