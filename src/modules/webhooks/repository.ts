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

export async function insertDeliveries(
  tx: Db,
  rows: { subscriptionId: number; event: string; payload: string; subject: string }[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx
    .insertInto('webhook_deliveries')
    .values(rows.map((r) => ({ subscription_id: r.subscriptionId, event: r.event, payload: r.payload, subject: r.subject })))
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
    .innerJoin('api_clients as c', 'c.id', 's.client_id')
    .select(['d.id', 'd.status', 'd.attempts', 'd.lease', 'd.next_attempt_at', 'd.subscription_id', 's.client_id', 's.active'])
    .select('c.active as client_active')
    .where('d.id', '=', id)
    .executeTakeFirst();
}

/**
 * Back to the queue with a fresh back-off: the next dispatch run sends it. Not while a claim
 * is sending it (its lease has not run out): the answer on its way decides. False when refused.
 */
export async function requeueDelivery(tx: Db, id: number, now: Date): Promise<boolean> {
  const r = await tx
    .updateTable('webhook_deliveries')
    .set({ status: 'pending', attempts: 0, next_attempt_at: now, lease: null })
    .where('id', '=', id)
    .where('status', '!=', 'delivered')
    .where((eb) => eb.or([eb('lease', 'is', null), eb('next_attempt_at', '<=', now)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
