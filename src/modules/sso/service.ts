import type { Db } from '../../platform/db/index.ts';
import type { Config, OidcConfig } from '../../platform/config.ts';
import type { Role } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import { normalizePhone } from '../../platform/phone.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Actor } from '../../platform/http/access.ts';
import { openSession } from '../auth/service.ts';
import { enterpriseSsoLogin, usccOf } from '../enterprise-accounts/sso.ts';
import * as repo from './repository.ts';

/** The roles the provider's groups give when a role map is configured, in the groups' order (the first one wins a sync). */
export function mappedRoles(o: OidcConfig, claims: Record<string, unknown>): Role[] {
  if (!o.roleClaim) return [];
  const groups = claims[o.roleClaim];
  const list = Array.isArray(groups) ? groups.map(String) : typeof groups === 'string' ? groups.split(/[\s,]+/) : [];
  return list.map((g) => o.roleMap[g]).filter((r): r is Role => r !== undefined);
}

/**
 * The provider has authenticated someone. With a credit code (legal-person sign-on) the
 * enterprise module decides; otherwise: find the local staff user by the configured claim,
 * check (or, with QIFU_OIDC_ROLE_SYNC=sync, apply) the role the provider's groups give when a
 * role map is configured, and open the same session as a password login, keeping the ID token
 * for logout. Refusals are audited too.
 */
export async function ssoLogin(
  db: Db,
  config: Config,
  o: OidcConfig,
  { claims, idToken }: { claims: Record<string, unknown>; idToken: string | undefined },
  actor: Actor,
  userAgent: string | undefined,
) {
  // A credit code in the claims makes it a legal-person (enterprise) login.
  const uscc = usccOf(o, claims);
  if (uscc) return enterpriseSsoLogin(db, config, o, claims, uscc, actor, userAgent, idToken);
  const raw = claims[o.userClaim];
  const login = typeof raw === 'string' ? (o.userClaim === 'phone_number' ? normalizePhone(raw) : raw.trim()) : '';
  const user = login ? await repo.findStaff(db, login) : undefined;
  const refuse = async (code: 'FORBIDDEN' | 'ACCOUNT_DISABLED', message: string) => {
    // A refusal changes nothing else: its audit row is a transaction of its own.
    await db.transaction().execute((tx) =>
      recordAudit(tx, actor, {
        action: 'auth.oidc_refused',
        entityType: 'user',
        entityId: user?.id ?? null,
        after: { sub: claims.sub, [o.userClaim]: login, reason: message },
      }),
    );
    return new AppError(code, message);
  };
  if (!user) throw await refuse('FORBIDDEN', '统一身份认证的账号没有对应的工作人员账号');
  if (!user.active) throw await refuse('ACCOUNT_DISABLED', '账号已停用，请联系管理员');
  const who = { ...actor, id: user.id, name: user.display_name, role: user.role };
  let role = user.role;
  if (Object.keys(o.roleMap).length > 0) {
    const roles = mappedRoles(o, claims);
    if (roles.length === 0) throw await refuse('FORBIDDEN', '统一身份认证的用户组未授权使用本系统');
    if (o.roleSync === 'check' && !roles.includes(user.role)) {
      // The administrator's role assignment stands: the provider may confirm it, not change it.
      throw await refuse('FORBIDDEN', '统一身份认证的用户组与本系统为该账号设定的角色不一致，请联系管理员');
    }
    const mapped = roles[0]!;
    if (o.roleSync === 'sync' && mapped !== user.role) {
      // QIFU_OIDC_ROLE_SYNC=sync: the provider's groups are the source of truth for the role.
      await db.transaction().execute(async (tx) => {
        await repo.setRole(tx, user.id, mapped);
        await recordAudit(tx, who, {
          action: 'user.role_synced',
          entityType: 'user',
          entityId: user.id,
          before: { role: user.role },
          after: { role: mapped },
        });
      });
      role = mapped;
    }
  }
  return openSession(db, config.sessionHours, { ...who, role }, userAgent, {
    action: 'auth.login_oidc',
    after: { issuer: o.issuer, sub: claims.sub },
    method: 'sso',
    idToken,
  });
}
