/** Creating an enterprise member, the one way every path (code, letter, invitation, sign-on) ends. */
import { randomBytes } from 'node:crypto';

import type { Db, Tx } from '../../platform/db/index.ts';
import type { EnterpriseRole } from '../../platform/db/schema-accounts.ts';
import { recordAudit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/access.ts';
import { enqueueNotices } from '../notifications/notices.ts';
import * as repo from './repository.ts';
import { lockEnterprise } from './repository-members.ts';
import { ENTERPRISE_ROLE_NAMES, roleForNewcomer } from './rules.ts';

export interface NewMember {
  enterpriseId: number;
  enterpriseName: string;
  mobile: string;
  displayName: string;
  passwordHash: string;
  /** Fixed by an invitation; otherwise the first becomes administrator. */
  enterpriseRole?: EnterpriseRole;
  /** How the account came about, for the audit row: code, letter, invitation, sso. */
  via: string;
}

/** The message for a mobile that already has an account, whoever holds it. */
export async function assertMobileFree(db: Db, mobile: string): Promise<void> {
  if (await repo.userByMobile(db, mobile))
    throw new AppError('CONFLICT', '该手机号已注册企服通账号，请直接用手机号登录', {
      fields: [{ field: 'mobile', message: '该手机号已注册' }],
    });
}

async function username(tx: Tx, mobile: string): Promise<string> {
  const plain = `qy${mobile}`;
  return (await repo.usernameFree(tx, plain)) ? plain : `${plain}_${randomBytes(3).toString('hex')}`;
}

/**
 * Inserts the member and its audit row; a 经办人 is announced to the enterprise's
 * administrators in-app. Runs inside the caller's transaction.
 */
export async function createMember(tx: Tx, m: NewMember, actor: Actor): Promise<{ id: number; enterpriseRole: EnterpriseRole }> {
  await assertMobileFree(tx, m.mobile);
  // Two first registrants at once: the enterprise row is locked, so only one becomes administrator.
  await lockEnterprise(tx, m.enterpriseId);
  const admins = await repo.activeAdminIds(tx, m.enterpriseId);
  const enterpriseRole = m.enterpriseRole ?? roleForNewcomer(admins.length);
  const id = await repo.insertEnterpriseUser(tx, {
    username: await username(tx, m.mobile),
    displayName: m.displayName,
    mobile: m.mobile,
    passwordHash: m.passwordHash,
    enterpriseId: m.enterpriseId,
    enterpriseRole,
  });
  await recordAudit(tx, actor.id === null ? { ...actor, id, name: m.displayName, role: 'enterprise' } : actor, {
    action: 'enterprise_account.create',
    entityType: 'user',
    entityId: id,
    after: { enterpriseId: m.enterpriseId, mobile: m.mobile, displayName: m.displayName, enterpriseRole, via: m.via },
  });
  const notify = admins.filter((a) => a !== id);
  if (notify.length > 0) {
    await enqueueNotices(
      tx,
      notify.map((userId) => ({
        to: { kind: 'user', userId } as const,
        title: `新成员加入：${m.displayName}（${ENTERPRISE_ROLE_NAMES[enterpriseRole]}）`,
        body: `${m.displayName} 已加入${m.enterpriseName}的企服通账号，可在“企业成员”中管理。`,
        link: '/portal/members',
      })),
    );
  }
  return { id, enterpriseRole };
}
