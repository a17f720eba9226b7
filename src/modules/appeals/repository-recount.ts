import type { Updateable } from 'kysely';
import type { Tx } from '../../platform/db/index.ts';
import type { AppealsTable } from '../../platform/db/schema-appeals.ts';

/**
 * Appeals whose clock still runs (or waits for the enterprise), locked: handling not yet
 * answered (no reply, not closed) with a deadline, or unaccepted with an acceptance deadline.
 */
export function openClocks(tx: Tx) {
  return tx
    .selectFrom('appeals')
    .select([
      'id',
      'number',
      'state',
      'grade',
      'submitted_at',
      'accepted_at',
      'deadline_at',
      'accept_deadline_at',
      'requested_urgency',
      'paused_since',
    ])
    .where('closed_at', 'is', null)
    .where('replied_at', 'is', null)
    .where((w) => w.or([w('deadline_at', 'is not', null), w.and([w('state', '=', 'submitted'), w('accept_deadline_at', 'is not', null)])]))
    .orderBy('id')
    .forUpdate()
    .execute();
}

/** The timeline steps that set handling deadlines, per appeal in order. */
export function deadlineEvents(tx: Tx, appealIds: readonly number[]) {
  if (appealIds.length === 0) return Promise.resolve([]);
  return tx
    .selectFrom('appeal_events')
    .select(['appeal_id', 'at', 'action', 'data'])
    .where('appeal_id', 'in', appealIds)
    .where('action', 'in', ['accept', 'reopen', 'arbitrate_return', 'provide_info', 'decide_extension'])
    .orderBy('appeal_id')
    .orderBy('at')
    .orderBy('id')
    .execute();
}

export function openSupervisionOrders(tx: Tx) {
  return tx
    .selectFrom('supervision_orders')
    .select(['id', 'number', 'appeal_id', 'issued_at', 'deadline_at'])
    .where('status', '=', 'open')
    .orderBy('id')
    .forUpdate()
    .execute();
}

export async function updateAppeal(tx: Tx, id: number, patch: Updateable<AppealsTable>): Promise<void> {
  await tx.updateTable('appeals').set(patch).where('id', '=', id).execute();
}

export async function updateOrderDeadline(tx: Tx, id: number, deadline: Date): Promise<void> {
  await tx.updateTable('supervision_orders').set({ deadline_at: deadline }).where('id', '=', id).execute();
}
