/**
 * 企业成员: the enterprise's administrator lists, invites, suspends, reactivates and removes its
 * members and changes their role. Every change is audited, and none may leave the enterprise
 * without an active administrator (the members are locked while it is checked).
 */
import type { Db, Tx } from '../../platform/db/index.ts';
import type { EnterpriseRole } from '../../platform/db/schema-accounts.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Actor, SessionUser } from '../../platform/http/access.ts';
import { maskMobile } from '../../platform/mask.ts';
import { queueMessages, requestDispatch } from '../notifications/queue.ts';
import * as repo from './repository.ts';
import * as membersRepo from './repository-members.ts';
import { ENTERPRISE_ROLE_NAMES, INVITATION_REFUSALS, invitationRefusal, keepsAnAdmin, type Member } from './rules.ts';

/** The enterprise the caller administers; 经办人 and suspended members may not manage. */
export async function administeredEnterprise(
  db: Db,
  user: SessionUser,
  refusal = '只有企业管理员可以管理企业成员',
): Promise<{ enterpriseId: number; enterpriseName: string }> {
  const me = await repo.userById(db, user.id);
  if (!me || me.role !== 'enterprise' || me.enterprise_id === null || me.enterprise_role !== 'admin' || !me.active) {
    throw AppError.forbidden(refusal);
  }
  return { enterpriseId: me.enterprise_id, enterpriseName: await membersRepo.enterpriseName(db, me.enterprise_id) };
}

export async function list(db: Db, user: SessionUser) {
  const { enterpriseId } = await administeredEnterprise(db, user);
  const [rows, invites] = await Promise.all([repo.members(db, enterpriseId), repo.invitations(db, enterpriseId, new Date())]);
  return {
    members: rows.map((r) => ({
      id: r.id,
      displayName: r.display_name,
      mobile: maskMobile(r.mobile),
      enterpriseRole: r.enterprise_role ?? 'agent',
      active: r.active,
      self: r.id === user.id,
      lastLoginAt: r.last_login_at?.toISOString() ?? null,
      createdAt: r.created_at.toISOString(),
    })),
    invitations: invites.map((i) => ({
      id: i.id,
      displayName: i.display_name,
      mobile: maskMobile(i.mobile),
      enterpriseRole: i.enterprise_role,
      expiresAt: i.expires_at.toISOString(),
    })),
  };
}

export async function invite(
  db: Db,
  user: SessionUser,
  input: { mobile: string; displayName: string; enterpriseRole: EnterpriseRole },
  actor: Actor,
  settings: { invitationDays: number; joinUrl: string },
): Promise<{ id: number; expiresAt: string }> {
  const { enterpriseId, enterpriseName } = await administeredEnterprise(db, user);
  const holder = await repo.userByMobile(db, input.mobile);
  if (holder) {
    const msg =
      holder.enterprise_id === enterpriseId ? '该手机号已是本企业的成员' : '该手机号已是其他企业或工作人员的账号，不能邀请加入本企业';
    throw new AppError('CONFLICT', msg, { fields: [{ field: 'mobile', message: msg }] });
  }
  const now = new Date();
  const expiresAt = new Date(now.getTime() + settings.invitationDays * 86_400_000);
  const id = await db.transaction().execute(async (tx) => {
    // Counted and replaced under locks, so invitations sent at once cannot all slip under the
    // limits nor trip over each other's open invitation.
    await repo.lockKey(tx, `invite-enterprise:${enterpriseId}`);
    await repo.lockKey(tx, `invite-mobile:${input.mobile}`);
    const open = await repo.pendingInvitation(tx, input.mobile);
    if (open && open.enterprise_id !== enterpriseId && open.expires_at > now) {
      throw new AppError('CONFLICT', '该手机号已有其他企业的待接受邀请', { fields: [{ field: 'mobile', message: '已有其他企业的邀请' }] });
    }
    const refusal = invitationRefusal(await repo.invitationStats(tx, enterpriseId, input.mobile, now));
    if (refusal) throw new AppError('RATE_LIMITED', INVITATION_REFUSALS[refusal]);
    // An earlier invitation of this mobile (ours, or another enterprise's that expired) gives way.
    if (open) await membersRepo.revokeInvitation(tx, open.id, now);
    const invitationId = await membersRepo.insertInvitation(tx, {
      enterpriseId,
      mobile: input.mobile,
      displayName: input.displayName,
      enterpriseRole: input.enterpriseRole,
      invitedBy: user.id,
      expiresAt,
    });
    await recordAudit(tx, actor, {
      action: 'enterprise_member.invite',
      entityType: 'enterprise',
      entityId: enterpriseId,
      after: { invitationId, ...input },
    });
    await queueMessages(tx, [
      {
        channel: 'sms',
        recipient: input.mobile,
        kind: 'invitation',
        body: `【企服通】${input.displayName}您好，${user.displayName}邀请您以${ENTERPRISE_ROLE_NAMES[input.enterpriseRole]}身份加入${enterpriseName}的企服通账号。请在${settings.invitationDays}天内打开 ${settings.joinUrl} 用本手机号完成注册。`,
        params: { enterprise: enterpriseName, inviter: user.displayName, days: String(settings.invitationDays) },
      },
    ]);
    return invitationId;
  });
  requestDispatch();
  return { id, expiresAt: expiresAt.toISOString() };
}

export async function revokeInvitation(db: Db, user: SessionUser, id: number, actor: Actor): Promise<void> {
  const { enterpriseId } = await administeredEnterprise(db, user);
  await db.transaction().execute(async (tx) => {
    if (!(await membersRepo.revokeInvitation(tx, id, new Date(), enterpriseId))) throw AppError.notFound('待接受的邀请');
    await recordAudit(tx, actor, {
      action: 'enterprise_member.revoke_invitation',
      entityType: 'enterprise',
      entityId: enterpriseId,
      after: { invitationId: id },
    });
  });
}

export type MemberChange =
  { kind: 'suspend' } | { kind: 'reactivate' } | { kind: 'remove' } | { kind: 'role'; enterpriseRole: EnterpriseRole };

export async function change(db: Db, user: SessionUser, memberId: number, c: MemberChange, actor: Actor): Promise<void> {
  const { enterpriseId } = await administeredEnterprise(db, user);
  await db.transaction().execute(async (tx) => {
    const rows = await repo.members(tx, enterpriseId, true);
    const target = rows.find((r) => r.id === memberId);
    if (!target) throw AppError.notFound('企业成员');
    const current: Member[] = rows.map((r) => ({ id: r.id, enterpriseRole: r.enterprise_role ?? 'agent', active: r.active }));
    const before = { id: target.id, enterpriseRole: target.enterprise_role ?? 'agent', active: target.active };
    const after =
      c.kind === 'remove'
        ? null
        : { ...before, ...(c.kind === 'role' ? { enterpriseRole: c.enterpriseRole } : { active: c.kind === 'reactivate' }) };
    if (!keepsAnAdmin(current, memberId, after)) throw AppError.conflict('企业至少需要保留一名在用的企业管理员，请先指定其他管理员');
    const now = new Date();
    if (c.kind === 'remove') await membersRepo.removeMember(tx, memberId, target.mobile, now);
    else await membersRepo.updateMember(tx, memberId, after!, now);
    if (c.kind === 'remove' || c.kind === 'suspend') await repo.deleteSessionsOf(tx, memberId);
    await recordAudit(tx, actor, {
      action: `enterprise_member.${c.kind}`,
      entityType: 'user',
      entityId: memberId,
      before: { ...before, mobile: target.mobile },
      after: after ?? { removed: true },
    });
  });
}

/** How many active administrators an enterprise has (the user administration's newcomer rule). */
export async function activeAdminCount(db: Db, enterpriseId: number): Promise<number> {
  return (await repo.activeAdminIds(db, enterpriseId)).length;
}

/** An enterprise's members, locked for the rest of the transaction while a change is checked. */
export async function lockedMembers(tx: Tx, enterpriseId: number): Promise<Member[]> {
  const rows = await repo.members(tx, enterpriseId, true);
  return rows.map((r) => ({ id: r.id, enterpriseRole: r.enterprise_role ?? 'agent', active: r.active }));
}
