import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import type { ReplyTemplatesTable } from '../../platform/db/schema-appeals.ts';

/** 答复模板: the only SQL of the reply templates. */
export function listTemplates(db: Db, filter: { id?: number; departmentId?: number; serviceItemId?: number }) {
  let q = db
    .selectFrom('reply_templates as t')
    .innerJoin('departments as d', 'd.id', 't.department_id')
    .innerJoin('service_items as si', 'si.id', 't.service_item_id')
    .select([
      't.id',
      't.title',
      't.body',
      't.department_id',
      'd.name as department_name',
      't.service_item_id',
      'si.name as service_item_name',
      't.updated_at',
    ]);
  if (filter.id !== undefined) q = q.where('t.id', '=', filter.id);
  if (filter.departmentId !== undefined) q = q.where('t.department_id', '=', filter.departmentId);
  if (filter.serviceItemId !== undefined) q = q.where('t.service_item_id', '=', filter.serviceItemId);
  return q.orderBy('si.name').orderBy('t.title').orderBy('t.id').limit(500).execute();
}

export function findTemplate(db: Db, id: number) {
  return db.selectFrom('reply_templates').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertTemplate(db: Db, row: Insertable<ReplyTemplatesTable>): Promise<number> {
  const { id } = await db.insertInto('reply_templates').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateTemplate(db: Db, id: number, patch: Updateable<ReplyTemplatesTable>): Promise<void> {
  await db.updateTable('reply_templates').set(patch).where('id', '=', id).execute();
}

export async function deleteTemplate(db: Db, id: number): Promise<void> {
  await db.deleteFrom('reply_templates').where('id', '=', id).execute();
}

export function activeServiceItem(db: Db, id: number) {
  return db.selectFrom('service_items').select('id').where('id', '=', id).where('active', '=', true).executeTakeFirst();
}
