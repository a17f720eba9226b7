/** 注册审核's SQL: the registrants' requests (授权委托书, enterprise to add) and what settling them writes. */
import type { Insertable } from 'kysely';
import type { Db, Tx } from '../../platform/db/index.ts';
import type { RegistrationKind, RegistrationRequestsTable, RegistrationStatus } from '../../platform/db/schema-accounts.ts';
import type { Scale } from '../../platform/db/schema.ts';

const COLUMNS = [
  'id',
  'kind',
  'status',
  'uscc',
  'enterprise_name',
  'enterprise_id',
  'mobile',
  'display_name',
  'letter_file_name',
  'letter_mime',
  'letter_size',
  'reason',
  'decided_at',
  'created_at',
  'user_id',
] as const;

export function findRequest(db: Db, id: number) {
  return db.selectFrom('registration_requests').select(COLUMNS).where('id', '=', id).executeTakeFirst();
}

export type RequestRow = NonNullable<Awaited<ReturnType<typeof findRequest>>>;

/** One page of requests, pending ones oldest first (the front desk works down the queue). */
export async function listRequests(
  db: Db,
  f: { status?: RegistrationStatus | undefined; kind?: RegistrationKind | undefined; page: number; pageSize: number },
) {
  let q = db.selectFrom('registration_requests');
  if (f.status) q = q.where('status', '=', f.status);
  if (f.kind) q = q.where('kind', '=', f.kind);
  const [rows, count] = await Promise.all([
    q
      .select(COLUMNS)
      .orderBy('id', f.status === 'pending' ? 'asc' : 'desc')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function pendingCountsByKind(db: Db): Promise<{ kind: RegistrationKind; n: number }[]> {
  const rows = await db
    .selectFrom('registration_requests')
    .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'pending')
    .groupBy('kind')
    .execute();
  return rows.map((r) => ({ kind: r.kind, n: Number(r.n) }));
}

export function letterOf(db: Db, id: number) {
  return db
    .selectFrom('registration_requests')
    .select(['letter_file_name', 'letter_mime', 'letter_content'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The request with the registrant's password hash, locked until the transaction ends. */
export function lockRequest(tx: Tx, id: number) {
  return tx
    .selectFrom('registration_requests')
    .select([...COLUMNS, 'password_hash'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function insertRequest(tx: Tx, row: Insertable<RegistrationRequestsTable>): Promise<number> {
  const r = await tx.insertInto('registration_requests').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function approveRequest(
  tx: Tx,
  id: number,
  d: { decidedBy: number | null; now: Date; userId: number | null; enterpriseId: number },
): Promise<void> {
  await tx
    .updateTable('registration_requests')
    .set({ status: 'approved', decided_by: d.decidedBy, decided_at: d.now, user_id: d.userId, enterprise_id: d.enterpriseId })
    .where('id', '=', id)
    .execute();
}

export async function refuseRequest(tx: Tx, id: number, d: { decidedBy: number | null; reason: string; now: Date }): Promise<void> {
  await tx
    .updateTable('registration_requests')
    .set({ status: 'refused', reason: d.reason, decided_by: d.decidedBy, decided_at: d.now })
    .where('id', '=', id)
    .execute();
}

export function enterpriseById(db: Db, id: number) {
  return db.selectFrom('enterprises').select(['id', 'name', 'status']).where('id', '=', id).executeTakeFirst();
}

/** An enterprise added to the file at the front desk's approval. */
export async function insertEnterprise(
  tx: Tx,
  e: { uscc: string; name: string; industryCode: string; scale: Scale; streetId: number | null },
): Promise<number> {
  const row = await tx
    .insertInto('enterprises')
    .values({ uscc: e.uscc, name: e.name, industry_code: e.industryCode, scale: e.scale, street_id: e.streetId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
