import { appealEvents, type WebhookEvent } from './events.ts';
import * as repo from './repository.ts';
import type { Db } from '../../platform/db/index.ts';

/**
 * Queues an event for the webhooks of the connected system whose service user is `userId`,
 * inside the caller's transaction: the event exists exactly when the change does, and the
 * sending happens later, so a slow or failing endpoint never holds up the change. `subject`
 * ('appeal:<id>') orders delivery: a subscriber gets the events of one subject in the order they
 * were queued (their ids), which is the order of the changes, as the caller holds the subject's row lock.
 */
export async function enqueueForClientUser(
  tx: Db,
  userId: number,
  event: WebhookEvent,
  data: Record<string, unknown>,
  subject: string,
): Promise<void> {
  const subs = (await repo.subscriptionsOfUser(tx, userId)).filter((s) => s.events.split(' ').includes(event));
  const payload = JSON.stringify({ event, occurredAt: new Date().toISOString(), data });
  await repo.insertDeliveries(
    tx,
    subs.map((s) => ({ subscriptionId: s.id, event, payload, subject })),
  );
}

/**
 * Called by the appeal workflow after a step (one appeal, or many at once for the automatic
 * closing): the systems hear about the appeals they filed. One query finds those appeals.
 */
export async function enqueueWebhooks(
  tx: Db,
  appealIds: number | number[],
  action: string,
  from: string,
  to: string,
  rated?: boolean,
): Promise<void> {
  const events = appealEvents(action, from, to, rated);
  const ids = Array.isArray(appealIds) ? appealIds : [appealIds];
  if (events.length === 0 || ids.length === 0) return;
  // In slices: a query takes at most 65,535 parameters.
  for (let i = 0; i < ids.length; i += 5_000) {
    for (const appeal of await repo.appealsFiledByClients(tx, ids.slice(i, i + 5_000))) {
      for (const event of events) {
        const data = { appeal: { id: appeal.id, number: appeal.number, externalRef: appeal.external_ref, state: to, action } };
        await enqueueForClientUser(tx, appeal.submitted_by, event, data, `appeal:${appeal.id}`);
      }
    }
  }
}
