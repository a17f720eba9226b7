import type { Insertable, Updateable } from 'kysely';
import type { Db, Tx } from '../../platform/db/index.ts';
import type { MeetingItemsTable, SupervisionOrdersTable } from '../../platform/db/schema-appeals.ts';

/** The office's lists: extension requests, supervision orders and the joint meeting's agenda. */
export function extensions(db: Db, status: string | undefined, departmentId: number | undefined) {
  let q = db
    .selectFrom('extension_requests as x')
    .innerJoin('appeals as a', 'a.id', 'x.appeal_id')
    .innerJoin('departments as d', 'd.id', 'x.department_id')
    .innerJoin('users as u', 'u.id', 'x.requested_by')
    .select([
      'x.id',
      'x.appeal_id',
      'a.number',
      'a.title',
      'x.department_id',
      'd.name as department_name',
      'x.working_days',
      'x.reason',
      'u.display_name as requested_by',
      'x.requested_at',
      'x.status',
      'x.decision_note',
    ]);
  if (status) q = q.where('x.status', '=', status as 'pending');
  if (departmentId) q = q.where('x.department_id', '=', departmentId);
  return q.orderBy('x.id', 'desc').limit(200).execute();
}

export function supervisionOrders(db: Db, status: string | undefined, departmentId: number | undefined) {
  let q = db
    .selectFrom('supervision_orders as s')
    .leftJoin('appeals as a', 'a.id', 's.appeal_id')
    .innerJoin('departments as d', 'd.id', 's.department_id')
    .select([
      's.id',
      's.number',
      's.appeal_id',
      'a.number as appeal_number',
      'a.title as appeal_title',
      's.department_id',
      'd.name as department_name',
      's.content',
      's.deadline_at',
      's.issued_at',
      's.status',
      's.response',
      's.responded_at',
      's.closed_at',
      's.closed_reason',
    ]);
  if (status) q = q.where('s.status', '=', status as 'open');
  if (departmentId) q = q.where('s.department_id', '=', departmentId);
  return q.orderBy('s.id', 'desc').limit(200).execute();
}

export function findOrder(db: Db, id: number) {
  return db.selectFrom('supervision_orders').selectAll().where('id', '=', id).executeTakeFirst();
}

export function meetingItems(db: Db, status: string | undefined) {
  let q = db
    .selectFrom('meeting_items as m')
    .leftJoin('appeals as a', 'a.id', 'm.appeal_id')
    .leftJoin('departments as d', 'd.id', 'm.follow_up_department_id')
    .select([
      'm.id',
      'm.appeal_id',
      'a.number as appeal_number',
      'a.title as appeal_title',
      'm.title',
      'm.summary',
      'm.source',
      'm.added_at',
      'm.meeting_date',
      'm.decision',
      'm.follow_up_department_id',
      'd.name as follow_up_department_name',
      'm.follow_up_due',
      'm.status',
    ]);
  if (status) q = q.where('m.status', '=', status as 'pending');
  return q.orderBy('m.status').orderBy('m.id', 'desc').limit(200).execute();
}

export function findMeetingItem(db: Db, id: number) {
  return db.selectFrom('meeting_items').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The orders of these appeals not yet closed, closed now as settled with them: what they were before. */
export async function settleOrdersOf(tx: Tx, appealIds: readonly number[], at: Date) {
  if (appealIds.length === 0) return [];
  const open = await tx
    .selectFrom('supervision_orders as s')
    .innerJoin('appeals as a', 'a.id', 's.appeal_id')
    .select(['s.id', 's.number', 's.department_id', 's.status', 's.appeal_id', 'a.number as appeal_number'])
    .where('s.appeal_id', 'in', appealIds)
    .where('s.status', '<>', 'closed')
    .forUpdate('s')
    .execute();
  if (open.length > 0)
    await tx
      .updateTable('supervision_orders')
      .set({ status: 'closed', closed_at: at, closed_reason: 'appeal_closed' })
      .where(
        'id',
        'in',
        open.map((o) => o.id),
      )
      .execute();
  return open;
}

export async function updateOrder(tx: Tx, id: number, patch: Updateable<SupervisionOrdersTable>): Promise<void> {
  await tx.updateTable('supervision_orders').set(patch).where('id', '=', id).execute();
}

/** An item on the joint meeting's agenda, added by hand or by an escalation. */
export async function insertMeetingItem(tx: Tx, row: Insertable<MeetingItemsTable>): Promise<number> {
  return (await tx.insertInto('meeting_items').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateMeetingItem(tx: Tx, id: number, patch: Updateable<MeetingItemsTable>): Promise<void> {
  await tx.updateTable('meeting_items').set(patch).where('id', '=', id).execute();
}
