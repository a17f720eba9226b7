/** The enterprise file's SQL: indicators, contacts, verified changes, the export and the timeline's own sources. */
import { sql } from 'kysely';
import type { Db, Tx } from '../../platform/db/index.ts';
import type { Scale } from '../../platform/db/schema.ts';
import type { ChangeField, ChangeStatus } from '../../platform/db/schema-enterprise-file.ts';

export function enterpriseById(db: Db, id: number) {
  return db
    .selectFrom('enterprises')
    .select(['id', 'uscc', 'name', 'address', 'legal_representative'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function enterpriseByUscc(db: Db, uscc: string) {
  return db.selectFrom('enterprises').select(['id', 'name']).where('uscc', '=', uscc).executeTakeFirst();
}

/** The newest `months` months of indicators, newest first. */
export function indicators(db: Db, enterpriseId: number, months: number) {
  return db
    .selectFrom('enterprise_indicators')
    .selectAll()
    .where('enterprise_id', '=', enterpriseId)
    .orderBy('month', 'desc')
    .limit(months)
    .execute();
}

// ——— contacts ———

export function contacts(db: Db, enterpriseId: number) {
  return db
    .selectFrom('enterprise_contacts')
    .selectAll()
    .where('enterprise_id', '=', enterpriseId)
    .orderBy('is_primary', 'desc')
    .orderBy('id')
    .execute();
}

/**
 * The enterprise's row, locked until the transaction ends: contact replacements take turns. Two
 * at once would each delete only the rows they could see, and their lists would add up past the
 * 20 (or collide on the one primary).
 */
export async function lockForContacts(tx: Tx, enterpriseId: number): Promise<void> {
  await tx.selectFrom('enterprises').select('id').where('id', '=', enterpriseId).forUpdate().execute();
}

export async function replaceContacts(
  tx: Tx,
  enterpriseId: number,
  input: { name: string; title: string | null; mobile: string | null; email: string | null; primary: boolean }[],
) {
  await tx.deleteFrom('enterprise_contacts').where('enterprise_id', '=', enterpriseId).execute();
  if (!input.length) return [];
  return tx
    .insertInto('enterprise_contacts')
    .values(
      input.map((c) => ({
        enterprise_id: enterpriseId,
        name: c.name,
        title: c.title,
        mobile: c.mobile,
        email: c.email,
        is_primary: c.primary,
      })),
    )
    .returningAll()
    .execute();
}

// ——— verified changes ———

function changeRequests(db: Db) {
  return db
    .selectFrom('enterprise_change_requests as c')
    .innerJoin('enterprises as e', 'e.id', 'c.enterprise_id')
    .leftJoin('users as u', 'u.id', 'c.reviewer_id')
    .select([
      'c.id',
      'c.enterprise_id',
      'e.name as enterprise_name',
      'e.uscc',
      'c.field',
      'c.old_value',
      'c.new_value',
      'c.status',
      'c.requested_at',
      'u.display_name as reviewer_name',
      'c.reviewed_at',
      'c.review_note',
    ]);
}

export function changeRequest(db: Db, id: number) {
  return changeRequests(db).where('c.id', '=', id).executeTakeFirstOrThrow();
}

export async function listChangeRequests(
  db: Db,
  f: { status?: ChangeStatus | undefined; enterpriseId?: number | undefined; page: number; pageSize: number },
) {
  let q = changeRequests(db);
  let c = db.selectFrom('enterprise_change_requests as c');
  if (f.status) {
    q = q.where('c.status', '=', f.status);
    c = c.where('c.status', '=', f.status);
  }
  if (f.enterpriseId) {
    q = q.where('c.enterprise_id', '=', f.enterpriseId);
    c = c.where('c.enterprise_id', '=', f.enterpriseId);
  }
  const [rows, n] = await Promise.all([
    q
      .orderBy('c.requested_at', 'desc')
      .orderBy('c.id', 'desc')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    c.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(n.n) };
}

export async function hasPendingChange(db: Db, enterpriseId: number, field: ChangeField): Promise<boolean> {
  const r = await db
    .selectFrom('enterprise_change_requests')
    .select('id')
    .where('enterprise_id', '=', enterpriseId)
    .where('field', '=', field)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return r !== undefined;
}

export async function insertChangeRequest(
  tx: Tx,
  r: { enterpriseId: number; field: ChangeField; oldValue: string | null; newValue: string; requestedBy: number },
): Promise<number> {
  const row = await tx
    .insertInto('enterprise_change_requests')
    .values({ enterprise_id: r.enterpriseId, field: r.field, old_value: r.oldValue, new_value: r.newValue, requested_by: r.requestedBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The request, locked until the transaction ends: two reviewers at once give one decision. */
export function lockChangeRequest(tx: Tx, id: number) {
  return tx.selectFrom('enterprise_change_requests').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function decideChangeRequest(
  tx: Tx,
  id: number,
  d: { status: 'approved' | 'rejected'; reviewerId: number; note: string | null },
): Promise<void> {
  await tx
    .updateTable('enterprise_change_requests')
    .set({ status: d.status, reviewer_id: d.reviewerId, reviewed_at: new Date(), review_note: d.note })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}

export async function setEnterpriseField(
  tx: Tx,
  enterpriseId: number,
  column: 'address' | 'legal_representative',
  value: string,
): Promise<void> {
  await tx
    .updateTable('enterprises')
    .set({ [column]: value, updated_at: new Date() })
    .where('id', '=', enterpriseId)
    .execute();
}

// ——— export ———

export interface ExportFilter {
  q?: string | undefined;
  streetId?: number | undefined;
  /** A checked industry code at any level: a prefix match selects exactly its subtree. */
  industryPrefix?: string | undefined;
  scale?: Scale | undefined;
  tag?: string | undefined;
}

/** Key enterprises first, then by id; `limit` rows at most. */
/** The rows after `after` in the export's order (keyset paging: the export reads page after page, never cut). */
export function exportRows(db: Db, f: ExportFilter, after: { id: number; is_key: boolean } | undefined, limit: number) {
  let q = db.selectFrom('enterprises as e');
  if (after)
    q = q.where((eb) => eb.or([eb('e.is_key', '<', after.is_key), eb.and([eb('e.is_key', '=', after.is_key), eb('e.id', '>', after.id)])]));
  if (f.q) {
    const text = f.q;
    q = /^[0-9A-Z]{6,18}$/.test(text) ? q.where('e.uscc', 'like', `${text}%`) : q.where('e.name', 'like', `%${text}%`);
  }
  if (f.streetId) q = q.where('e.street_id', '=', f.streetId);
  if (f.industryPrefix) q = q.where('e.industry_code', 'like', `${f.industryPrefix}%`);
  if (f.scale) q = q.where('e.scale', '=', f.scale);
  if (f.tag) {
    const tag = f.tag;
    q = q.where((eb) =>
      eb.exists(eb.selectFrom('enterprise_tags as t').select('t.tag').whereRef('t.enterprise_id', '=', 'e.id').where('t.tag', '=', tag)),
    );
  }
  return q
    .leftJoin('streets as s', 's.id', 'e.street_id')
    .select([
      'e.id',
      'e.uscc',
      'e.name',
      'e.legal_representative',
      'e.address',
      'e.industry_code',
      's.name as street_name',
      'e.scale',
      'e.founded_on',
      'e.registered_capital',
      'e.is_key',
    ])
    .select(
      sql<string | null>`(select string_agg(t.tag, '、' order by t.tag) from enterprise_tags t where t.enterprise_id = e.id)`.as('tags'),
    )
    .orderBy('e.is_key', 'desc')
    .orderBy('e.id')
    .limit(limit)
    .execute();
}

// ——— timeline ———

export function appealsOf(db: Db, enterpriseId: number, limit: number) {
  return db
    .selectFrom('appeals')
    .select(['id', 'number', 'title', 'state', 'submitted_at'])
    .where('enterprise_id', '=', enterpriseId)
    .orderBy('submitted_at', 'desc')
    .limit(limit)
    .execute();
}

export function changeRequestsOf(db: Db, enterpriseId: number, limit: number) {
  return db
    .selectFrom('enterprise_change_requests')
    .select(['id', 'field', 'new_value', 'status', 'requested_at', 'reviewed_at'])
    .where('enterprise_id', '=', enterpriseId)
    .orderBy('requested_at', 'desc')
    .limit(limit)
    .execute();
}
