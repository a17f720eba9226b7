/** Joining by invitation: the invited mobile receives a code, sets a password, and is in. */
import type { Db } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors.ts';
import { hashPassword, passwordProblem } from '../../platform/auth/password.ts';
import type { Actor } from '../../platform/http/access.ts';
import { maskName } from '../../platform/mask.ts';
import { assertMobileFree, createMember } from './accounts.ts';
import { sendCode, useCode, type CodeSettings, type SentCode } from './codes.ts';
import * as repo from './repository.ts';
import type { EnterpriseRole } from '../../platform/db/schema-accounts.ts';

async function openInvitation(db: Db, mobile: string) {
  const inv = await repo.pendingInvitation(db, mobile);
  if (!inv || inv.expires_at <= new Date()) {
    throw AppError.validation('mobile', inv ? '邀请已过期，请联系企业管理员重新邀请' : '该手机号没有待接受的邀请，请核对手机号或联系企业管理员邀请');
  }
  return inv;
}

export async function sendJoinCode(db: Db, s: CodeSettings, mobile: string, ip: string): Promise<SentCode & { enterpriseName: string; invitedName: string | null }> {
  const inv = await openInvitation(db, mobile);
  await assertMobileFree(db, mobile);
  const sent = await sendCode(db, s, { mobile, purpose: 'join', context: String(inv.id), ip });
  return { ...sent, enterpriseName: inv.enterprise_name, invitedName: maskName(inv.display_name) };
}

export async function join(
  db: Db,
  input: { mobile: string; code: string; password: string; displayName?: string | null | undefined },
  actor: Actor,
): Promise<{ userId: number; displayName: string; enterpriseRole: EnterpriseRole }> {
  const problem = passwordProblem(input.password);
  if (problem) throw AppError.validation('password', problem);
  const inv = await openInvitation(db, input.mobile);
  await assertMobileFree(db, input.mobile);
  const passwordHash = await hashPassword(input.password);
  const displayName = input.displayName ?? inv.display_name;
  return useCode(db, { mobile: input.mobile, purpose: 'join', context: String(inv.id), code: input.code }, async (tx) => {
    const m = await createMember(
      tx,
      { enterpriseId: inv.enterprise_id, enterpriseName: inv.enterprise_name, mobile: input.mobile, displayName, passwordHash, enterpriseRole: inv.enterprise_role, via: 'invitation' },
      actor,
    );
    const accepted = await tx
      .updateTable('enterprise_invitations')
      .set({ status: 'accepted', user_id: m.id, updated_at: new Date() })
      .where('id', '=', inv.id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(accepted.numUpdatedRows) !== 1) throw AppError.conflict('邀请已被撤销或已使用');
    return { userId: m.id, displayName, enterpriseRole: m.enterpriseRole };
  });
}
