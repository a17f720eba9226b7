import { sql, type ExpressionBuilder } from 'kysely';
import type { z } from 'zod';
import type { DB, Db } from '../../platform/db/index.ts';
import type { AppealsTable } from '../../platform/db/schema-appeals.ts';
import { AppError } from '../../platform/errors.ts';
import { maskMobile, maskName } from '../../platform/mask.ts';
import { addDays, shanghaiDate } from '../calendar/working-days.ts';
import type { AppealClock, AppealSettings } from './clock.ts';
import type { followUpQuery } from './follow-up-schemas.ts';
import type { AppealDeps } from './service.ts';
import type { AppealState } from './workflow.ts';

/** When the office should have called: N working days after the reply (the end of that office day). */
export function followUpDue(clock: AppealClock, settings: AppealSettings, repliedAt: Date): Date {
  return settings.followUpAfterWorkingDays === 0 ? repliedAt : clock.addWorkingDays(repliedAt, settings.followUpAfterWorkingDays);
}

/**
 * The instant before which a reply's follow-up is overdue at `now`. The due date depends only on
 * the reply's Shanghai day, and later days are due later, so it is the start of the day after the
 * latest reply day already due: list filters and the sweep compare replied_at with it in SQL.
 */
export function overdueCutoff(clock: AppealClock, settings: AppealSettings, now: Date): Date {
  if (settings.followUpAfterWorkingDays === 0) return now;
  const today = shanghaiDate(now);
  // Twenty working days never span more than about two months, even over the Spring Festival.
  for (let k = 0; k < 80; k++) {
    const day = addDays(today, -k);
    if (followUpDue(clock, settings, new Date(`${day}T12:00:00+08:00`)) <= now) return new Date(`${addDays(day, 1)}T00:00:00+08:00`);
  }
  return new Date(`${addDays(today, -80)}T00:00:00+08:00`);
}

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

function baseQuery(db: Db) {
  return db
    .selectFrom('appeals as a')
    .innerJoin('enterprises as e', 'e.id', 'a.enterprise_id')
    .leftJoin('departments as d', 'd.id', 'a.lead_department_id')
    .where(awaitingFollowUp);
}

/** The follow-up queue (回访): oldest reply first, each with its due date, attempts and the number to call (masked). */
export async function followUpQueue(deps: AppealDeps, f: z.output<typeof followUpQuery>, now = new Date()) {
  const settings = deps.settings();
  const cutoff = overdueCutoff(deps.clock, settings, now);
  let q = baseQuery(deps.db);
  if (f.overdue !== undefined) q = q.where('a.replied_at', f.overdue ? '<' : '>=', cutoff);
  if (f.appealType) q = q.where('a.appeal_type', '=', f.appealType);
  if (f.channel) q = q.where('a.channel', '=', f.channel);
  if (f.departmentId) q = q.where('a.lead_department_id', '=', f.departmentId);
  if (f.q) {
    const like = `%${f.q}%`;
    q = q.where((eb) => eb.or([eb('a.number', 'like', like), eb('a.title', 'like', like), eb('e.name', 'like', like)]));
  }
  const notReached = (eb: ExpressionBuilder<DB & { a: AppealsTable }, 'a'>) =>
    eb.selectFrom('appeal_follow_ups as f').select((s) => s.fn.countAll<number>().as('n')).whereRef('f.appeal_id', '=', 'a.id').where('f.outcome', '=', 'not_reached').whereRef('f.called_at', '>=', 'a.replied_at');
  if (f.attempted !== undefined) q = q.where((eb) => eb(notReached(eb), f.attempted ? '>' : '=', 0));
  const [rows, count] = await Promise.all([
    q
      .select((eb) => [
        'a.id', 'a.number', 'a.title', 'a.state', 'a.appeal_type', 'a.channel', 'a.on_spot', 'a.replied_at', 'a.enterprise_id', 'e.name as enterprise_name',
        'a.lead_department_id', 'd.name as department_name', phoneToCall.as('phone'), nameToCall.as('contact_name'),
        notReached(eb).as('attempts'),
        eb.selectFrom('appeal_follow_ups as f').select('f.called_at').whereRef('f.appeal_id', '=', 'a.id').orderBy('f.id', 'desc').limit(1).as('last_call_at'),
      ])
      .orderBy('a.replied_at')
      .orderBy('a.id')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q.select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.count<number>('a.id').filterWhere('a.replied_at', '<', cutoff).as('overdue')]).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(count.n),
    overdue: Number(count.overdue),
    followUpAfterWorkingDays: settings.followUpAfterWorkingDays,
    maxAttempts: settings.followUpMaxAttempts,
    items: rows.map((r) => {
      const due = followUpDue(deps.clock, settings, r.replied_at!);
      return {
        id: r.id,
        number: r.number,
        title: r.title,
        state: r.state as AppealState,
        appealType: r.appeal_type,
        channel: r.channel,
        closedOnSpot: r.state === 'closed' && r.on_spot,
        enterprise: { id: r.enterprise_id, name: r.enterprise_name },
        department: r.lead_department_id !== null && r.department_name !== null ? { id: r.lead_department_id, name: r.department_name } : null,
        contactName: maskName(r.contact_name),
        contactPhone: maskMobile(r.phone),
        repliedAt: r.replied_at!.toISOString(),
        dueAt: due.toISOString(),
        overdue: due <= now,
        attempts: Number(r.attempts),
        lastCallAt: r.last_call_at ? new Date(r.last_call_at).toISOString() : null,
      };
    }),
  };
}

/** Every follow-up call on an appeal, oldest first, with who made it. */
export async function followUpCalls(db: Db, appealId: number) {
  const rows = await db
    .selectFrom('appeal_follow_ups as f')
    .innerJoin('users as u', 'u.id', 'f.called_by')
    .select(['f.id', 'f.outcome', 'f.rating', 'f.comment', 'f.called_at', 'u.display_name'])
    .where('f.appeal_id', '=', appealId)
    .orderBy('f.id')
    .execute();
  return rows.map((r) => ({ id: r.id, outcome: r.outcome, rating: r.rating, comment: r.comment, calledBy: r.display_name, calledAt: r.called_at.toISOString() }));
}

/** One appeal's follow-up: the number to call (in full, for the office), the due date and every call so far. */
export async function followUpOf(deps: AppealDeps, appealId: number, now = new Date()) {
  const a = await deps.db
    .selectFrom('appeals as a')
    .innerJoin('enterprises as e', 'e.id', 'a.enterprise_id')
    .select(['a.id', 'a.replied_at', phoneToCall.as('phone'), nameToCall.as('contact_name')])
    .select((eb) => awaitingFollowUp(eb).as('awaiting'))
    .where('a.id', '=', appealId)
    .executeTakeFirst();
  if (!a) throw AppError.notFound('诉求');
  const settings = deps.settings();
  const due = a.awaiting && a.replied_at ? followUpDue(deps.clock, settings, a.replied_at) : null;
  return {
    awaiting: Boolean(a.awaiting),
    contactName: a.contact_name,
    contactPhone: a.phone,
    dueAt: due?.toISOString() ?? null,
    overdue: due !== null && due <= now,
    maxAttempts: settings.followUpMaxAttempts,
    calls: await followUpCalls(deps.db, appealId),
  };
}
