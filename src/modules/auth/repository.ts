import { sql } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import type { SessionUser } from '../../platform/http/access.ts';

/** How a session was opened: a password, single sign-on, or a code sent to the holder's mobile. */
export type SessionMethod = 'password' | 'sso' | 'code';

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
      // Only a password session is held at the change form: a single sign-on never used the password.
      sql<boolean>`u.must_change_password and s.method = 'password'`.as('mustChangePassword'),
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
  s: { id: string; userId: number; expiresAt: Date; ip: string; userAgent: string | undefined; method: SessionMethod; idToken?: string },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: s.id,
      user_id: s.userId,
      expires_at: s.expiresAt,
      ip: s.ip,
      user_agent: s.userAgent?.slice(0, 300) ?? null,
      method: s.method,
      id_token: s.idToken ?? null,
    })
    .execute();
}

/** Deletes the session; the provider's ID token it held, if any (for RP-initiated logout). */
export async function deleteSession(db: Db, sessionId: string): Promise<string | null> {
  const row = await db.deleteFrom('sessions').where('id', '=', sessionId).returning('id_token').executeTakeFirst();
  return row?.id_token ?? null;
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

/** How one login attempt is counted: the threshold, the lock it sets, and when earlier failures are forgotten. */
export interface AttemptRule {
  maxFailures: number;
  now: Date;
  lockUntil: Date;
  forgetBefore: Date;
}

/** An attempt counted before the password is checked; `lockedUntil` is set when it is the one that reaches the threshold. */
export interface Reserved {
  failures: number;
  lockedUntil: Date | null;
}

/** Whose failures an attempt counts: a real account's row, or the row of a name that matches none. */
export type AttemptTarget = { userId: number } | { loginKey: string };

/**
 * Counts an attempt in one statement, before the slow password check, unless the target is
 * locked (then undefined). The threshold's attempt locks at once, so parallel attempts cannot
 * pass it; a right password lifts the lock again (setLoginSuccess). A lock that has run out, or
 * failures older than `forgetBefore`, start the count afresh.
 */
export function reserveAttempt(db: Db, target: AttemptTarget, r: AttemptRule): Promise<Reserved | undefined> {
  return 'userId' in target ? reserveUserAttempt(db, target.userId, r) : reserveNameAttempt(db, target.loginKey, r);
}

/** A real account's count on its users row; every right-hand side reads the row as it was before the update. */
function reserveUserAttempt(db: Db, userId: number, r: AttemptRule): Promise<Reserved | undefined> {
  const next = sql<number>`case when users.locked_until is not null or users.failed_login_at is null or users.failed_login_at < ${r.forgetBefore}
    then 1 else users.failed_logins + 1 end`;
  return db
    .updateTable('users')
    .set({
      failed_logins: next,
      locked_until: sql<Date | null>`case when ${next} >= ${r.maxFailures} then ${r.lockUntil}::timestamptz end`,
      failed_login_at: r.now,
    })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', r.now)]))
    .returning(['failed_logins as failures', 'locked_until as lockedUntil'])
    .executeTakeFirst();
}

/** A name that matches no account: one upsert on its row in login_attempts. */
function reserveNameAttempt(db: Db, loginKey: string, r: AttemptRule): Promise<Reserved | undefined> {
  const next = sql<number>`case when login_attempts.locked_until is not null or login_attempts.updated_at < ${r.forgetBefore}
    then 1 else login_attempts.failures + 1 end`;
  return db
    .insertInto('login_attempts')
    .values({ login_key: loginKey, failures: 1, locked_until: r.maxFailures <= 1 ? r.lockUntil : null, updated_at: r.now })
    .onConflict((oc) =>
      oc
        .column('login_key')
        .doUpdateSet({
          failures: next,
          locked_until: sql<Date | null>`case when ${next} >= ${r.maxFailures} then ${r.lockUntil}::timestamptz end`,
          updated_at: r.now,
        })
        .where((eb) => eb.or([eb('login_attempts.locked_until', 'is', null), eb('login_attempts.locked_until', '<=', r.now)])),
    )
    .returning(['failures', 'locked_until as lockedUntil'])
    .executeTakeFirst();
}

/** When the lock that refused an attempt ends (null if it was lifted meanwhile). */
export async function lockOf(db: Db, target: AttemptTarget): Promise<Date | null> {
  const row =
    'userId' in target
      ? await db.selectFrom('users').select('locked_until').where('id', '=', target.userId).executeTakeFirst()
      : await db.selectFrom('login_attempts').select('locked_until').where('login_key', '=', target.loginKey).executeTakeFirst();
  return row?.locked_until ?? null;
}

/** A right password: the account's count starts again (and the lock its attempt may have set is lifted). */
export async function clearLoginFailures(db: Db, userId: number): Promise<void> {
  await db.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', userId).execute();
}

/** Rows of names whose failures are forgotten and whose lock has ended. */
export async function deleteStaleLoginAttempts(db: Db, forgetBefore: Date, now: Date): Promise<number> {
  const r = await db
    .deleteFrom('login_attempts')
    .where('updated_at', '<', forgetBefore)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
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
