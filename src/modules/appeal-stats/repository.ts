import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import { CLOCK_STATES } from '../appeals/workflow.ts';
import type { DayIndex } from './period.ts';
import type { FiguresBy } from './schemas.ts';

/** Counts for one group of appeals; the rates are worked out from them in figures.ts. */
export interface FigureCounts {
  /** The department, item, category or street id; for months, the Shanghai day 'YYYY-MM-DD'. */
  key: number | string | null;
  received: number;
  closed: number;
  overdue: number;
  on_time: number;
  handling_days: number | null;
  replied: number;
  /** Ratings by source (self: the enterprise; follow_up: the office's call), every unsatisfied one included. */
  rated_self: number;
  satisfied_self: number;
  points_self: number;
  rated_follow_up: number;
  satisfied_follow_up: number;
  points_follow_up: number;
  reopened: number;
  returns_upheld: number | null;
  /** Closed without a rating, by why (closed_unrated). */
  unrated_not_reached: number;
  unrated_declined: number;
  unrated_auto: number;
  unrated_office: number;
}

const clockStates = sql.join(CLOCK_STATES.map((s) => sql.lit(s)));

/**
 * The Shanghai date of an instant (timezone(interval) is a cheap fixed offset). Written exactly as
 * in the statistics object appeals_accepted_day (migration 0004), which the planner matches by form.
 */
const shanghaiDay = (column: RawBuilder<unknown>) => sql<string>`timezone(interval '8 hours', ${column})::date`;
/** The date's 1-based position in the index. */
const position = (index: DayIndex, column: RawBuilder<unknown>) => sql<number>`(${shanghaiDay(column)} - ${index.base}::date + 1)`;

/** Working days from acceptance to reply, by two lookups in the index array (null when not replied). */
function handlingDays(index: DayIndex): RawBuilder<number> {
  const ordinals = sql`${index.ordinals}::int[]`;
  return sql<number>`((${ordinals})[${position(index, sql.ref('a.replied_at'))}] - (${ordinals})[${position(index, sql.ref('a.accepted_at'))}])`;
}

/** What "on time" means everywhere: replied by the deadline, or handled on the spot. */
const onTime = sql<boolean>`(a.on_spot or a.replied_at <= a.deadline_at)`;
/**
 * Overdue: the clock is running (the sweep's red light) and the deadline has passed. The cheap
 * test first: nearly every appeal has been replied to, and AND stops there.
 */
const overdueAt = (now: Date) => sql<boolean>`(a.replied_at is null and a.state in (${clockStates}) and a.deadline_at <= ${now})`;

/**
 * The appeal's current rating is satisfied and came from this source. An unsatisfied rating sends
 * the appeal back and lives on only in the counters (unsatisfied_*), so a current rating below 3
 * is never counted from the column: it is already among unsatisfied_ratings. Ratings from before
 * sources were recorded are the enterprise's own.
 */
const satisfiedBy = (source: 'self' | 'follow_up') =>
  source === 'self'
    ? sql<boolean>`(a.rating >= 3 and a.rating_source is distinct from 'follow_up')`
    : sql<boolean>`(a.rating >= 3 and a.rating_source = 'follow_up')`;

export interface FiguresQuery {
  by: FiguresBy;
  start: Date;
  end: Date;
  now: Date;
  /** A handler's own department: every figure is restricted to its appeals. */
  departmentId: number | undefined;
  /** Covers every day from the period's first to the last reply. */
  index: DayIndex;
}

/**
 * Every figure for every group in one pass over the period's appeals: one aggregate with FILTER
 * clauses, no per-group queries, no rows to the application. The cohort is the appeals accepted
 * in the period (covering index appeals_figures); each is attributed to its current lead department.
 */
export async function figureCounts(db: Db, q: FiguresQuery): Promise<FigureCounts[]> {
  const keys: Record<FiguresBy, { key: RawBuilder<unknown>; from: RawBuilder<unknown> }> = {
    department: { key: sql`a.lead_department_id`, from: sql`appeals a` },
    service_item: { key: sql`a.service_item_id`, from: sql`appeals a` },
    category: { key: sql`si.category_id`, from: sql`appeals a left join service_items si on si.id = a.service_item_id` },
    street: { key: sql`e.street_id`, from: sql`appeals a join enterprises e on e.id = a.enterprise_id` },
    appeal_type: { key: sql`a.appeal_type`, from: sql`appeals a` },
    // By day, folded into months by the caller: a day is what the planner has statistics for.
    month: { key: shanghaiDay(sql.ref('a.accepted_at')), from: sql`appeals a` },
  };
  const { key, from } = keys[q.by];
  const days = handlingDays(q.index);
  const closed = sql<boolean>`a.state = 'closed'`;
  const query = sql<FigureCounts>`
    select ${key} as key,
      count(*) as received,
      count(*) filter (where ${closed}) as closed,
      count(*) filter (where ${overdueAt(q.now)}) as overdue,
      count(*) filter (where ${closed} and ${onTime}) as on_time,
      sum(${days}) as handling_days,
      count(a.replied_at) as replied,
      count(*) filter (where ${satisfiedBy('self')}) + sum(a.unsatisfied_ratings - a.unsatisfied_follow_ups) as rated_self,
      count(*) filter (where ${satisfiedBy('self')}) as satisfied_self,
      coalesce(sum(a.rating) filter (where ${satisfiedBy('self')}), 0) + sum(a.unsatisfied_points - a.unsatisfied_follow_up_points) as points_self,
      count(*) filter (where ${satisfiedBy('follow_up')}) + sum(a.unsatisfied_follow_ups) as rated_follow_up,
      count(*) filter (where ${satisfiedBy('follow_up')}) as satisfied_follow_up,
      coalesce(sum(a.rating) filter (where ${satisfiedBy('follow_up')}), 0) + sum(a.unsatisfied_follow_up_points) as points_follow_up,
      count(*) filter (where a.reopen_count > 0) as reopened,
      sum(a.returns_upheld) as returns_upheld,
      count(*) filter (where a.closed_unrated = 'not_reached') as unrated_not_reached,
      count(*) filter (where a.closed_unrated = 'declined') as unrated_declined,
      count(*) filter (where a.closed_unrated = 'auto') as unrated_auto,
      count(*) filter (where a.closed_unrated = 'office') as unrated_office
    from ${from}
    where a.accepted_at >= ${q.start} and a.accepted_at < ${q.end}
      ${q.departmentId === undefined ? sql`` : sql`and a.lead_department_id = ${q.departmentId}`}
    group by 1`;
  // JIT compilation costs ~100 ms on this aggregate and saves less: it is planned over a million
  // rows, but each row is cheap. SET LOCAL needs a transaction and ends with it.
  return db.transaction().execute(async (tx) => {
    await sql`set local jit = off`.execute(tx);
    return (await query.execute(tx)).rows;
  });
}

/** Names for the groups' keys. */
export async function keyNames(db: Db, by: Exclude<FiguresBy, 'month' | 'appeal_type'>, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const table = ({ department: 'departments', service_item: 'service_items', category: 'taxonomy_categories', street: 'streets' } as const)[
    by
  ];
  const rows = await db.selectFrom(table).select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The day of the earliest accepted appeal: where a report's working-day index must start. */
export async function firstAcceptedAt(db: Db): Promise<Date | null> {
  const r = await db
    .selectFrom('appeals')
    .select((eb) => eb.fn.min('accepted_at').as('first'))
    .executeTakeFirst();
  return r?.first ?? null;
}

export interface ReportCounts {
  department_id: number | null;
  handled: number;
  closed: number;
  closed_on_time: number;
  handling_days: number | null;
  replied: number;
  returns_upheld: number | null;
}

/**
 * Per lead department, the appeals it held during the period (accepted before its end and not
 * closed before its start), and among them those closed in the period, late or on time.
 */
export async function reportCounts(db: Db, q: { start: Date; end: Date; index: DayIndex }): Promise<ReportCounts[]> {
  // The WHERE clause already excludes appeals closed before the period.
  const closedIn = sql<boolean>`(a.state = 'closed' and a.closed_at < ${q.end})`;
  const days = handlingDays(q.index);
  const r = await sql<ReportCounts>`
    select a.lead_department_id as department_id,
      count(*) as handled,
      count(*) filter (where ${closedIn}) as closed,
      count(*) filter (where ${closedIn} and ${onTime}) as closed_on_time,
      sum(${days}) filter (where ${closedIn}) as handling_days,
      count(a.replied_at) filter (where ${closedIn}) as replied,
      sum(a.returns_upheld) as returns_upheld
    from appeals a
    where a.accepted_at < ${q.end} and (a.closed_at is null or a.closed_at >= ${q.start})
    group by 1`.execute(db);
  return r.rows;
}

export interface ClosureCounts {
  closed: number;
  rated_self: number;
  rated_follow_up: number;
  unrated_not_reached: number;
  unrated_declined: number;
  unrated_auto: number;
  unrated_office: number;
}

/** The appeals closed in the period, by how: rated by the enterprise, rated in a follow-up call, or closed unrated and why. */
export async function closureCounts(db: Db, q: { start: Date; end: Date }): Promise<ClosureCounts> {
  const r = await sql<ClosureCounts>`
    select count(*) as closed,
      count(*) filter (where a.rating is not null and a.closed_unrated is null and a.rating_source is distinct from 'follow_up') as rated_self,
      count(*) filter (where a.rating is not null and a.closed_unrated is null and a.rating_source = 'follow_up') as rated_follow_up,
      count(*) filter (where a.closed_unrated = 'not_reached') as unrated_not_reached,
      count(*) filter (where a.closed_unrated = 'declined') as unrated_declined,
      count(*) filter (where a.closed_unrated = 'auto') as unrated_auto,
      count(*) filter (where a.closed_unrated = 'office') as unrated_office
    from appeals a
    where a.state = 'closed' and a.closed_at >= ${q.start} and a.closed_at < ${q.end}`.execute(db);
  const c = r.rows[0]!;
  return Object.fromEntries(Object.entries(c).map(([k, v]) => [k, Number(v)])) as unknown as ClosureCounts;
}

/** Appeals overdue at `now`, longest overdue first (the partial index appeals_open_deadline finds them). */
export function overdueAppeals(db: Db, now: Date) {
  return db
    .selectFrom('appeals as a')
    .innerJoin('enterprises as e', 'e.id', 'a.enterprise_id')
    .leftJoin('departments as d', 'd.id', 'a.lead_department_id')
    .select([
      'a.id',
      'a.number',
      'a.title',
      'e.name as enterprise',
      'a.lead_department_id',
      'd.name as department',
      'a.deadline_at',
      'a.warning_level',
    ])
    .where('a.closed_at', 'is', null)
    .where(overdueAt(now))
    .orderBy('a.deadline_at')
    .orderBy('a.id')
    .execute();
}

/** Unaccepted appeals past their acceptance deadline (受理时限) at `now`, longest waiting first. */
export function unacceptedOverdue(db: Db, now: Date) {
  return db
    .selectFrom('appeals as a')
    .innerJoin('enterprises as e', 'e.id', 'a.enterprise_id')
    .select(['a.id', 'a.number', 'a.title', 'e.name as enterprise', 'a.accept_deadline_at', 'a.warning_level'])
    .where('a.state', '=', 'submitted')
    .where('a.accept_deadline_at', '<=', now)
    .orderBy('a.accept_deadline_at')
    .orderBy('a.id')
    .execute();
}

export interface AcceptanceCounts {
  waiting: number;
  overdue: number;
  accepted: number;
  accepted_late: number;
}

/**
 * The acceptance clock's figures: the appeals waiting now and those past their acceptance
 * deadline, and among the appeals accepted in the period those accepted after it. Appeals
 * accepted before the clock existed (migration 0017) have no deadline and count as on time.
 */
export async function acceptanceCounts(db: Db, q: { start: Date; end: Date; now: Date }): Promise<AcceptanceCounts> {
  const inPeriod = sql<boolean>`(a.accepted_at >= ${q.start} and a.accepted_at < ${q.end})`;
  const r = await sql<AcceptanceCounts>`
    select count(*) filter (where a.state = 'submitted') as waiting,
      count(*) filter (where a.state = 'submitted' and a.accept_deadline_at <= ${q.now}) as overdue,
      count(*) filter (where ${inPeriod}) as accepted,
      count(*) filter (where ${inPeriod} and a.accepted_at > a.accept_deadline_at) as accepted_late
    from appeals a
    where a.state = 'submitted' or ${inPeriod}`.execute(db);
  const c = r.rows[0]!;
  return { waiting: Number(c.waiting), overdue: Number(c.overdue), accepted: Number(c.accepted), accepted_late: Number(c.accepted_late) };
}

export async function openSupervisionOrders(db: Db): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('supervision_orders')
    .select(['department_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'open')
    .groupBy('department_id')
    .execute();
  return new Map(rows.map((r) => [r.department_id, Number(r.n)]));
}
