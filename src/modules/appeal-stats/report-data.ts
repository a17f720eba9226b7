import type { Db } from '../../platform/db/index.ts';
import { addDays, shanghaiDate, type DayClassifier } from '../calendar/working-days.ts';
import { ratio } from './figures.ts';
import { DayIndex, instants, type Period } from './period.ts';
import * as repo from './repository.ts';
import type { ReportData, ReportDepartment } from './schemas.ts';

const later = (a: string, b: string) => (a > b ? a : b);
const earlier = (a: string, b: string) => (a < b ? a : b);

/** Worst first: most overdue now, then the lowest on-time rate, then the most closed late. */
function worstFirst(a: Omit<ReportDepartment, 'rank'>, b: Omit<ReportDepartment, 'rank'>): number {
  return (
    b.overdueNow - a.overdueNow ||
    (a.onTimeRate ?? 1) - (b.onTimeRate ?? 1) ||
    b.closedLate - a.closedLate ||
    b.maxDaysOverdue - a.maxDaysOverdue ||
    a.departmentId - b.departmentId
  );
}

/**
 * The overdue report (晾晒) for a period, as published: every department that held appeals in
 * the period or has overdue ones or open supervision orders, ranked worst first, and every
 * appeal overdue at `now`. Figures follow the same definitions as the appeal figures, each
 * attributed to the appeal's current lead department (an upheld return moves it away).
 */
export async function buildReport(db: Db, calendar: DayClassifier, period: Period, now: Date): Promise<ReportData> {
  const today = shanghaiDate(now);
  // Appeals closed in the period may have been accepted long before it: index from the first one.
  const [first, unaccepted] = await Promise.all([repo.firstAcceptedAt(db), repo.unacceptedOverdue(db, now)]);
  // …and an appeal may wait for acceptance since before any was accepted.
  const starts = [period.from, ...(first ? [shanghaiDate(first)] : []), ...unaccepted.map((a) => shanghaiDate(a.accept_deadline_at!))];
  const base = starts.reduce(earlier);
  const index = new DayIndex(calendar, base, addDays(later(today, period.to), 31));
  const [counts, overdue, orders, closures] = await Promise.all([
    repo.reportCounts(db, { ...instants(period), index }),
    repo.overdueAppeals(db, now),
    repo.openSupervisionOrders(db),
    repo.closureCounts(db, instants(period)),
  ]);

  const overdueItems = overdue.map((a) => ({
    appealId: a.id,
    number: a.number,
    title: a.title,
    enterprise: a.enterprise,
    departmentId: a.lead_department_id,
    department: a.department ?? '未分办',
    deadlineAt: a.deadline_at!.toISOString(),
    daysOverdue: index.between(shanghaiDate(a.deadline_at!), today),
    warningLevel: a.warning_level,
  }));
  overdueItems.sort((a, b) => b.daysOverdue - a.daysOverdue || a.deadlineAt.localeCompare(b.deadlineAt));
  // Past the acceptance deadline (受理时限): the front office's, listed after the departments' and
  // kept out of the departments' rows and on-time rates.
  const acceptItems = unaccepted.map((a) => ({
    appealId: a.id,
    number: a.number,
    title: a.title,
    enterprise: a.enterprise,
    departmentId: null,
    department: '待受理（受理超时）',
    deadlineAt: a.accept_deadline_at!.toISOString(),
    daysOverdue: index.between(shanghaiDate(a.accept_deadline_at!), today),
    warningLevel: a.warning_level,
    stage: 'acceptance' as const,
  }));

  const byDepartment = new Map(counts.flatMap((c) => (c.department_id === null ? [] : [[c.department_id, c] as const])));
  const ids = [
    ...new Set([
      ...byDepartment.keys(),
      ...overdueItems.flatMap((i) => (i.departmentId === null ? [] : [i.departmentId])),
      ...orders.keys(),
    ]),
  ];
  const names = await repo.keyNames(db, 'department', ids);

  const rows = ids.map((id) => {
    const c = byDepartment.get(id);
    const mine = overdueItems.filter((i) => i.departmentId === id);
    const closed = c?.closed ?? 0;
    const closedLate = closed - (c?.closed_on_time ?? 0);
    return {
      departmentId: id,
      name: names.get(id) ?? String(id),
      handled: c?.handled ?? 0,
      closed,
      closedLate,
      overdueNow: mine.length,
      maxDaysOverdue: Math.max(0, ...mine.map((i) => i.daysOverdue)),
      onTimeRate: ratio(c?.closed_on_time ?? 0, closed + mine.length),
      avgHandlingDays: ratio(c?.handling_days ?? 0, c?.replied ?? 0),
      supervisionOpen: orders.get(id) ?? 0,
      returnsUpheld: c?.returns_upheld ?? 0,
      lagging: mine.length > 0 || closedLate > 0,
    };
  });
  const departments = rows.sort(worstFirst).map((r, i) => ({ rank: i + 1, ...r }));

  const sum = (f: (c: repo.ReportCounts) => number | null) => counts.reduce((s, c) => s + (f(c) ?? 0), 0);
  const closed = sum((c) => c.closed);
  const onTime = sum((c) => c.closed_on_time);
  return {
    periodStart: period.from,
    periodEnd: period.to,
    generatedAt: now.toISOString(),
    totals: {
      handled: sum((c) => c.handled),
      closed,
      closedLate: closed - onTime,
      overdueNow: overdueItems.length,
      onTimeRate: ratio(onTime, closed + overdueItems.length),
      avgHandlingDays: ratio(
        sum((c) => c.handling_days),
        sum((c) => c.replied),
      ),
      supervisionOpen: [...orders.values()].reduce((s, n) => s + n, 0),
      returnsUpheld: sum((c) => c.returns_upheld),
      laggingDepartments: departments.filter((d) => d.lagging).length,
      acceptOverdueNow: acceptItems.length,
    },
    closures: {
      closed: closures.closed,
      ratedSelf: closures.rated_self,
      ratedFollowUp: closures.rated_follow_up,
      unrated: closures.unrated_not_reached + closures.unrated_declined + closures.unrated_auto + closures.unrated_office,
      unratedNotReached: closures.unrated_not_reached,
      unratedDeclined: closures.unrated_declined,
      unratedAuto: closures.unrated_auto,
      unratedOffice: closures.unrated_office,
    },
    departments,
    overdueItems: [...overdueItems, ...acceptItems],
  };
}
