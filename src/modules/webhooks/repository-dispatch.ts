import { sql, type ExpressionBuilder } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import type { DB } from '../../platform/db/schema.ts';

type Deliveries = ExpressionBuilder<DB & { h: DB['webhook_deliveries'] }, 'h'>;

/**
 * The delivery `h` is the head of its subject for its subscriber: no earlier delivery of the same
 * subject to the same subscription is still pending (waiting, retrying or being sent). Delivered,
 * failed and cancelled ones no longer hold the later ones back.
 */
function isHead(eb: Deliveries) {
  return eb.not(
    eb.exists(
      eb
        .selectFrom('webhook_deliveries as e')
        .select(sql`1`.as('one'))
        .whereRef('e.subscription_id', '=', 'h.subscription_id')
        .whereRef('e.subject', '=', 'h.subject')
        .where('e.status', '=', 'pending')
        .whereRef('e.id', '<', 'h.id'),
    ),
  );
}

/** Subscriptions with a head that is due, except `busy` (those this process is sending to already). */
export async function dueSubscriptions(db: Db, now: Date, busy: number[], limit: number): Promise<number[]> {
  if (limit <= 0) return [];
  const rows = await db
    .selectFrom('webhook_deliveries as h')
    .select('h.subscription_id')
    .distinct()
    .where('h.status', '=', 'pending')
    .where('h.next_attempt_at', '<=', now)
    .$if(busy.length > 0, (q) => q.where('h.subscription_id', 'not in', busy))
    .where(isHead)
    .orderBy('h.subscription_id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.subscription_id);
}

/**
 * Claims up to `limit` due heads of one subscription (of an active client) in one statement:
 * `for update skip locked` keeps two processes off the same rows, and the lease (next attempt
 * moved to `leaseUntil`, token `lease`) keeps the claim while it is sent. A claimed head stays
 * pending, so the later events of its subject wait for its outcome, in every process.
 */
export function claimHeads(db: Db, subscriptionId: number, now: Date, limit: number, lease: string, leaseUntil: Date) {
  return db
    .updateTable('webhook_deliveries as d')
    .from(['webhook_subscriptions as s', 'api_clients as c'])
    .set({ next_attempt_at: leaseUntil, attempts: sql<number>`d.attempts + 1`, lease })
    .whereRef('s.id', '=', 'd.subscription_id')
    .whereRef('c.id', '=', 's.client_id')
    .where('s.active', '=', true)
    .where('c.active', '=', true)
    .where('d.id', 'in', (eb) =>
      eb
        .selectFrom('webhook_deliveries as h')
        .select('h.id')
        .where('h.subscription_id', '=', subscriptionId)
        .where('h.status', '=', 'pending')
        .where('h.next_attempt_at', '<=', now)
        .where(isHead)
        .orderBy('h.id')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returning(['d.id', 'd.event', 'd.payload', 'd.attempts', 's.url', 's.secret'])
    .execute();
}

/**
 * Writes the outcome of the claim `lease`, and only of it: when the lease ran out and another
 * claim took the delivery over (or it was sent again on request), this answer is not the last
 * word and is dropped — so an acknowledged delivery is never turned back to pending. A 2xx is
 * recorded even over a cancellation that came while it was on its way: it did arrive.
 */
export async function recordOutcome(
  db: Db,
  id: number,
  lease: string,
  o:
    | { status: 'delivered'; httpStatus: number | null; deliveredAt: Date }
    | { status: 'pending' | 'failed'; httpStatus: number | null; error: string; nextAttemptAt: Date },
): Promise<boolean> {
  const r = await db
    .updateTable('webhook_deliveries')
    .set(
      o.status === 'delivered'
        ? { status: 'delivered', last_status: o.httpStatus, last_error: null, delivered_at: o.deliveredAt, lease: null }
        : { status: o.status, last_status: o.httpStatus, last_error: o.error, next_attempt_at: o.nextAttemptAt, lease: null },
    )
    .where('id', '=', id)
    .where('lease', '=', lease)
    .where('status', 'in', o.status === 'delivered' ? ['pending', 'cancelled'] : ['pending'])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/**
 * Cancels the pending deliveries of ended subscriptions and revoked clients (of one subscription
 * when given), saying why in the delivery list. One being sent right now keeps its lease: its
 * answer is still recorded.
 */
export async function cancelEnded(db: Db, subscriptionId?: number): Promise<number> {
  const r = await db
    .updateTable('webhook_deliveries as d')
    .from(['webhook_subscriptions as s', 'api_clients as c'])
    .set({ status: 'cancelled', last_error: sql<string>`case when c.active then '订阅已取消，未发送' else 'API 客户端已停用，未发送' end` })
    .whereRef('s.id', '=', 'd.subscription_id')
    .whereRef('c.id', '=', 's.client_id')
    .where('d.status', '=', 'pending')
    .where((eb) => eb.or([eb('s.active', '=', false), eb('c.active', '=', false)]))
    .$if(subscriptionId !== undefined, (q) => q.where('s.id', '=', subscriptionId!))
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
