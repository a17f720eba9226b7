/** 企业成员's writes: invitations sent, revoked and accepted, members changed, the enterprise locked. */
import type { Db, Tx } from '../../platform/db/index.ts';
import type { EnterpriseRole } from '../../platform/db/schema-accounts.ts';

export async function enterpriseName(db: Db, enterpriseId: number): Promise<string> {
  const e = await db.selectFrom('enterprises').select('name').where('id', '=', enterpriseId).executeTakeFirstOrThrow();
  return e.name;
}

/** Locks the enterprise row: two first registrants at once, only one becomes administrator. */
export async function lockEnterprise(tx: Tx, enterpriseId: number): Promise<void> {
  await tx.selectFrom('enterprises').select('id').where('id', '=', enterpriseId).forUpdate().execute();
}

export async function insertInvitation(
  tx: Tx,
  i: { enterpriseId: number; mobile: string; displayName: string; enterpriseRole: EnterpriseRole; invitedBy: number; expiresAt: Date },
): Promise<number> {
  const row = await tx
    .insertInto('enterprise_invitations')
    .values({
      enterprise_id: i.enterpriseId,
      mobile: i.mobile,
      display_name: i.displayName,
      enterprise_role: i.enterpriseRole,
      invited_by: i.invitedBy,
      expires_at: i.expiresAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Revokes a pending invitation (of the enterprise, when given); false when none was pending. */
export async function revokeInvitation(tx: Tx, id: number, now: Date, enterpriseId?: number): Promise<boolean> {
  let q = tx
    .updateTable('enterprise_invitations')
    .set({ status: 'revoked', updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'pending');
  if (enterpriseId !== undefined) q = q.where('enterprise_id', '=', enterpriseId);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The invitation is used by the new member; false when it was revoked or used meanwhile. */
export async function acceptInvitation(tx: Tx, id: number, userId: number, now: Date): Promise<boolean> {
  const r = await tx
    .updateTable('enterprise_invitations')
    .set({ status: 'accepted', user_id: userId, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * The row stays (appeals and the audit log name it); the mobile is given up so it can be used
 * again. removed_mobile: legal-person sign-on must not bring the person back unasked (sso.ts).
 */
export async function removeMember(tx: Tx, id: number, mobile: string | null, now: Date): Promise<void> {
  await tx
    .updateTable('users')
    .set({ active: false, removed_at: now, mobile: null, removed_mobile: mobile, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function updateMember(tx: Tx, id: number, m: { active: boolean; enterpriseRole: EnterpriseRole }, now: Date): Promise<void> {
  await tx
    .updateTable('users')
    .set({ active: m.active, enterprise_role: m.enterpriseRole, updated_at: now })
    .where('id', '=', id)
    .execute();
}
