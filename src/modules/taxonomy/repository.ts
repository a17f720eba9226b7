import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import type { ServiceItemsTable, TaxonomyCategoriesTable } from '../../platform/db/schema.ts';

export function listCategories(db: Db) {
  return db.selectFrom('taxonomy_categories').selectAll().orderBy('sort_order').orderBy('id').execute();
}

export function listItems(db: Db) {
  return db
    .selectFrom('service_items as i')
    .innerJoin('departments as d', 'd.id', 'i.department_id')
    .select([
      'i.id',
      'i.code',
      'i.name',
      'i.category_id',
      'i.department_id',
      'd.name as department_name',
      'i.default_grade',
      'i.keywords',
      'i.description',
      'i.sort_order',
      'i.active',
    ])
    .orderBy('i.sort_order')
    .orderBy('i.id')
    .execute();
}

export function findCategory(db: Db, id: number) {
  return db.selectFrom('taxonomy_categories').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertCategory(db: Db, row: Insertable<TaxonomyCategoriesTable>): Promise<number> {
  return (await db.insertInto('taxonomy_categories').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateCategory(db: Db, id: number, patch: Updateable<TaxonomyCategoriesTable>): Promise<void> {
  await db.updateTable('taxonomy_categories').set(patch).where('id', '=', id).execute();
}

export function findItem(db: Db, id: number) {
  return db.selectFrom('service_items').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertItem(db: Db, row: Insertable<ServiceItemsTable>): Promise<number> {
  return (await db.insertInto('service_items').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateItem(db: Db, id: number, patch: Updateable<ServiceItemsTable>): Promise<void> {
  await db.updateTable('service_items').set(patch).where('id', '=', id).execute();
}

export async function departmentIsActive(db: Db, id: number): Promise<boolean> {
  const d = await db.selectFrom('departments').select('active').where('id', '=', id).executeTakeFirst();
  return d?.active === true;
}
