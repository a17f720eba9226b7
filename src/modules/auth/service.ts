import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors.ts';
import { DEMO_PASSWORD, hashPassword, passwordProblem, verifyPassword } from '../../platform/auth/password.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { AuditAction } from '../../platform/audit-names.ts';
import type { Actor, SessionUser } from '../../platform/http/access.ts';
import { maskMobile } from '../../platform/mask.ts';
import * as repo from './repository.ts';
import type { SessionMethod } from './repository.ts';

export interface AuthSettings {
  sessionHours: number;
  maxFailures: number;
  lockMinutes: number;
  /** Production: the demo accounts' published password opens no account (see login). */
  refuseDemoPassword: boolean;
  /**
   * Single sign-on is on and QIFU_OIDC_PASSWORD_LOGIN=admin: staff other than administrators log in
   * through the provider only, so that a user the provider (or its role map) refuses cannot come in
   * by a local password. Enterprise users are not the provider's staff and keep their passwords.
   */
  staffPasswordForAdminsOnly: boolean;
}

/** Verifying against this keeps a wrong username as slow as a wrong password. */
let dummyHash: Promise<string> | undefined;

/** Failures are forgotten a day after the last one; a name's row in login_attempts may then be purged. */
export const FORGET_FAILURES_MS = 24 * 3_600_000;

export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * A login name that matches no account, as login_attempts (and the audit log) key it: exactly the
 * string the account lookup compared (trimmed, case and width kept), since a key that folded
 * spellings the lookup keeps apart would lock "ALICE" with "alice" only when alice does not exist —
 * telling which names do. No plain text: it may be a password typed into the wrong field.
 */
export function loginKeyOf(login: string): string {
  return createHash('sha256').update(login.trim()).digest('hex');
}

/**
 * Each attempt is counted in the database before the password is checked (one atomic statement),
 * so parallel attempts cannot slip past the threshold. A name that matches no account is counted
 * and locked the same way, with the same answers and the same password check, so that neither
 * the answers nor their timing tell whether an account exists.
 */
export async function login(
  db: Db,
  settings: AuthSettings,
  input: { login: string; password: string },
  actor: Actor,
  userAgent: string | undefined,
): Promise<{ token: string; userId: number; expiresAt: Date }> {
  const now = new Date();
  const name = input.login.trim();
  const user = await repo.findUserByLogin(db, name);
  const target: repo.AttemptTarget = user ? { userId: user.id } : { loginKey: loginKeyOf(name) };
  const rule = {
    maxFailures: settings.maxFailures,
    now,
    lockUntil: new Date(now.getTime() + settings.lockMinutes * 60_000),
    forgetBefore: new Date(now.getTime() - FORGET_FAILURES_MS),
  };
  const attempt = await repo.reserveAttempt(db, target, rule);
  if (!attempt) {
    const until = (await repo.lockOf(db, target)) ?? rule.lockUntil;
    throw new AppError('ACCOUNT_LOCKED', `登录失败次数过多，账号已临时锁定，请于 ${formatTime(until)} 后再试`, {
      lockedUntil: until.toISOString(),
    });
  }
  const right = await verifyPassword(user?.password_hash ?? (await (dummyHash ??= hashPassword('not-a-real-password-0'))), input.password);
  if (!user || !right) {
    // Audited for an unknown name too (by its key, not its text): attempts on names that do not
    // exist are worth seeing, and the same write keeps both answers equally slow.
    await db.transaction().execute((trx) =>
      recordAudit(trx, user ? { ...actor, id: user.id, name: user.display_name, role: user.role } : actor, {
        action: attempt.lockedUntil ? 'auth.locked' : 'auth.login_failed',
        entityType: user ? 'user' : 'login_name',
        entityId: 'userId' in target ? target.userId : target.loginKey,
        after: { failures: attempt.failures },
      }),
    );
    if (attempt.lockedUntil) {
      throw new AppError('ACCOUNT_LOCKED', `连续 ${settings.maxFailures} 次密码错误，账号已锁定 ${settings.lockMinutes} 分钟`, {
        lockedUntil: attempt.lockedUntil.toISOString(),
      });
    }
    throw new AppError('INVALID_CREDENTIALS', '用户名或密码错误');
  }
  const who = { ...actor, id: user.id, name: user.display_name, role: user.role };
  // No real account can be given the demo password (passwordProblem), so in production it only
  // ever opens an account a demo district left behind: refused once it has proven to open it (a
  // refusal before the check would tell anyone trying the published password which accounts exist).
  if (settings.refuseDemoPassword && input.password === DEMO_PASSWORD) {
    await db.transaction().execute(async (trx) => {
      await repo.clearLoginFailures(trx, user.id);
      await recordAudit(trx, who, { action: 'auth.demo_password_refused', entityType: 'user', entityId: user.id });
    });
    throw new AppError(
      'DEMO_PASSWORD_REFUSED',
      '生产环境不接受演示账号的公开密码：请管理员为该账号重设密码，或用 npm run create-admin 创建管理员',
    );
  }
  if (!user.active) {
    await repo.clearLoginFailures(db, user.id);
    throw new AppError('ACCOUNT_DISABLED', '账号已停用，请联系管理员');
  }
  // Told only after the right password (a refusal before the check would tell who has an account).
  if (settings.staffPasswordForAdminsOnly && user.role !== 'admin' && user.role !== 'enterprise') {
    await db.transaction().execute(async (trx) => {
      await repo.clearLoginFailures(trx, user.id);
      await recordAudit(trx, who, { action: 'auth.password_login_refused', entityType: 'user', entityId: user.id });
    });
    throw new AppError('SSO_REQUIRED', '本系统已启用统一身份认证，工作人员请使用“统一身份认证登录”');
  }
  return openSession(db, settings.sessionHours, who, userAgent, { action: 'auth.login' });
}

/**
 * Opens a session for a user who has proven who they are (by password or single sign-on):
 * the session row, the login counters and the audit row in one transaction.
 */
export async function openSession(
  db: Db,
  sessionHours: number,
  who: Actor & { id: number },
  userAgent: string | undefined,
  audit: { action: AuditAction; after?: unknown; method?: SessionMethod; idToken?: string },
): Promise<{ token: string; userId: number; expiresAt: Date }> {
  const now = new Date();
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + sessionHours * 3_600_000);
  await db.transaction().execute(async (trx) => {
    await repo.setLoginSuccess(trx, who.id, now);
    await repo.insertSession(trx, {
      id: sessionIdOf(token),
      userId: who.id,
      expiresAt,
      ip: who.ip,
      userAgent,
      method: audit.method ?? 'password',
      idToken: audit.idToken,
    });
    await recordAudit(trx, who, { action: audit.action, entityType: 'user', entityId: who.id, after: audit.after });
  });
  return { token, userId: who.id, expiresAt };
}

/** Ends the session; answers the provider's ID token when single sign-on opened it (the caller ends the provider's session too). */
export async function logout(db: Db, user: SessionUser, actor: Actor): Promise<string | null> {
  return db.transaction().execute(async (trx) => {
    const idToken = await repo.deleteSession(trx, user.sessionId);
    await recordAudit(trx, actor, { action: 'auth.logout', entityType: 'user', entityId: user.id });
    return idToken;
  });
}

/** Session lookup for every authenticated request; last-seen is written at most once a minute. */
export function sessionResolver(db: Db) {
  return async (token: string): Promise<SessionUser | null> => {
    const now = new Date();
    const found = await repo.findSessionUser(db, sessionIdOf(token), now);
    if (!found) return null;
    const { lastSeenAt, ...user } = found;
    if (now.getTime() - lastSeenAt.getTime() > 60_000) await repo.touchSession(db, user.sessionId, now);
    return user;
  };
}

export async function changePassword(
  db: Db,
  user: SessionUser,
  input: { currentPassword: string; newPassword: string },
  actor: Actor,
): Promise<void> {
  const row = await repo.findUserById(db, user.id);
  if (!row) throw AppError.notFound('用户');
  if (!(await verifyPassword(row.password_hash, input.currentPassword))) {
    throw new AppError('VALIDATION_FAILED', '当前密码不正确', { fields: [{ field: 'currentPassword', message: '当前密码不正确' }] });
  }
  const problem = passwordProblem(input.newPassword);
  if (problem) throw new AppError('VALIDATION_FAILED', problem, { fields: [{ field: 'newPassword', message: problem }] });
  if (input.newPassword === input.currentPassword) {
    throw new AppError('VALIDATION_FAILED', '新密码不能与当前密码相同', {
      fields: [{ field: 'newPassword', message: '新密码不能与当前密码相同' }],
    });
  }
  const hash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    await repo.setPasswordHash(trx, user.id, hash, new Date());
    await repo.deleteOtherSessions(trx, user.id, user.sessionId);
    await recordAudit(trx, actor, { action: 'auth.password_changed', entityType: 'user', entityId: user.id });
  });
}

export async function me(db: Db, userId: number) {
  const p = await repo.findProfile(db, userId);
  if (!p) throw AppError.notFound('用户');
  return {
    id: p.id,
    username: p.username,
    displayName: p.display_name,
    role: p.role,
    mobile: maskMobile(p.mobile),
    department: p.department_id !== null && p.department_name !== null ? { id: p.department_id, name: p.department_name } : null,
    street: p.street_id !== null && p.street_name !== null ? { id: p.street_id, name: p.street_name } : null,
    enterprise:
      p.enterprise_id !== null && p.enterprise_name !== null && p.enterprise_uscc !== null
        ? { id: p.enterprise_id, name: p.enterprise_name, uscc: p.enterprise_uscc }
        : null,
    enterpriseRole: p.role === 'enterprise' ? (p.enterprise_role ?? 'agent') : null,
    mustChangePassword: p.must_change_password,
  };
}

function formatTime(d: Date): string {
  return d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
}

/**
 * Deletes the sessions that have expired. The resolver already refuses them; the purge keeps the
 * table from growing with every login, and takes the dead tokens' traces with it.
 */
export function purgeExpiredSessions(db: Db, now = new Date()): Promise<number> {
  return repo.deleteExpiredSessions(db, now);
}

/** Deletes the rows of names whose failures are forgotten and whose lock has ended: they count as if absent. */
export function purgeLoginAttempts(db: Db, now = new Date()): Promise<number> {
  return repo.deleteStaleLoginAttempts(db, new Date(now.getTime() - FORGET_FAILURES_MS), now);
}
