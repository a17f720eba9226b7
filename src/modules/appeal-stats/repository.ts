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
  rated: number;
  satisfied: number;
  reopened: number;
  returns_upheld: number | null;
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
      count(a.rating) + sum(a.unsatisfied_ratings) as rated,
      count(*) filter (where a.rating >= 3) as satisfied,
      count(*) filter (where a.reopen_count > 0) as reopened,
      sum(a.returns_upheld) as returns_upheld
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
export async function keyNames(db: Db, by: Exclude<FiguresBy, 'month'>, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const table = ({ department: 'departments', service_item: 'service_items', category: 'taxonomy_categories', street: 'streets' } as const)[by];
  const rows = await db.selectFrom(table).select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The day of the earliest accepted appeal: where a report's working-day index must start. */
export async function firstAcceptedAt(db: Db): Promise<Date | null> {
  const r = await db.selectFrom('appeals').select((eb) => eb.fn.min('accepted_at').as('first')).executeTakeFirst();
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

/** Appeals overdue at `now`, longest overdue first (the partial index appeals_open_deadline finds them). */
export function overdueAppeals(db: Db, now: Date) {
  return db
    .selectFrom('appeals as a')
    .innerJoin('enterprises as e', 'e.id', 'a.enterprise_id')
    .leftJoin('departments as d', 'd.id', 'a.lead_department_id')
    .select(['a.id', 'a.number', 'a.title', 'e.name as enterprise', 'a.lead_department_id', 'd.name as department', 'a.deadline_at', 'a.warning_level'])
    .where('a.closed_at', 'is', null)
    .where(overdueAt(now))
    .orderBy('a.deadline_at')
    .orderBy('a.id')
    .execute();
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
