import type { Db } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors.ts';
import type { SessionUser } from '../../platform/http/access.ts';
import { addDays, shanghaiDate, type DayClassifier } from '../calendar/working-days.ts';
import { DayIndex, instants, monthsOf, type Period } from './period.ts';
import * as repo from './repository.ts';
import type { FiguresBy, FiguresResult, FiguresRow, FiguresTotals } from './schemas.ts';

export const ratio = (n: number, d: number): number | null => (d > 0 ? n / d : null);

type Counts = Omit<repo.FigureCounts, 'key'>;

const ZERO: Counts = {
  received: 0,
  closed: 0,
  overdue: 0,
  on_time: 0,
  handling_days: 0,
  replied: 0,
  rated_self: 0,
  satisfied_self: 0,
  points_self: 0,
  rated_follow_up: 0,
  satisfied_follow_up: 0,
  points_follow_up: 0,
  reopened: 0,
  returns_upheld: 0,
  unrated_not_reached: 0,
  unrated_declined: 0,
  unrated_auto: 0,
  unrated_office: 0,
};

function add(a: Counts, b: Counts): Counts {
  const sum = { ...a };
  for (const k of Object.keys(ZERO) as (keyof Counts)[]) sum[k] = (a[k] ?? 0) + (b[k] ?? 0);
  return sum;
}

/** The published definitions, in one place (schemas.ts describes each field the same way). */
function figuresOf(c: Counts): FiguresTotals {
  const rated = c.rated_self + c.rated_follow_up;
  const satisfied = c.satisfied_self + c.satisfied_follow_up;
  return {
    received: c.received,
    closed: c.closed,
    // Every accepted appeal is either closed or still open: declined ones are never accepted.
    open: c.received - c.closed,
    overdue: c.overdue,
    onTime: c.on_time,
    closureRate: ratio(c.closed, c.received),
    // Open overdue appeals count against the rate now, not only once they are finally closed.
    onTimeRate: ratio(c.on_time, c.closed + c.overdue),
    replied: c.replied,
    avgHandlingDays: ratio(c.handling_days ?? 0, c.replied),
    rated,
    satisfied,
    satisfactionRate: ratio(satisfied, rated),
    avgRating: ratio(c.points_self + c.points_follow_up, rated),
    selfRated: c.rated_self,
    selfSatisfied: c.satisfied_self,
    selfSatisfactionRate: ratio(c.satisfied_self, c.rated_self),
    selfAvgRating: ratio(c.points_self, c.rated_self),
    followUpRated: c.rated_follow_up,
    followUpSatisfied: c.satisfied_follow_up,
    followUpSatisfactionRate: ratio(c.satisfied_follow_up, c.rated_follow_up),
    followUpAvgRating: ratio(c.points_follow_up, c.rated_follow_up),
    closedUnrated: c.unrated_not_reached + c.unrated_declined + c.unrated_auto + c.unrated_office,
    closedUnratedNotReached: c.unrated_not_reached,
    closedUnratedDeclined: c.unrated_declined,
    closedUnratedAuto: c.unrated_auto,
    closedUnratedOffice: c.unrated_office,
    reopened: c.reopened,
    reopenRate: ratio(c.reopened, c.closed),
    returnsUpheld: c.returns_upheld ?? 0,
  };
}

const TYPE_NAMES: Record<string, string> = { consultation: '咨询', help: '求助', complaint: '投诉', suggestion: '建议' };

const NO_KEY: Record<Exclude<FiguresBy, 'month' | 'appeal_type'>, string> = {
  department: '未分办（含现场即办）',
  service_item: '未归类',
  category: '未归类',
  street: '未登记街道',
};

/** The period asked for, this year to date by default. */
export function resolvePeriod(q: { from?: string | undefined; to?: string | undefined }, now: Date): Period {
  const to = q.to ?? shanghaiDate(now);
  const period = { from: q.from ?? `${to.slice(0, 4)}-01-01`, to };
  if (period.to < period.from) throw AppError.validation('to', '结束日期不能早于开始日期');
  return period;
}

/** The days folded into months; every month of the period, so that a chart's time axis has no gaps. */
function monthRows(period: Period, counts: repo.FigureCounts[]): FiguresRow[] {
  const byMonth = new Map<string, Counts>();
  for (const c of counts) {
    const month = String(c.key).slice(0, 7);
    byMonth.set(month, add(byMonth.get(month) ?? ZERO, c));
  }
  return monthsOf(period).map((m) => ({ key: m, name: `${m.slice(0, 4)}年${Number(m.slice(5))}月`, ...figuresOf(byMonth.get(m) ?? ZERO) }));
}

/** Every appeal type, in the intake form's order, even when none was received. */
function typeRows(counts: repo.FigureCounts[]): FiguresRow[] {
  const byType = new Map(counts.map((c) => [String(c.key), c]));
  return Object.entries(TYPE_NAMES).map(([key, name]) => ({ key, name, ...figuresOf(byType.get(key) ?? ZERO) }));
}

/** Named groups, the largest first. */
async function groupRows(db: Db, by: Exclude<FiguresBy, 'month' | 'appeal_type'>, counts: repo.FigureCounts[]): Promise<FiguresRow[]> {
  const names = await repo.keyNames(
    db,
    by,
    counts.flatMap((c) => (typeof c.key === 'number' ? [c.key] : [])),
  );
  return counts
    .map((c) => ({
      key: c.key === null ? null : String(c.key),
      name: typeof c.key === 'number' ? (names.get(c.key) ?? String(c.key)) : NO_KEY[by],
      ...figuresOf(c),
    }))
    .sort((a, b) => b.received - a.received || a.name.localeCompare(b.name, 'zh'));
}

/**
 * The appeal figures for the appeals accepted in the period, grouped as asked. A handler sees
 * only the appeals its department leads; everyone else sees the district.
 */
export async function figures(
  db: Db,
  calendar: DayClassifier,
  user: SessionUser,
  q: { by: FiguresBy; from?: string | undefined; to?: string | undefined },
  now = new Date(),
): Promise<FiguresResult> {
  const period = resolvePeriod(q, now);
  const today = shanghaiDate(now);
  // Replies happen up to today; the margin keeps a reply stamped by a clock slightly ahead countable.
  const index = new DayIndex(calendar, period.from, addDays(period.to > today ? period.to : today, 31));
  const counts = await repo.figureCounts(db, {
    by: q.by,
    ...instants(period),
    now,
    departmentId: user.role === 'handler' ? (user.departmentId ?? -1) : undefined,
    index,
  });

  // Acceptance is the front office's step, before any department: not shown to a department's handler.
  const acceptance = user.role === 'handler' ? null : await repo.acceptanceCounts(db, { ...instants(period), now });
  const rows = q.by === 'month' ? monthRows(period, counts) : q.by === 'appeal_type' ? typeRows(counts) : await groupRows(db, q.by, counts);
  return {
    by: q.by,
    from: period.from,
    to: period.to,
    generatedAt: now.toISOString(),
    rows,
    totals: figuresOf(counts.reduce<Counts>((sum, c) => add(sum, c), ZERO)),
    acceptance: acceptance && {
      waiting: acceptance.waiting,
      overdue: acceptance.overdue,
      accepted: acceptance.accepted,
      acceptedLate: acceptance.accepted_late,
      onTimeRate: ratio(acceptance.accepted - acceptance.accepted_late, acceptance.accepted + acceptance.overdue),
    },
  };
}
