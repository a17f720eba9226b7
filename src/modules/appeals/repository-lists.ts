import { sql, type Expression, type ExpressionBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { z } from 'zod';
import type { DB, Db } from '../../platform/db/index.ts';
import type { AppealAttachmentsTable, AppealsTable } from '../../platform/db/schema-appeals.ts';
import type { SessionUser } from '../../platform/http/access.ts';
import type { listQuery } from './schemas.ts';

type AppealQuery = SelectQueryBuilder<DB & { a: AppealsTable }, 'a', object>;

/**
 * Who sees which appeals: an enterprise its own; a department what it leads or assists;
 * a cadre what they filed and the appeals of the enterprises they serve (挂点); a policy
 * officer what they filed; the office, leaders and administrators everything.
 */
export function visible(q: AppealQuery, user: SessionUser): AppealQuery {
  switch (user.role) {
    case 'enterprise':
      return q.where('a.enterprise_id', '=', user.enterpriseId ?? -1);
    case 'handler':
      return q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('appeal_departments as ad')
            .select('ad.appeal_id')
            .whereRef('ad.appeal_id', '=', 'a.id')
            .where('ad.department_id', '=', user.departmentId ?? -1),
        ),
      );
    case 'cadre':
      return q.where((eb) =>
        eb.or([
          eb('a.submitted_by', '=', user.id),
          eb.exists(
            eb
              .selectFrom('liaisons as l')
              .select('l.enterprise_id')
              .whereRef('l.enterprise_id', '=', 'a.enterprise_id')
              .where('l.user_id', '=', user.id)
              .where('l.ended_at', 'is', null),
          ),
        ]),
      );
    case 'policy_officer':
      return q.where('a.submitted_by', '=', user.id);
    default:
      return q;
  }
}

const VIEWS: Record<z.output<typeof listQuery>['view'], (q: AppealQuery, user: SessionUser) => AppealQuery> = {
  all: (q) => q,
  intake: (q) => q.where('a.state', '=', 'submitted'),
  dispatch: (q) => q.where('a.state', '=', 'accepted'),
  returns: (q) => q.where('a.state', '=', 'return_requested'),
  // The department's work: what it leads, and what it assists on and has not yet given its opinion for.
  inbox: (q, u) =>
    q.where('a.state', 'in', ['dispatched', 'claimed', 'in_progress', 'awaiting_info']).where((eb) =>
      eb.or([
        eb('a.lead_department_id', '=', u.departmentId ?? -1),
        eb.exists(
          eb
            .selectFrom('appeal_departments as ad')
            .select('ad.appeal_id')
            .whereRef('ad.appeal_id', '=', 'a.id')
            .where('ad.department_id', '=', u.departmentId ?? -1)
            .where('ad.role', '=', 'assist')
            .where('ad.opinion', 'is', null),
        ),
      ]),
    ),
  escalated: (q) => q.where('a.escalated_at', 'is not', null).where('a.closed_at', 'is', null),
  mine: (q, u) => q.where('a.submitted_by', '=', u.id),
  warnings: (q) => q.where('a.warning_level', '!=', 'green').where('a.closed_at', 'is', null),
};

type ListFilter = Omit<z.output<typeof listQuery>, 'page' | 'pageSize'>;

/** The appeals a list shows: who may see them, the view and the filters (shared by the list and 我的待办's queues). */
function filtered(db: Db, user: SessionUser, f: ListFilter): AppealQuery {
  let q = visible(db.selectFrom('appeals as a'), user);
  q = VIEWS[f.view](q, user);
  if (f.state) q = q.where('a.state', '=', f.state);
  if (f.departmentId) q = q.where('a.lead_department_id', '=', f.departmentId);
  if (f.enterpriseId) q = q.where('a.enterprise_id', '=', f.enterpriseId);
  if (f.warning) q = q.where('a.warning_level', '=', f.warning);
  if (f.appealType) q = q.where('a.appeal_type', '=', f.appealType);
  if (f.q) {
    const like = `%${f.q}%`;
    q = q.where((eb) => eb.or([eb('a.number', 'like', like), eb(sql<string>`a.title || ' ' || a.description`, 'like', like)]));
  }
  return q;
}

/**
 * A list's count and its `limit` oldest appeals (by submission): 我的待办 shows what has waited
 * longest, counted exactly as the list it links to counts.
 */
export async function oldestAppeals(db: Db, user: SessionUser, f: ListFilter, limit: number) {
  const q = filtered(db, user, f);
  const [rows, count] = await Promise.all([
    q
      .innerJoin('enterprises as e', 'e.id', 'a.enterprise_id')
      .select([
        'a.id',
        'a.number',
        'a.title',
        'e.name as enterprise_name',
        'a.submitted_at',
        'a.deadline_at',
        'a.accept_deadline_at',
        'a.warning_level',
      ])
      .orderBy('a.submitted_at', 'asc')
      .orderBy('a.id', 'asc')
      .limit(limit)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** 待受理 is served in the order it came in: the appeal that has waited longest first (受理时限). */
const waitingForAcceptance = (f: ListFilter) => f.view === 'intake' || f.state === 'submitted';

/**
 * Red first, then yellow, then the nearest deadline (the acceptance deadline while unaccepted):
 * what needs attention comes first.
 */
function needsAttentionFirst<Q extends SelectQueryBuilder<DB & { a: AppealsTable }, 'a', object>>(q: Q): Q {
  return q
    .orderBy(sql`case a.warning_level when 'red' then 0 when 'yellow' then 1 else 2 end`)
    .orderBy(sql`coalesce(a.deadline_at, a.accept_deadline_at) asc nulls last`)
    .orderBy('a.id', 'desc') as Q;
}

export async function listAppeals(db: Db, user: SessionUser, f: z.output<typeof listQuery>) {
  const q = filtered(db, user, f);
  const [rows, count] = await Promise.all([
    q
      .innerJoin('enterprises as e', 'e.id', 'a.enterprise_id')
      .leftJoin('service_items as si', 'si.id', 'a.service_item_id')
      .leftJoin('departments as d', 'd.id', 'a.lead_department_id')
      .select([
        'a.id',
        'a.number',
        'a.title',
        'a.state',
        'a.appeal_type',
        'a.channel',
        'a.grade',
        'a.enterprise_id',
        'e.name as enterprise_name',
        'a.service_item_id',
        'si.name as service_item_name',
        'a.lead_department_id',
        'd.name as department_name',
        'a.submitted_at',
        'a.deadline_at',
        'a.accept_deadline_at',
        'a.warning_level',
        'a.escalated_at',
        'a.reopen_count',
        // For the provisional flag (provisional.ts).
        'a.requested_urgency',
        'a.accepted_at',
        'a.replied_at',
        'a.closed_at',
        'a.paused_ms',
      ])
      .$call((sel) => (waitingForAcceptance(f) ? sel.orderBy('a.submitted_at', 'asc').orderBy('a.id', 'asc') : needsAttentionFirst(sel)))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function isVisible(db: Db, user: SessionUser, id: number): Promise<boolean> {
  const r = await visible(db.selectFrom('appeals as a'), user).select('a.id').where('a.id', '=', id).executeTakeFirst();
  return Boolean(r);
}

export function appealHeader(db: Db, id: number) {
  return db
    .selectFrom('appeals as a')
    .innerJoin('enterprises as e', 'e.id', 'a.enterprise_id')
    .leftJoin('service_items as si', 'si.id', 'a.service_item_id')
    .leftJoin('departments as d', 'd.id', 'a.lead_department_id')
    .leftJoin('appeals as m', 'm.id', 'a.merged_into_id')
    .selectAll('a')
    .select(['e.name as enterprise_name', 'si.name as service_item_name', 'd.name as department_name', 'm.number as merged_into_number'])
    .where('a.id', '=', id)
    .executeTakeFirst();
}

/**
 * The enterprise sees what it or the front office filed and what a reply sent it; a file a
 * handler attached but has not sent yet (a reply's draft) stays with the staff.
 */
function enterpriseSees(eb: ExpressionBuilder<DB & { f: AppealAttachmentsTable }, 'f'>): Expression<SqlBool> {
  return eb.or([
    eb('f.event_id', 'is not', null),
    eb.not(eb.exists(eb.selectFrom('users as u').select('u.id').whereRef('u.id', '=', 'f.uploaded_by').where('u.role', '=', 'handler'))),
  ]);
}

export function attachmentsOf(db: Db, appealId: number, enterprise = false) {
  const q = db
    .selectFrom('appeal_attachments as f')
    .select(['f.id', 'f.file_name', 'f.mime', 'f.size', 'f.event_id'])
    .where('f.appeal_id', '=', appealId);
  return (enterprise ? q.where(enterpriseSees) : q).orderBy('f.id').execute();
}

export function serviceItemNames(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('service_items').select(['id', 'name']).where('id', 'in', ids).execute();
}

export function serviceItemInfo(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('service_items as si')
    .innerJoin('taxonomy_categories as c', 'c.id', 'si.category_id')
    .innerJoin('departments as d', 'd.id', 'si.department_id')
    .select(['si.id', 'si.name', 'c.name as category_name', 'd.name as department_name'])
    .where('si.id', 'in', ids)
    .execute();
}

export function attachment(db: Db, appealId: number, id: number, enterprise = false) {
  const q = db
    .selectFrom('appeal_attachments as f')
    .select(['f.file_name', 'f.mime', 'f.content'])
    .where('f.appeal_id', '=', appealId)
    .where('f.id', '=', id);
  return (enterprise ? q.where(enterpriseSees) : q).executeTakeFirst();
}
