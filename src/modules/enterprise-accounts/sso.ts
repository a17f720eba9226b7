/**
 * Legal-person single sign-on: the provider vouches for the credit code (the configured claim)
 * and the mobile, which it must mark verified (`<mobile claim>_verified`, e.g.
 * phone_number_verified, is true). The enterprise's user with that mobile logs in; a mobile that
 * belongs to nobody becomes a member (the provider vouches for the enterprise), unless the
 * enterprise removed a member with that mobile; a mobile of another enterprise's user or of
 * staff is refused. Refusals are audited.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../../platform/db/index.ts';
import type { Config, OidcConfig } from '../../platform/config.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../../platform/audit.ts';
import { hashPassword } from '../../platform/auth/password.ts';
import type { Actor } from '../../platform/http/access.ts';
import { openSession } from '../auth/service.ts';
import { validateUscc } from '../enterprises/uscc.ts';
import { createMember } from './accounts.ts';
import * as repo from './repository.ts';
import { normalizePhone } from '../../platform/phone.ts';

/** The credit code the provider asserts, when it asserts one (then this is an enterprise login). */
export function usccOf(o: OidcConfig, claims: Record<string, unknown>): string | undefined {
  if (!o.usccClaim) return undefined;
  const raw = claims[o.usccClaim];
  return typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : undefined;
}

export async function enterpriseSsoLogin(
  db: Db,
  config: Config,
  o: OidcConfig,
  claims: Record<string, unknown>,
  usccClaim: string,
  actor: Actor,
  userAgent: string | undefined,
  idToken?: string,
) {
  const rawMobile = claims[o.mobileClaim];
  const mobile = typeof rawMobile === 'string' ? normalizePhone(rawMobile) : '';
  const v = validateUscc(usccClaim);
  const e = v.valid ? await repo.enterpriseByUscc(db, v.normalized) : undefined;
  const holder = /^1\d{10}$/.test(mobile) ? await repo.userByMobile(db, mobile) : undefined;
  const refuse = async (code: 'FORBIDDEN' | 'ACCOUNT_DISABLED', message: string) => {
    // A refusal changes nothing else: its audit row is a transaction of its own.
    await db.transaction().execute((tx) =>
      recordAudit(tx, actor, {
        action: 'auth.oidc_refused',
        entityType: 'user',
        entityId: holder?.id ?? null,
        after: { sub: claims.sub, uscc: usccClaim, mobile, reason: message },
      }),
    );
    return new AppError(code, message);
  };
  if (!e || e.status !== 'active') throw await refuse('FORBIDDEN', '统一身份认证的企业不在企业库中或已不在册');
  if (!/^1\d{10}$/.test(mobile)) throw await refuse('FORBIDDEN', '统一身份认证未提供手机号');
  // The mobile picks (or makes) the account: only one the provider says it verified will do.
  if (claims[`${o.mobileClaim}_verified`] !== true)
    throw await refuse('FORBIDDEN', '统一身份认证未确认该手机号已验证，不能用于登录企业账号');
  if (holder && (holder.role !== 'enterprise' || holder.enterprise_id !== e.id))
    throw await refuse('FORBIDDEN', '该手机号已是其他企业或工作人员的账号');
  if (holder && !holder.active) throw await refuse('ACCOUNT_DISABLED', '账号已停用，请联系企业管理员');
  let user = holder ? { id: holder.id, name: holder.display_name } : undefined;
  if (!user && (await repo.removedFrom(db, e.id, mobile))) {
    throw await refuse('FORBIDDEN', '该手机号的成员已被企业管理员移出本企业，如需重新加入请联系企业管理员邀请');
  }
  if (!user) {
    const name = typeof claims.name === 'string' && claims.name.trim() !== '' ? claims.name.trim().slice(0, 50) : `用户${mobile.slice(-4)}`;
    // No password of its own: the account signs in through the provider until one is set by reset.
    const passwordHash = await hashPassword(randomBytes(24).toString('base64url'));
    const created = await db
      .transaction()
      .execute((tx) =>
        createMember(
          tx,
          { enterpriseId: e.id, enterpriseName: e.name, mobile, displayName: name, passwordHash, via: 'sso' },
          { ...actor, name, role: 'enterprise' },
        ),
      );
    user = { id: created.id, name };
  }
  return openSession(db, config.sessionHours, { ...actor, id: user.id, name: user.name, role: 'enterprise' }, userAgent, {
    action: 'auth.login_oidc',
    after: { issuer: o.issuer, sub: claims.sub, uscc: e.uscc },
    method: 'sso',
    idToken,
  });
}
