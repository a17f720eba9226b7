import type { z } from 'zod';
import type { Db } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors.ts';
import { changedFields, recordAudit } from '../../platform/audit.ts';
import type { Actor } from '../../platform/http/access.ts';
import * as repo from './repository.ts';
import type { departmentCreate, departmentPatch, streetCreate, streetPatch } from './schemas.ts';

export async function streets(db: Db) {
  return repo.listStreets(db);
}

export async function createStreet(db: Db, input: z.output<typeof streetCreate>, actor: Actor): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const id = await repo.insertStreet(trx, input);
    await recordAudit(trx, actor, { action: 'street.create', entityType: 'street', entityId: id, after: input });
    return id;
  });
}

export async function updateStreet(db: Db, id: number, input: z.output<typeof streetPatch>, actor: Actor): Promise<void> {
  const street = await repo.findStreet(db, id);
  if (!street) throw AppError.notFound('街道');
  const diff = changedFields(street, input);
  if (Object.keys(diff.after).length === 0) return;
  await db.transaction().execute(async (trx) => {
    await repo.updateStreet(trx, id, { ...input, updated_at: new Date() });
    await recordAudit(trx, actor, { action: 'street.update', entityType: 'street', entityId: id, ...diff });
  });
}

export async function departments(db: Db) {
  const rows = await repo.listDepartments(db);
  return rows.map((d) => ({
    id: d.id,
    code: d.code,
    name: d.name,
    kind: d.kind,
    phone: d.phone,
    headUserId: d.head_user_id,
    headUserName: d.head_user_name,
    active: d.active,
  }));
}

export async function createDepartment(db: Db, input: z.output<typeof departmentCreate>, actor: Actor): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const id = await repo.insertDepartment(trx, { ...input, phone: input.phone ?? null });
    await recordAudit(trx, actor, { action: 'department.create', entityType: 'department', entityId: id, after: input });
    return id;
  });
}

export async function updateDepartment(db: Db, id: number, input: z.output<typeof departmentPatch>, actor: Actor): Promise<void> {
  const dept = await repo.findDepartment(db, id);
  if (!dept) throw AppError.notFound('部门');
  if (input.headUserId) {
    const head = await repo.findUserDepartment(db, input.headUserId);
    if (!head || head.department_id !== id) throw AppError.validation('headUserId', '部门负责人须是本部门的用户');
  }
  const patch = {
    code: input.code,
    name: input.name,
    kind: input.kind,
    phone: input.phone,
    head_user_id: input.headUserId,
    active: input.active,
  };
  const diff = changedFields(dept, patch);
  if (Object.keys(diff.after).length === 0) return;
  await db.transaction().execute(async (trx) => {
    await repo.updateDepartment(trx, id, { ...patch, updated_at: new Date() });
    await recordAudit(trx, actor, { action: 'department.update', entityType: 'department', entityId: id, ...diff });
  });
}
