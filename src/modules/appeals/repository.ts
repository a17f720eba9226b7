import type { Insertable, Updateable } from 'kysely';
import type { Db, Tx } from '../../platform/db/index.ts';
import type {
  AppealAttachmentsTable,
  AppealEventsTable,
  AppealReturnsTable,
  AppealsTable,
  ExtensionRequestsTable,
  SupervisionOrdersTable,
} from '../../platform/db/schema-appeals.ts';

export function findAppeal(db: Db, id: number) {
  return db.selectFrom('appeals').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Row lock for the rest of the transaction: two actions on one appeal go one after the other. */
export function lockAppeal(db: Tx, id: number) {
  return db.selectFrom('appeals').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function findByIdempotencyKey(db: Db, submittedBy: number, key: string) {
  return db
    .selectFrom('appeals')
    .select(['id', 'number'])
    .where('submitted_by', '=', submittedBy)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}

export async function insertAppeal(db: Db, row: Insertable<AppealsTable>): Promise<number> {
  return (await db.insertInto('appeals').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** Updates only if the appeal is still in the state the decision was made on. */
export async function updateAppealInState(db: Db, id: number, state: string, patch: Updateable<AppealsTable>): Promise<boolean> {
  const r = await db
    .updateTable('appeals')
    .set({ ...patch, updated_at: new Date() })
    .where('id', '=', id)
    .where('state', '=', state)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertEvent(db: Db, row: Insertable<AppealEventsTable>): Promise<number> {
  const { id } = await db.insertInto('appeal_events').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(id);
}

/** Files of this appeal not sent with any step yet, among `ids`. */
export function unsentAttachments(db: Db, appealId: number, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('appeal_attachments')
    .select(['id', 'file_name', 'mime', 'size'])
    .where('appeal_id', '=', appealId)
    .where('id', 'in', ids)
    .where('event_id', 'is', null)
    .orderBy('id')
    .execute();
}

export async function linkAttachments(db: Db, appealId: number, ids: readonly number[], eventId: number): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('appeal_attachments').set({ event_id: eventId }).where('appeal_id', '=', appealId).where('id', 'in', ids).execute();
}

export function events(db: Db, appealId: number, publicOnly: boolean) {
  let q = db.selectFrom('appeal_events').selectAll().where('appeal_id', '=', appealId);
  if (publicOnly) q = q.where('public', '=', true);
  return q.orderBy('id').execute();
}

export function departmentsOf(db: Db, appealId: number) {
  return db
    .selectFrom('appeal_departments as ad')
    .innerJoin('departments as d', 'd.id', 'ad.department_id')
    .select(['ad.department_id', 'd.name', 'ad.role', 'ad.opinion', 'ad.opinion_at'])
    .where('ad.appeal_id', '=', appealId)
    .orderBy('ad.role', 'desc')
    .execute();
}

export async function setDepartments(db: Db, appealId: number, lead: number, assists: readonly number[]): Promise<void> {
  await db.deleteFrom('appeal_departments').where('appeal_id', '=', appealId).execute();
  const rows = [
    { appeal_id: appealId, department_id: lead, role: 'lead' as const },
    ...assists.filter((d) => d !== lead).map((d) => ({ appeal_id: appealId, department_id: d, role: 'assist' as const })),
  ];
  await db.insertInto('appeal_departments').values(rows).execute();
}

export async function setLead(db: Db, appealId: number, lead: number): Promise<void> {
  await db
    .deleteFrom('appeal_departments')
    .where('appeal_id', '=', appealId)
    .where((eb) => eb.or([eb('role', '=', 'lead'), eb('department_id', '=', lead)]))
    .execute();
  await db.insertInto('appeal_departments').values({ appeal_id: appealId, department_id: lead, role: 'lead' }).execute();
}

export async function isAssisting(db: Db, appealId: number, departmentId: number): Promise<boolean> {
  const r = await db
    .selectFrom('appeal_departments')
    .select('role')
    .where('appeal_id', '=', appealId)
    .where('department_id', '=', departmentId)
    .where('role', '=', 'assist')
    .executeTakeFirst();
  return Boolean(r);
}

export async function setOpinion(db: Db, appealId: number, departmentId: number, opinion: string, userId: number): Promise<void> {
  await db
    .updateTable('appeal_departments')
    .set({ opinion, opinion_at: new Date(), opinion_by: userId })
    .where('appeal_id', '=', appealId)
    .where('department_id', '=', departmentId)
    .execute();
}

export function serviceItem(db: Db, id: number) {
  return db
    .selectFrom('service_items')
    .select(['id', 'name', 'department_id', 'default_grade', 'active'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function departmentActive(db: Db, id: number): Promise<boolean> {
  const d = await db.selectFrom('departments').select('active').where('id', '=', id).executeTakeFirst();
  return d?.active === true;
}

export function pendingReturn(db: Db, appealId: number) {
  return db.selectFrom('appeal_returns').selectAll().where('appeal_id', '=', appealId).where('decision', 'is', null).executeTakeFirst();
}

export function pendingExtension(db: Db, appealId: number) {
  return db
    .selectFrom('extension_requests')
    .selectAll()
    .where('appeal_id', '=', appealId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
}

export function insertAttachments(tx: Tx, rows: Insertable<AppealAttachmentsTable>[]) {
  return tx.insertInto('appeal_attachments').values(rows).returning(['id', 'file_name', 'mime', 'size']).execute();
}

/** A row of the settings table (JSON), undefined when never saved. */
export async function settingValue(db: Db, key: string): Promise<unknown> {
  return (await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst())?.value;
}

export async function saveSetting(tx: Tx, key: string, json: string): Promise<void> {
  await tx
    .insertInto('settings')
    .values({ key, value: json })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_at: new Date() }))
    .execute();
}

/** What the classifier is built from: the active service items' names and keywords. */
export function activeServiceItems(db: Db) {
  return db.selectFrom('service_items').select(['id', 'name', 'keywords']).where('active', '=', true).execute();
}

/** The latest appeals a specialist has classified: the classifier's training examples. */
export function classifiedExamples(db: Db, limit: number) {
  return db
    .selectFrom('appeals')
    .select(['title', 'description', 'service_item_id'])
    .where('service_item_id', 'is not', null)
    .where('accepted_at', 'is not', null)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function insertReturn(tx: Tx, row: Insertable<AppealReturnsTable>): Promise<void> {
  await tx.insertInto('appeal_returns').values(row).execute();
}

export async function decideReturn(tx: Tx, id: number, decision: Updateable<AppealReturnsTable>): Promise<void> {
  await tx.updateTable('appeal_returns').set(decision).where('id', '=', id).execute();
}

export async function insertExtensionRequest(tx: Tx, row: Insertable<ExtensionRequestsTable>): Promise<void> {
  await tx.insertInto('extension_requests').values(row).execute();
}

export async function decideExtensionRequest(tx: Tx, id: number, decision: Updateable<ExtensionRequestsTable>): Promise<void> {
  await tx.updateTable('extension_requests').set(decision).where('id', '=', id).execute();
}

export async function insertSupervisionOrder(tx: Tx, row: Insertable<SupervisionOrdersTable>): Promise<void> {
  await tx.insertInto('supervision_orders').values(row).execute();
}
