import { sql } from 'kysely';
import type { Db } from '../../platform/db/index.ts';

export function subscriptionsOfUser(tx: Db, userId: number) {
  return tx
    .selectFrom('webhook_subscriptions as s')
    .innerJoin('api_clients as c', 'c.id', 's.client_id')
    .select(['s.id', 's.events'])
    .where('c.user_id', '=', userId)
    .where('c.active', '=', true)
    .where('s.active', '=', true)
    .execute();
}

/** Of these appeals, the ones a connected system filed (its service user submitted them). */
export function appealsFiledByClients(tx: Db, appealIds: number[]) {
  return tx
    .selectFrom('appeals as a')
    .innerJoin('api_clients as c', 'c.user_id', 'a.submitted_by')
    .select(['a.id', 'a.number', 'a.external_ref', 'a.submitted_by'])
    .where('a.id', 'in', appealIds)
    .execute();
}

export async function insertDeliveries(tx: Db, rows: { subscriptionId: number; event: string; payload: string }[]): Promise<void> {
  if (rows.length === 0) return;
  await tx
    .insertInto('webhook_deliveries')
    .values(rows.map((r) => ({ subscription_id: r.subscriptionId, event: r.event, payload: r.payload })))
    .execute();
}

const subscriptionColumns = ['id', 'client_id', 'url', 'events', 'active', 'created_at'] as const;

export async function clientExists(db: Db, clientId: number): Promise<boolean> {
  return !!(await db.selectFrom('api_clients').select('id').where('id', '=', clientId).executeTakeFirst());
}

export function listSubscriptions(db: Db, clientId: number) {
  return db.selectFrom('webhook_subscriptions').select(subscriptionColumns).where('client_id', '=', clientId).orderBy('id').execute();
}

export function findSubscription(db: Db, id: number) {
  return db.selectFrom('webhook_subscriptions').select(subscriptionColumns).where('id', '=', id).executeTakeFirst();
}

export async function insertSubscription(tx: Db, s: { clientId: number; url: string; events: string; secret: string }): Promise<number> {
  const row = await tx
    .insertInto('webhook_subscriptions')
    .values({ client_id: s.clientId, url: s.url, events: s.events, secret: s.secret })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function deactivateSubscription(tx: Db, id: number): Promise<void> {
  await tx.updateTable('webhook_subscriptions').set({ active: false }).where('id', '=', id).execute();
}

export async function listDeliveries(db: Db, subscriptionId: number, page: number, pageSize: number) {
  const [items, total] = await Promise.all([
    db
      .selectFrom('webhook_deliveries')
      .select([
        'id',
        'event',
        'payload',
        'status',
        'attempts',
        'next_attempt_at',
        'last_status',
        'last_error',
        'delivered_at',
        'created_at',
      ])
      .where('subscription_id', '=', subscriptionId)
      .orderBy('id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    db
      .selectFrom('webhook_deliveries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('subscription_id', '=', subscriptionId)
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export function findDelivery(db: Db, id: number) {
  return db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_subscriptions as s', 's.id', 'd.subscription_id')
    .select(['d.id', 'd.status', 'd.attempts', 'd.subscription_id', 's.client_id', 's.active'])
    .where('d.id', '=', id)
    .executeTakeFirst();
}

/** Back to the queue with a fresh back-off: the next dispatch run sends it. */
export async function requeueDelivery(tx: Db, id: number, now: Date): Promise<void> {
  await tx.updateTable('webhook_deliveries').set({ status: 'pending', attempts: 0, next_attempt_at: now }).where('id', '=', id).execute();
}

/**
 * Claims what is due by moving its next attempt forward first (a lease), so that two
 * processes never send the same delivery at once.
 */
export function claimDue(db: Db, now: Date, limit: number) {
  return db
    .updateTable('webhook_deliveries as d')
    .from('webhook_subscriptions as s')
    .set({ next_attempt_at: new Date(now.getTime() + 5 * 60_000), attempts: sql<number>`d.attempts + 1` })
    .whereRef('s.id', '=', 'd.subscription_id')
    .where('d.id', 'in', (eb) =>
      eb
        .selectFrom('webhook_deliveries')
        .select('id')
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', now)
        .orderBy('id')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returning(['d.id', 'd.event', 'd.payload', 'd.attempts', 's.url', 's.secret', 's.active'])
    .execute();
}

export async function recordOutcome(
  db: Db,
  id: number,
  o: {
    status: 'pending' | 'delivered' | 'failed';
    httpStatus: number | null;
    error: string | null;
    nextAttemptAt?: Date;
    deliveredAt?: Date;
  },
): Promise<void> {
  await db
    .updateTable('webhook_deliveries')
    .set({
      status: o.status,
      last_status: o.httpStatus,
      last_error: o.error,
      ...(o.nextAttemptAt ? { next_attempt_at: o.nextAttemptAt } : {}),
      ...(o.deliveredAt ? { delivered_at: o.deliveredAt } : {}),
    })
    .where('id', '=', id)
    .execute();
}
