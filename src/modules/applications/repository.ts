import { sql, type Insertable, type Updateable } from 'kysely';
import type { Db, DB, Tx } from '../../platform/db/index.ts';
import type { ApplicationEventsTable, ApplicationState, PolicyApplicationsTable } from '../../platform/db/schema-policies.ts';

/**
 * The notice with what applying needs from its policy. The policy library owns these tables;
 * this module only reads them.
 */
export function noticeWithPolicy(db: Db, noticeId: number) {
  return db
    .selectFrom('policy_notices as n')
    .innerJoin('policies as p', 'p.id', 'n.policy_id')
    .select([
      'n.id',
      'n.policy_id',
      'n.title',
      'n.body',
      'n.opens_at',
      'n.closes_at',
      'n.materials',
      'n.declared_fields',
      'n.review_levels',
      'n.status',
      'p.title as policy_title',
      'p.status as policy_status',
      'p.benefit',
      'p.max_amount',
      'p.department_id',
    ])
    .where('n.id', '=', noticeId)
    .executeTakeFirst();
}
export type NoticeRow = NonNullable<Awaited<ReturnType<typeof noticeWithPolicy>>>;

export function activeApplication(db: Db, noticeId: number, enterpriseId: number) {
  return db
    .selectFrom('policy_applications')
    .select(['id', 'number', 'state'])
    .where('notice_id', '=', noticeId)
    .where('enterprise_id', '=', enterpriseId)
    .where('state', '<>', 'withdrawn')
    .executeTakeFirst();
}

export function primaryContact(db: Db, enterpriseId: number) {
  return db
    .selectFrom('enterprise_contacts')
    .select(['name', 'mobile'])
    .where('enterprise_id', '=', enterpriseId)
    .orderBy('is_primary', 'desc')
    .orderBy('id')
    .executeTakeFirst();
}

export function userContact(db: Db, userId: number) {
  return db.selectFrom('users').select(['display_name', 'mobile']).where('id', '=', userId).executeTakeFirst();
}

export async function insertApplication(db: Db, row: Insertable<PolicyApplicationsTable>): Promise<number> {
  return (await db.insertInto('policy_applications').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function insertEvent(db: Db, row: Insertable<ApplicationEventsTable>): Promise<void> {
  await db.insertInto('application_events').values(row).execute();
}

export function findApplication(db: Db, id: number) {
  return db.selectFrom('policy_applications').selectAll().where('id', '=', id).executeTakeFirst();
}
export type ApplicationRow = NonNullable<Awaited<ReturnType<typeof findApplication>>>;

/** Row lock for the rest of the transaction: two steps on one application go one after the other. */
export function lockApplication(db: Tx, id: number) {
  return db.selectFrom('policy_applications').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Updates only if the application is still in the state the decision was made on. */
export async function updateInState(
  db: Db,
  id: number,
  state: ApplicationState,
  patch: Updateable<PolicyApplicationsTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('policy_applications')
    .set({ ...patch, updated_at: new Date() })
    .where('id', '=', id)
    .where('state', '=', state)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function policyMaxAmount(db: Db, policyId: number): Promise<number | null> {
  return (await db.selectFrom('policies').select('max_amount').where('id', '=', policyId).executeTakeFirst())?.max_amount ?? null;
}

/** What a notice asks of an application: its materials and the fields the enterprise declares. */
export function noticeRequirements(db: Db, noticeId: number) {
  return db.selectFrom('policy_notices').select(['materials', 'declared_fields']).where('id', '=', noticeId).executeTakeFirstOrThrow();
}

/** A disbursement: the benefit the enterprise received for its application. */
export async function insertBenefit(db: Db, row: Insertable<DB['benefits']>): Promise<number> {
  return (await db.insertInto('benefits').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function policyDepartment(db: Db, policyId: number): Promise<number | null> {
  const r = await db.selectFrom('policies').select('department_id').where('id', '=', policyId).executeTakeFirst();
  return r?.department_id ?? null;
}

export function materialsOf(db: Db, applicationId: number) {
  return db
    .selectFrom('application_materials')
    .select(['id', 'material', 'file_name', 'mime', 'size', 'created_at'])
    .where('application_id', '=', applicationId)
    .orderBy('id')
    .execute();
}

export function material(db: Db, applicationId: number, fileId: number) {
  return db
    .selectFrom('application_materials')
    .select(['file_name', 'mime', 'content'])
    .where('application_id', '=', applicationId)
    .where('id', '=', fileId)
    .executeTakeFirst();
}

export function eventsOf(db: Db, applicationId: number) {
  return db
    .selectFrom('application_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .select([
      'e.id',
      'e.action',
      'e.from_state',
      'e.to_state',
      'e.level',
      'e.comment',
      'e.data',
      'e.created_at',
      'u.display_name as actor_name',
      'u.role as actor_role',
    ])
    .where('e.application_id', '=', applicationId)
    .orderBy('e.id')
    .execute();
}

export function benefitsOf(db: Db, applicationId: number) {
  return db
    .selectFrom('benefits')
    .select(['id', 'amount', 'paid_on', 'payment_batch'])
    .where('application_id', '=', applicationId)
    .orderBy('id')
    .execute();
}

export function detailHeader(db: Db, id: number) {
  return db
    .selectFrom('policy_applications as a')
    .innerJoin('policies as p', 'p.id', 'a.policy_id')
    .innerJoin('policy_notices as n', 'n.id', 'a.notice_id')
    .innerJoin('enterprises as e', 'e.id', 'a.enterprise_id')
    .leftJoin('departments as d', 'd.id', 'p.department_id')
    .leftJoin('streets as s', 's.id', 'e.street_id')
    .selectAll('a')
    .select([
      'p.title as policy_title',
      'p.max_amount',
      'd.name as department_name',
      'n.title as notice_title',
      'n.closes_at',
      'n.materials as notice_materials',
      'n.declared_fields',
      'e.name as enterprise_name',
      'e.uscc',
      'e.industry_code',
      'e.scale',
      's.name as street_name',
    ])
    .where('a.id', '=', id)
    .executeTakeFirst();
}

export interface ListFilter {
  enterpriseId?: number | undefined;
  departmentId?: number | undefined;
  state?: string | undefined;
  policyId?: number | undefined;
  noticeId?: number | undefined;
  instant?: boolean | undefined;
  level?: number | undefined;
  flag?: string | undefined;
  q?: string | undefined;
}

export async function list(db: Db, f: ListFilter, page: number, pageSize: number) {
  let q = db
    .selectFrom('policy_applications as a')
    .innerJoin('policies as p', 'p.id', 'a.policy_id')
    .innerJoin('policy_notices as n', 'n.id', 'a.notice_id')
    .innerJoin('enterprises as e', 'e.id', 'a.enterprise_id');
  if (f.enterpriseId !== undefined) q = q.where('a.enterprise_id', '=', f.enterpriseId);
  if (f.departmentId !== undefined) q = q.where('p.department_id', '=', f.departmentId);
  if (f.state) q = q.where('a.state', '=', f.state as never);
  if (f.policyId) q = q.where('a.policy_id', '=', f.policyId);
  if (f.noticeId) q = q.where('a.notice_id', '=', f.noticeId);
  if (f.instant !== undefined) q = q.where('a.instant', '=', f.instant);
  // The level under review is the one after those passed; only while the review is running.
  if (f.level) q = q.where('a.review_level', '=', f.level - 1).where('a.state', 'in', ['accepted', 'in_review']);
  if (f.flag) q = q.where(sql<string>`a.explanation->>'flag'`, '=', f.flag);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('a.number', 'ilike', like), eb('e.name', 'ilike', like)]));
  }
  const [rows, total] = await Promise.all([
    q
      .select([
        'a.id',
        'a.number',
        'a.state',
        'a.instant',
        'a.review_level',
        'a.review_levels',
        'a.policy_id',
        'a.notice_id',
        'a.enterprise_id',
        'a.requested_amount',
        'a.approved_amount',
        'a.contact_phone',
        'a.created_at',
        sql<string | null>`a.explanation->>'flag'`.as('flag'),
        sql<number>`jsonb_array_length(a.differences)`.as('difference_count'),
        'p.title as policy_title',
        'n.title as notice_title',
        'e.name as enterprise_name',
      ])
      .orderBy('a.id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function insertMaterials(db: Db, rows: Insertable<DB['application_materials']>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('application_materials').values(rows).execute();
}

export async function materialCounts(db: Db, applicationId: number): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('application_materials')
    .select(['material', (eb) => eb.fn.countAll<number>().as('n')])
    .where('application_id', '=', applicationId)
    .groupBy('material')
    .execute();
  return new Map(rows.map((r) => [r.material, Number(r.n)]));
}

/** An enterprise's latest applications, for its one history (一企一档). */
export function recentApplicationsOf(db: Db, enterpriseId: number, limit: number) {
  return db
    .selectFrom('policy_applications as a')
    .innerJoin('policies as p', 'p.id', 'a.policy_id')
    .select(['a.id', 'a.number', 'a.state', 'a.instant', 'a.created_at', 'p.title'])
    .where('a.enterprise_id', '=', enterpriseId)
    .orderBy('a.created_at', 'desc')
    .limit(limit)
    .execute();
}

/** An enterprise's latest benefits received, for its one history. */
export function recentBenefitsOf(db: Db, enterpriseId: number, limit: number) {
  return db
    .selectFrom('benefits as b')
    .innerJoin('policies as p', 'p.id', 'b.policy_id')
    .select(['b.id', 'b.amount', 'b.paid_on', 'b.application_id', 'b.grant_batch_id', 'p.title'])
    .where('b.enterprise_id', '=', enterpriseId)
    .orderBy('b.paid_on', 'desc')
    .limit(limit)
    .execute();
}
