import { sql, type Insertable } from 'kysely';
import type { DB, Db, Tx } from '../../platform/db/index.ts';
import type { Recipient } from './notices.ts';

export function listFor(db: Db, userId: number, unreadOnly: boolean, limit: number) {
  let q = db.selectFrom('notifications').selectAll().where('user_id', '=', userId);
  if (unreadOnly) q = q.where('read_at', 'is', null);
  return q.orderBy('id', 'desc').limit(limit).execute();
}

export async function unreadCount(db: Db, userId: number): Promise<number> {
  const r = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Marks one (or, without an id, every) unread notification of the user as read; never another user's. */
export async function markRead(db: Db, userId: number, id?: number): Promise<void> {
  let q = db.updateTable('notifications').set({ read_at: new Date() }).where('user_id', '=', userId).where('read_at', 'is', null);
  if (id !== undefined) q = q.where('id', '=', id);
  await q.execute();
}

/** The active users a notice goes to in-app (and by SMS / e-mail when the file holds nothing better). */
export async function recipientUsers(tx: Tx, to: Recipient) {
  let q = tx.selectFrom('users').select(['id', 'mobile', 'email']).where('active', '=', true);
  switch (to.kind) {
    case 'enterprise':
      q = q.where('enterprise_id', '=', to.enterpriseId);
      break;
    case 'department':
      q = q.where('department_id', '=', to.departmentId).where('role', '=', 'handler');
      break;
    case 'department_head':
      q = q.where((eb) => eb('id', '=', eb.selectFrom('departments').select('head_user_id').where('id', '=', to.departmentId)));
      break;
    case 'role':
      q = q.where('role', '=', to.role);
      break;
    case 'user':
      q = q.where('id', '=', to.userId);
      break;
  }
  return q.execute();
}

/** Rows per multi-row insert, well below PostgreSQL's bind-parameter limit. */
const CHUNK = 1_000;

export async function insertNotifications(tx: Tx, rows: readonly Insertable<DB['notifications']>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK)
    await tx
      .insertInto('notifications')
      .values(rows.slice(i, i + CHUNK))
      .execute();
}

export async function insertOutbox(tx: Tx, rows: readonly Insertable<DB['outbox']>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK)
    await tx
      .insertInto('outbox')
      .values(rows.slice(i, i + CHUNK))
      .execute();
}

export function preferenceRows(db: Db, enterpriseIds: readonly number[]) {
  return db
    .selectFrom('enterprise_contact_preferences')
    .selectAll()
    .where(sql<boolean>`enterprise_id = any(${[...enterpriseIds]}::int[])`)
    .execute();
}

/** Which of these enterprises have an active portal user (in-app reaches them). */
export async function enterprisesWithUsers(db: Db, enterpriseIds: readonly number[]): Promise<Set<number>> {
  const rows = await db
    .selectFrom('users')
    .select('enterprise_id')
    .distinct()
    .where('active', '=', true)
    .where('role', '=', 'enterprise')
    .where(sql<boolean>`enterprise_id = any(${[...enterpriseIds]}::int[])`)
    .execute();
  return new Set(rows.flatMap((u) => (u.enterprise_id === null ? [] : [u.enterprise_id])));
}
