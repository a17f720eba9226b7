import { randomBytes } from 'node:crypto';
import type { Db } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Actor } from '../../platform/http/access.ts';
import { EVENTS, type WebhookEvent } from './events.ts';
import { destinationProblem } from './destination.ts';
import * as repo from './repository.ts';
import { cancelEnded } from './repository-dispatch.ts';

type SubscriptionRow = NonNullable<Awaited<ReturnType<typeof repo.findSubscription>>>;

function view(s: SubscriptionRow) {
  return {
    id: s.id,
    clientId: s.client_id,
    url: s.url,
    events: s.events.split(' ').filter((e): e is WebhookEvent => (EVENTS as readonly string[]).includes(e)),
    active: s.active,
    createdAt: s.created_at.toISOString(),
  };
}

async function ensureClient(db: Db, clientId: number): Promise<void> {
  if (!(await repo.clientExists(db, clientId))) throw AppError.notFound('API 客户端');
}

/** `clientId` given: the subscription must be that client's (a client managing its own). */
async function loadSubscription(db: Db, id: number, clientId?: number): Promise<SubscriptionRow> {
  const s = await repo.findSubscription(db, id);
  if (!s || (clientId !== undefined && s.client_id !== clientId)) throw AppError.notFound('事件订阅');
  return s;
}

export async function listSubscriptions(db: Db, clientId: number) {
  await ensureClient(db, clientId);
  return (await repo.listSubscriptions(db, clientId)).map(view);
}

/** The signing secret is kept as is (it signs every delivery) and shown only in this answer. */
export async function subscribe(
  db: Db,
  actor: Actor,
  clientId: number,
  input: { url: string; events: WebhookEvent[] },
  allowPrivate: boolean,
) {
  await ensureClient(db, clientId);
  const problem = await destinationProblem(input.url, allowPrivate);
  if (problem) throw AppError.validation('url', problem);
  const secret = `whsec_${randomBytes(24).toString('base64url')}`;
  const id = await db.transaction().execute(async (tx) => {
    const subId = await repo.insertSubscription(tx, { clientId, url: input.url, events: [...new Set(input.events)].join(' '), secret });
    await recordAudit(tx, actor, {
      action: 'webhook.subscribe',
      entityType: 'webhook_subscription',
      entityId: subId,
      after: { clientId, ...input },
    });
    return subId;
  });
  return { subscription: view(await loadSubscription(db, id)), secret };
}

/** A client revoked in this transaction: what its subscriptions were still to receive is cancelled at once, with the reason. */
export async function cancelDeliveriesOfRevokedClient(tx: Db): Promise<number> {
  return cancelEnded(tx);
}

export async function unsubscribe(db: Db, actor: Actor, id: number, clientId?: number): Promise<void> {
  await loadSubscription(db, id, clientId);
  await db.transaction().execute(async (tx) => {
    await repo.deactivateSubscription(tx, id);
    // What was still waiting will not be sent: the list says so at once.
    await cancelEnded(tx, id);
    await recordAudit(tx, actor, { action: 'webhook.unsubscribe', entityType: 'webhook_subscription', entityId: id });
  });
}

/**
 * Sends a delivery again once the receiving system is fixed: a failed one (given up after the
 * last attempt) or a pending one waiting for its back-off. A delivered one is not sent twice,
 * nor one being sent right now, nor one whose subscription or client has ended (cancelled ones).
 */
export async function redeliver(db: Db, actor: Actor, deliveryId: number, clientId?: number): Promise<void> {
  const d = await repo.findDelivery(db, deliveryId);
  if (!d || (clientId !== undefined && d.client_id !== clientId)) throw AppError.notFound('投递记录');
  if (d.status === 'delivered') throw new AppError('INVALID_STATE', '该投递已成功，无需重发');
  if (!d.active) throw new AppError('INVALID_STATE', '订阅已取消，不能重发');
  if (!d.client_active) throw new AppError('INVALID_STATE', 'API 客户端已停用，不能重发');
  await db.transaction().execute(async (tx) => {
    if (!(await repo.requeueDelivery(tx, deliveryId, new Date())))
      throw new AppError('INVALID_STATE', '该投递正在发送或刚已送达，请稍后刷新再看');
    await recordAudit(tx, actor, {
      action: 'webhook.redeliver',
      entityType: 'webhook_delivery',
      entityId: deliveryId,
      before: { status: d.status, attempts: d.attempts },
      after: { status: 'pending', attempts: 0 },
    });
  });
}

export async function listDeliveries(db: Db, id: number, page: number, pageSize: number, clientId?: number) {
  await loadSubscription(db, id, clientId);
  const r = await repo.listDeliveries(db, id, page, pageSize);
  return {
    total: r.total,
    items: r.items.map((d) => ({
      id: d.id,
      event: d.event,
      payload: d.payload,
      status: d.status,
      attempts: d.attempts,
      nextAttemptAt: d.status === 'pending' ? d.next_attempt_at.toISOString() : null,
      lastStatus: d.last_status,
      lastError: d.last_error,
      deliveredAt: d.delivered_at?.toISOString() ?? null,
      createdAt: d.created_at.toISOString(),
    })),
  };
}
