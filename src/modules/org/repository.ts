import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import type { DepartmentsTable, StreetsTable } from '../../platform/db/schema.ts';

export function listStreets(db: Db) {
  return db.selectFrom('streets').select(['id', 'code', 'name', 'active']).orderBy('id').execute();
}

export function findStreet(db: Db, id: number) {
  return db.selectFrom('streets').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertStreet(db: Db, row: Insertable<StreetsTable>): Promise<number> {
  return (await db.insertInto('streets').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateStreet(db: Db, id: number, patch: Updateable<StreetsTable>): Promise<void> {
  await db.updateTable('streets').set(patch).where('id', '=', id).execute();
}

export function listDepartments(db: Db) {
  return db
    .selectFrom('departments as d')
    .leftJoin('users as u', 'u.id', 'd.head_user_id')
    .select(['d.id', 'd.code', 'd.name', 'd.kind', 'd.phone', 'd.head_user_id', 'u.display_name as head_user_name', 'd.active'])
    .orderBy('d.id')
    .execute();
}

export function findDepartment(db: Db, id: number) {
  return db.selectFrom('departments').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertDepartment(db: Db, row: Insertable<DepartmentsTable>): Promise<number> {
  return (await db.insertInto('departments').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateDepartment(db: Db, id: number, patch: Updateable<DepartmentsTable>): Promise<void> {
  await db.updateTable('departments').set(patch).where('id', '=', id).execute();
}

export function findUserDepartment(db: Db, userId: number) {
  return db.selectFrom('users').select(['id', 'department_id', 'role']).where('id', '=', userId).executeTakeFirst();
}
