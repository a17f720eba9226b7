import type { Db } from '../../platform/db/index.ts';
import type { SessionUser } from '../../platform/http/access.ts';

export function findUserByLogin(db: Db, login: string) {
  return db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb.or([eb('username', '=', login), eb('mobile', '=', login)]))
    .executeTakeFirst();
}

export function findUserById(db: Db, id: number) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findSessionUser(db: Db, sessionId: string, now: Date): Promise<(SessionUser & { lastSeenAt: Date }) | undefined> {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select([
      's.id as sessionId',
      's.last_seen_at as lastSeenAt',
      'u.id',
      'u.username',
      'u.display_name as displayName',
      'u.role',
      'u.department_id as departmentId',
      'u.street_id as streetId',
      'u.enterprise_id as enterpriseId',
    ])
    .where('s.id', '=', sessionId)
    .where('s.expires_at', '>', now)
    .where('u.active', '=', true)
    .executeTakeFirst();
  return row;
}

export async function touchSession(db: Db, sessionId: string, now: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', sessionId).execute();
}

export async function insertSession(
  db: Db,
  s: { id: string; userId: number; expiresAt: Date; ip: string; userAgent: string | undefined },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ id: s.id, user_id: s.userId, expires_at: s.expiresAt, ip: s.ip, user_agent: s.userAgent?.slice(0, 300) ?? null })
    .execute();
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Other sessions of the user end when the password changes; the current one stays. */
export async function deleteOtherSessions(db: Db, userId: number, keepSessionId: string | null): Promise<void> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepSessionId) q = q.where('id', '!=', keepSessionId);
  await q.execute();
}

export async function deleteExpiredSessions(db: Db, now: Date): Promise<number> {
  const r = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** The profile shown to the user themself: names of their department, street and enterprise. */
export function findProfile(db: Db, userId: number) {
  return db
    .selectFrom('users as u')
    .leftJoin('departments as d', 'd.id', 'u.department_id')
    .leftJoin('streets as st', 'st.id', 'u.street_id')
    .leftJoin('enterprises as e', 'e.id', 'u.enterprise_id')
    .select([
      'u.id',
      'u.username',
      'u.display_name',
      'u.role',
      'u.mobile',
      'u.must_change_password',
      'u.enterprise_role',
      'd.id as department_id',
      'd.name as department_name',
      'st.id as street_id',
      'st.name as street_name',
      'e.id as enterprise_id',
      'e.name as enterprise_name',
      'e.uscc as enterprise_uscc',
    ])
    .where('u.id', '=', userId)
    .executeTakeFirst();
}

export async function setLoginFailure(db: Db, userId: number, failedLogins: number, lockedUntil: Date | null): Promise<void> {
  await db.updateTable('users').set({ failed_logins: failedLogins, locked_until: lockedUntil }).where('id', '=', userId).execute();
}

export async function setLoginSuccess(db: Db, userId: number, now: Date): Promise<void> {
  await db.updateTable('users').set({ failed_logins: 0, locked_until: null, last_login_at: now }).where('id', '=', userId).execute();
}

export async function setPasswordHash(db: Db, userId: number, passwordHash: string, now: Date): Promise<void> {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, password_changed_at: now, must_change_password: false, updated_at: now })
    .where('id', '=', userId)
    .execute();
}
