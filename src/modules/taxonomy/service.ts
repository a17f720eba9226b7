import type { z } from 'zod';
import type { Db } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors.ts';
import { changedFields, recordAudit } from '../../platform/audit.ts';
import type { Actor } from '../../platform/http/access.ts';
import * as repo from './repository.ts';
import type { categoryCreate, categoryPatch, itemCreate, itemPatch } from './schemas.ts';

export async function tree(db: Db, includeInactive: boolean) {
  const [categories, items] = await Promise.all([repo.listCategories(db), repo.listItems(db)]);
  return categories
    .filter((c) => includeInactive || c.active)
    .map((c) => ({
      id: c.id,
      code: c.code,
      name: c.name,
      sortOrder: c.sort_order,
      active: c.active,
      items: items
        .filter((i) => i.category_id === c.id && (includeInactive || i.active))
        .map((i) => ({
          id: i.id,
          code: i.code,
          name: i.name,
          categoryId: i.category_id,
          departmentId: i.department_id,
          departmentName: i.department_name,
          defaultGrade: i.default_grade,
          keywords: i.keywords,
          description: i.description,
          sortOrder: i.sort_order,
          active: i.active,
        })),
    }));
}

export async function createCategory(db: Db, input: z.output<typeof categoryCreate>, actor: Actor): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const id = await repo.insertCategory(trx, { code: input.code, name: input.name, sort_order: input.sortOrder });
    await recordAudit(trx, actor, { action: 'taxonomy.category_create', entityType: 'taxonomy_category', entityId: id, after: input });
    return id;
  });
}

export async function updateCategory(db: Db, id: number, input: z.output<typeof categoryPatch>, actor: Actor): Promise<void> {
  const cat = await repo.findCategory(db, id);
  if (!cat) throw AppError.notFound('诉求分类');
  const patch = { code: input.code, name: input.name, sort_order: input.sortOrder, active: input.active };
  const diff = changedFields(cat, patch);
  if (Object.keys(diff.after).length === 0) return;
  await db.transaction().execute(async (trx) => {
    await repo.updateCategory(trx, id, { ...patch, updated_at: new Date() });
    await recordAudit(trx, actor, { action: 'taxonomy.category_update', entityType: 'taxonomy_category', entityId: id, ...diff });
  });
}

/** Every service item must name an active responsible department: that is what stops buck-passing. */
async function checkDepartment(db: Db, departmentId: number | undefined): Promise<void> {
  if (departmentId !== undefined && !(await repo.departmentIsActive(db, departmentId))) {
    throw AppError.validation('departmentId', '责任部门不存在或已停用');
  }
}

async function checkCategory(db: Db, categoryId: number | undefined): Promise<void> {
  if (categoryId !== undefined && !(await repo.findCategory(db, categoryId))) throw AppError.validation('categoryId', '诉求分类不存在');
}

export async function createItem(db: Db, input: z.output<typeof itemCreate>, actor: Actor): Promise<number> {
  await checkCategory(db, input.categoryId);
  await checkDepartment(db, input.departmentId);
  return db.transaction().execute(async (trx) => {
    const id = await repo.insertItem(trx, {
      category_id: input.categoryId,
      code: input.code,
      name: input.name,
      department_id: input.departmentId,
      default_grade: input.defaultGrade,
      keywords: input.keywords,
      description: input.description,
      sort_order: input.sortOrder,
    });
    await recordAudit(trx, actor, { action: 'taxonomy.item_create', entityType: 'service_item', entityId: id, after: input });
    return id;
  });
}

export async function updateItem(db: Db, id: number, input: z.output<typeof itemPatch>, actor: Actor): Promise<void> {
  const item = await repo.findItem(db, id);
  if (!item) throw AppError.notFound('服务事项');
  await checkCategory(db, input.categoryId);
  await checkDepartment(db, input.departmentId);
  const patch = {
    category_id: input.categoryId,
    code: input.code,
    name: input.name,
    department_id: input.departmentId,
    default_grade: input.defaultGrade,
    keywords: input.keywords,
    description: input.description,
    sort_order: input.sortOrder,
    active: input.active,
  };
  const diff = changedFields(item, patch);
  if (Object.keys(diff.after).length === 0) return;
  await db.transaction().execute(async (trx) => {
    await repo.updateItem(trx, id, { ...patch, updated_at: new Date() });
    await recordAudit(trx, actor, { action: 'taxonomy.item_update', entityType: 'service_item', entityId: id, ...diff });
  });
}
