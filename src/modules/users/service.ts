import type { z } from 'zod';

import type { Db, Tx } from '../../platform/db/index.ts';
import type { Role, UserRow, UserUpdate } from '../../platform/db/schema.ts';
import type { EnterpriseRole } from '../../platform/db/schema-accounts.ts';
import { AppError } from '../../platform/errors.ts';
import { changedFields, recordAudit } from '../../platform/audit.ts';
import { hashPassword, passwordProblem } from '../../platform/auth/password.ts';
import type { Actor } from '../../platform/http/access.ts';
import { maskMobile } from '../../platform/mask.ts';
import { validateUscc } from '../enterprises/uscc.ts';
import { enterpriseIdBy } from '../enterprises/service.ts';
import { activeAdminCount, lockedMembers } from '../enterprise-accounts/members.ts';
import { leavesMembersWithoutAdmin, roleForNewcomer, type Member } from '../enterprise-accounts/rules.ts';
import * as repo from './repository.ts';
import type { createBody, listQuery, patchBody } from './schemas.ts';

export async function list(db: Db, f: z.output<typeof listQuery>) {
  const { rows, total } = await repo.listUsers(db, f);
  return {
    total,
    items: rows.map((r) => ({
      id: r.id,
      username: r.username,
      displayName: r.display_name,
      mobile: maskMobile(r.mobile),
      role: r.role,
      department: r.department_id !== null && r.department_name !== null ? { id: r.department_id, name: r.department_name } : null,
      street: r.street_id !== null && r.street_name !== null ? { id: r.street_id, name: r.street_name } : null,
      enterprise:
        r.enterprise_id !== null && r.enterprise_name !== null && r.enterprise_uscc !== null
          ? { id: r.enterprise_id, name: r.enterprise_name, uscc: r.enterprise_uscc }
          : null,
      enterpriseRole: r.role === 'enterprise' ? (r.enterprise_role ?? 'agent') : null,
      active: r.active,
      lockedUntil: r.locked_until && r.locked_until > new Date() ? r.locked_until.toISOString() : null,
      lastLoginAt: r.last_login_at?.toISOString() ?? null,
    })),
  };
}

/** An enterprise user belongs to exactly one enterprise; staff to none. */
async function enterpriseFor(db: Db, role: Role, uscc: string | null | undefined): Promise<number | null> {
  if (role !== 'enterprise') {
    if (uscc) throw AppError.validation('enterpriseUscc', '只有企业用户可以关联企业');
    return null;
  }
  if (!uscc) throw AppError.validation('enterpriseUscc', '企业用户须填写所属企业的统一社会信用代码');
  const v = validateUscc(uscc);
  if (!v.valid) throw AppError.validation('enterpriseUscc', v.reason);
  const id = await enterpriseIdBy(db, { uscc: v.normalized });
  if (!id) throw AppError.validation('enterpriseUscc', `企业库中没有信用代码为 ${v.normalized} 的企业`);
  return id;
}

function checkPassword(field: string, password: string): void {
  const problem = passwordProblem(password);
  if (problem) throw AppError.validation(field, problem);
}

export async function create(db: Db, input: z.output<typeof createBody>, actor: Actor): Promise<number> {
  checkPassword('password', input.password);
  const enterpriseId = await enterpriseFor(db, input.role, input.enterpriseUscc);
  const hash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const id = await repo.insertUser(trx, {
      username: input.username,
      display_name: input.displayName,
      mobile: input.mobile ?? null,
      role: input.role,
      password_hash: hash,
      department_id: input.role === 'enterprise' ? null : (input.departmentId ?? null),
      street_id: input.role === 'enterprise' ? null : (input.streetId ?? null),
      enterprise_id: enterpriseId,
      // The enterprise's first user administers it, unless the administrator says otherwise.
      enterprise_role: enterpriseId === null ? null : (input.enterpriseRole ?? roleForNewcomer(await activeAdminCount(trx, enterpriseId))),
      must_change_password: true,
    });
    const { password: _omit, ...shown } = input;
    await recordAudit(trx, actor, { action: 'user.create', entityType: 'user', entityId: id, after: shown });
    return id;
  });
}

async function load(db: Db, id: number): Promise<UserRow> {
  const u = await repo.findUser(db, id);
  if (!u) throw AppError.notFound('用户');
  return u;
}

export async function update(db: Db, id: number, input: z.output<typeof patchBody>, actor: Actor): Promise<void> {
  const user = await load(db, id);
  const role = input.role ?? user.role;
  if (id === actor.id && (input.active === false || (input.role && input.role !== 'admin'))) {
    throw AppError.validation(input.active === false ? 'active' : 'role', '不能停用自己或撤销自己的管理员角色');
  }
  const patch: UserUpdate = {
    display_name: input.displayName,
    mobile: input.mobile,
    role: input.role,
    department_id: input.departmentId,
    street_id: input.streetId,
    active: input.active,
  };
  if (input.enterpriseUscc !== undefined || input.role !== undefined) {
    patch.enterprise_id = await enterpriseFor(
      db,
      role,
      input.enterpriseUscc === undefined && role === 'enterprise' ? null : input.enterpriseUscc,
    );
  }
  if (role === 'enterprise') Object.assign(patch, { department_id: null, street_id: null });
  else patch.enterprise_role = null;
  await db.transaction().execute(async (trx) => {
    if (role === 'enterprise' || user.role === 'enterprise') await settleEnterpriseRole(trx, user, patch, input.enterpriseRole);
    const diff = changedFields(user, patch);
    if (Object.keys(diff.after).length === 0) return;
    await repo.updateUser(trx, id, { ...patch, updated_at: new Date() });
    // A disabled account or a changed role must not keep acting through old sessions.
    if (input.active === false || (input.role && input.role !== user.role)) await repo.deleteSessionsOf(trx, id);
    await recordAudit(trx, actor, { action: 'user.update', entityType: 'user', entityId: id, ...diff });
  });
}

/**
 * An enterprise user's role after the change, and the one-administrator rule for the enterprise
 * they leave and the one they join (both locked, in id order, while counted). Moved to another
 * enterprise, they become its administrator if it has none, else 经办人 (unless one is chosen).
 */
async function settleEnterpriseRole(trx: Tx, user: UserRow, patch: UserUpdate, chosen: EnterpriseRole | null | undefined): Promise<void> {
  const from = user.role === 'enterprise' && user.removed_at === null ? user.enterprise_id : null;
  const to =
    (patch.role ?? user.role) === 'enterprise' ? (patch.enterprise_id === undefined ? user.enterprise_id : patch.enterprise_id) : null;
  const ids = [...new Set([from, to].filter((e): e is number => e !== null))].sort((a, b) => a - b);
  await repo.lockEnterprises(trx, ids);
  if (to !== null) {
    const moved = to !== from;
    patch.enterprise_role = chosen ?? (moved ? roleForNewcomer(await activeAdminCount(trx, to)) : (user.enterprise_role ?? 'agent'));
  }
  const after = (e: number): Member | null =>
    e === to ? { id: user.id, enterpriseRole: patch.enterprise_role ?? 'agent', active: patch.active ?? user.active } : null;
  for (const e of ids) {
    const before = await lockedMembers(trx, e);
    if (leavesMembersWithoutAdmin(before, user.id, after(e))) {
      throw AppError.conflict('该变更会使企业的在用成员中没有企业管理员，请先为该企业指定其他企业管理员', {
        fields: [{ field: 'enterpriseRole', message: '企业须保留一名在用的企业管理员' }],
      });
    }
  }
}

export async function resetPassword(db: Db, id: number, password: string, actor: Actor): Promise<void> {
  await load(db, id);
  checkPassword('password', password);
  const hash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    await repo.updateUser(trx, id, {
      password_hash: hash,
      must_change_password: true,
      failed_logins: 0,
      locked_until: null,
      updated_at: new Date(),
    });
    await repo.deleteSessionsOf(trx, id);
    await recordAudit(trx, actor, { action: 'user.reset_password', entityType: 'user', entityId: id });
  });
}

export async function unlock(db: Db, id: number, actor: Actor): Promise<void> {
  const user = await load(db, id);
  await db.transaction().execute(async (trx) => {
    await repo.updateUser(trx, id, { failed_logins: 0, locked_until: null });
    await recordAudit(trx, actor, { action: 'user.unlock', entityType: 'user', entityId: id, before: { lockedUntil: user.locked_until } });
  });
}
