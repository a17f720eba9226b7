import { sql, type ExpressionBuilder, type Insertable } from 'kysely';
import type { z } from 'zod';
import type { DB, Db, Tx } from '../../platform/db/index.ts';
import type { AppealsTable } from '../../platform/db/schema-appeals.ts';
import type { AppealFollowUpsTable } from '../../platform/db/schema-follow-up.ts';
import type { followUpQuery } from './follow-up-schemas.ts';

type Eb = ExpressionBuilder<DB & { a: AppealsTable }, 'a'>;

/**
 * What waits for a follow-up: replied appeals (the enterprise has not rated, or it would have
 * moved on), and consultations closed at their reply on the spot that nobody has rated since.
 */
export function awaitingFollowUp(eb: Eb) {
  return eb.and([
    eb('a.merged_into_id', 'is', null),
    eb.or([
      eb('a.state', '=', 'replied'),
      eb.and([
        eb('a.state', '=', 'closed'),
        eb('a.on_spot', '=', true),
        eb('a.appeal_type', '=', 'consultation'),
        eb('a.closed_unrated', 'is', null),
        eb('a.replied_at', 'is not', null),
        eb.or([eb('a.rated_at', 'is', null), eb('a.rated_at', '<', eb.ref('a.replied_at'))]),
      ]),
    ]),
  ]);
}

/** The number to call: the appeal's contact, else the file's primary contact, legal representative or registered phone. */
const phoneToCall = sql<string | null>`coalesce(a.contact_phone,
  (select c.mobile from enterprise_contacts c where c.enterprise_id = a.enterprise_id and c.mobile is not null order by c.is_primary desc, c.id limit 1),
  e.legal_rep_mobile, e.phone)`;
const nameToCall = sql<string | null>`coalesce(a.contact_name,
  (select c.name from enterprise_contacts c where c.enterprise_id = a.enterprise_id and c.mobile is not null order by c.is_primary desc, c.id limit 1))`;

/** Calls since the latest reply that did not reach the enterprise. */
const notReached = (eb: Eb) =>
  eb
    .selectFrom('appeal_follow_ups as f')
    .select((s) => s.fn.countAll<number>().as('n'))
    .whereRef('f.appeal_id', '=', 'a.id')
    .where('f.outcome', '=', 'not_reached')
    .whereRef('f.called_at', '>=', 'a.replied_at');

/** One page of the follow-up queue, oldest reply first, with the total and how many replied before `overdueBefore`. */
export async function followUpQueuePage(db: Db, f: z.output<typeof followUpQuery>, overdueBefore: Date) {
  let q = db
    .selectFrom('appeals as a')
    .innerJoin('enterprises as e', 'e.id', 'a.enterprise_id')
    .leftJoin('departments as d', 'd.id', 'a.lead_department_id')
    .where(awaitingFollowUp);
  if (f.overdue !== undefined) q = q.where('a.replied_at', f.overdue ? '<' : '>=', overdueBefore);
  if (f.appealType) q = q.where('a.appeal_type', '=', f.appealType);
  if (f.channel) q = q.where('a.channel', '=', f.channel);
  if (f.departmentId) q = q.where('a.lead_department_id', '=', f.departmentId);
  if (f.q) {
    const like = `%${f.q}%`;
    q = q.where((eb) => eb.or([eb('a.number', 'like', like), eb('a.title', 'like', like), eb('e.name', 'like', like)]));
  }
  if (f.attempted !== undefined) q = q.where((eb) => eb(notReached(eb), f.attempted ? '>' : '=', 0));
  const [rows, count] = await Promise.all([
    q
      .select((eb) => [
        'a.id',
        'a.number',
        'a.title',
        'a.state',
        'a.appeal_type',
        'a.channel',
        'a.on_spot',
        'a.replied_at',
        'a.enterprise_id',
        'e.name as enterprise_name',
        'a.lead_department_id',
        'd.name as department_name',
        phoneToCall.as('phone'),
        nameToCall.as('contact_name'),
        notReached(eb).as('attempts'),
        eb
          .selectFrom('appeal_follow_ups as f')
          .select('f.called_at')
          .whereRef('f.appeal_id', '=', 'a.id')
          .orderBy('f.id', 'desc')
          .limit(1)
          .as('last_call_at'),
      ])
      .orderBy('a.replied_at')
      .orderBy('a.id')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q
      .select((eb) => [
        eb.fn.countAll<number>().as('n'),
        eb.fn.count<number>('a.id').filterWhere('a.replied_at', '<', overdueBefore).as('overdue'),
      ])
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n), overdue: Number(count.overdue) };
}

/** Every follow-up call on an appeal, oldest first, with who made it. */
export function followUpCallRows(db: Db, appealId: number) {
  return db
    .selectFrom('appeal_follow_ups as f')
    .innerJoin('users as u', 'u.id', 'f.called_by')
    .select(['f.id', 'f.outcome', 'f.rating', 'f.comment', 'f.called_at', 'u.display_name'])
    .where('f.appeal_id', '=', appealId)
    .orderBy('f.id')
    .execute();
}

/** One appeal's number to call (in full), its reply and whether it awaits a follow-up. */
export function followUpTarget(db: Db, appealId: number) {
  return db
    .selectFrom('appeals as a')
    .innerJoin('enterprises as e', 'e.id', 'a.enterprise_id')
    .select(['a.id', 'a.replied_at', phoneToCall.as('phone'), nameToCall.as('contact_name')])
    .select((eb) => awaitingFollowUp(eb).as('awaiting'))
    .where('a.id', '=', appealId)
    .executeTakeFirst();
}

export async function insertFollowUp(tx: Tx, row: Insertable<AppealFollowUpsTable>): Promise<void> {
  await tx.insertInto('appeal_follow_ups').values(row).execute();
}

/** Follow-up calls on an appeal since `since` that did not reach the enterprise. */
export async function notReachedSince(db: Db, appealId: number, since: Date): Promise<number> {
  const r = await db
    .selectFrom('appeal_follow_ups')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('appeal_id', '=', appealId)
    .where('outcome', '=', 'not_reached')
    .where('called_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
