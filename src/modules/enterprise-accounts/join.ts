/** Joining by invitation: the invited mobile receives a code, sets a password, and is in. */
import type { Db } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors.ts';
import { hashPassword, passwordProblem } from '../../platform/auth/password.ts';
import type { Actor } from '../../platform/http/access.ts';
import { assertMobileFree, createMember } from './accounts.ts';
import { sendCode, spendCode, verifyCode, type CodeSettings, type SentCode } from './codes.ts';
import * as repo from './repository.ts';
import { acceptInvitation } from './repository-members.ts';
import type { EnterpriseRole } from '../../platform/db/schema-accounts.ts';

/** The code of a mobile without an invitation is bound to no invitation: it can only tell the truth. */
const NO_INVITATION = 'none';

function openInvitation(inv: Awaited<ReturnType<typeof repo.pendingInvitation>>) {
  if (!inv || inv.expires_at <= new Date()) {
    throw AppError.validation(
      'mobile',
      inv ? '邀请已过期，请联系企业管理员重新邀请' : '该手机号没有待接受的邀请，请核对手机号或联系企业管理员邀请',
    );
  }
  return inv;
}

/**
 * The same answer for every mobile: whether it was invited, by whom, or already has an account
 * is said only once the code sent to it is right (at join).
 */
export async function sendJoinCode(db: Db, s: CodeSettings, mobile: string, ip: string): Promise<SentCode> {
  const inv = await repo.pendingInvitation(db, mobile);
  return sendCode(db, s, { mobile, purpose: 'join', context: inv ? String(inv.id) : NO_INVITATION, ip });
}

export async function join(
  db: Db,
  input: { mobile: string; code: string; password: string; displayName?: string | null | undefined },
  actor: Actor,
): Promise<{ userId: number; displayName: string; enterpriseRole: EnterpriseRole }> {
  const problem = passwordProblem(input.password);
  if (problem) throw AppError.validation('password', problem);
  const pending = await repo.pendingInvitation(db, input.mobile);
  const right = await verifyCode(db, {
    mobile: input.mobile,
    purpose: 'join',
    context: pending ? String(pending.id) : NO_INVITATION,
    code: input.code,
  });
  const inv = openInvitation(pending);
  await assertMobileFree(db, input.mobile);
  const passwordHash = await hashPassword(input.password);
  const displayName = input.displayName ?? inv.display_name;
  return spendCode(db, right, false, async (tx) => {
    const m = await createMember(
      tx,
      {
        enterpriseId: inv.enterprise_id,
        enterpriseName: inv.enterprise_name,
        mobile: input.mobile,
        displayName,
        passwordHash,
        enterpriseRole: inv.enterprise_role,
        via: 'invitation',
      },
      actor,
    );
    if (!(await acceptInvitation(tx, inv.id, m.id, new Date()))) throw AppError.conflict('邀请已被撤销或已使用');
    return { userId: m.id, displayName, enterpriseRole: m.enterpriseRole };
  });
}
