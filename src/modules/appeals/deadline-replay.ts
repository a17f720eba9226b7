import type { Grade } from '../../platform/db/schema.ts';
import {
  addDays,
  addPausedTime,
  addSpan,
  deadlineFor,
  nthWorkingDayAfter,
  shanghaiDate,
  workingDaysBetween,
  type DayClassifier,
  type OfficeHours,
} from '../calendar/working-days.ts';

/**
 * Recounting a stored deadline on another calendar (an administrator marked a holiday, or loaded
 * next year's schedule). Pure: the same steps on the same calendar give the same deadline.
 *
 * A handling deadline is the result of its timeline: the clock starts at acceptance (and again at
 * a reopening or an upheld return), waiting for the enterprise is given back, approved extensions
 * add working days. Replaying those steps on the new calendar gives the deadline the appeal would
 * have had, had the calendar always been so — pauses included (a holiday inside a pause neither
 * counts as handling time nor as time given back).
 */
export type DeadlineStep = { kind: 'start'; at: Date } | { kind: 'pause'; from: Date; to: Date } | { kind: 'extend'; workingDays: number };

/** A timeline event as stored; `data` is the effect's JSON. */
export interface StepEvent {
  action: string;
  at: Date;
  data: unknown;
}

const field = (data: unknown, key: string): unknown =>
  data !== null && typeof data === 'object' ? (data as Record<string, unknown>)[key] : undefined;

/** The steps that set an appeal's handling deadline, from its timeline in order. */
export function stepsFromEvents(events: readonly StepEvent[]): DeadlineStep[] {
  const steps: DeadlineStep[] = [];
  for (const e of events) {
    if (e.action === 'accept' || e.action === 'reopen') steps.push({ kind: 'start', at: e.at });
    else if (e.action === 'arbitrate_return' && field(e.data, 'decision') === 'upheld') steps.push({ kind: 'start', at: e.at });
    else if (e.action === 'provide_info') {
      const ms = Number(field(e.data, 'pausedMs'));
      if (Number.isFinite(ms) && ms >= 0) steps.push({ kind: 'pause', from: new Date(e.at.getTime() - ms), to: e.at });
    } else if (e.action === 'decide_extension' && field(e.data, 'approved') === true) {
      const days = Number(field(e.data, 'workingDays'));
      if (Number.isInteger(days) && days > 0) steps.push({ kind: 'extend', workingDays: days });
    }
  }
  return steps;
}

/** The deadline the steps give on `calendar`; null before the clock ever started. */
export function replayDeadline(steps: readonly DeadlineStep[], grade: Grade, calendar: DayClassifier, office: OfficeHours): Date | null {
  let due: Date | null = null;
  for (const s of steps) {
    if (s.kind === 'start') due = deadlineFor(s.at, grade, calendar, office).due;
    else if (!due) continue;
    else if (s.kind === 'pause') due = addPausedTime(due, s, grade, calendar, office).due;
    else due = addSpan(due, { workingDays: s.workingDays }, calendar, office).due;
  }
  return due;
}

/**
 * For a deadline of N working days counted from `from` whose steps are not known (an acceptance
 * deadline set from the settings of its day, a supervision order, a row the timeline does not
 * explain): N is what the old calendar counted up to the due day, and the new deadline is the
 * N-th working day after the same start on the new calendar, at the same time of day. Null when
 * `due` is not on a working day of the old calendar (it was not counted in working days).
 */
export function recount(from: Date, due: Date, before: DayClassifier, after: DayClassifier): Date | null {
  const start = shanghaiDate(from);
  const dueDay = shanghaiDate(due);
  if (dueDay <= start || !before.isWorkingDay(dueDay)) return null;
  const n = workingDaysBetween(addDays(start, 1), addDays(dueDay, 1), before).length;
  const next = nthWorkingDayAfter(start, n, after);
  return new Date(due.getTime() + (Date.parse(next) - Date.parse(dueDay)));
}

export interface Recounted {
  due: Date;
  /** replay: the timeline replayed; recount: the working days recounted from the last start. */
  how: 'replay' | 'recount';
}

/**
 * An appeal's handling deadline on the new calendar, or null when it does not change. The
 * timeline is trusted only when, replayed on the old calendar, it gives the stored deadline;
 * otherwise the working days from the last start are recounted (clock-hour grades are left alone).
 */
export function recountHandling(
  a: { grade: Grade; acceptedAt: Date | null; deadline: Date; events: readonly StepEvent[] },
  before: DayClassifier,
  after: DayClassifier,
  office: OfficeHours,
): Recounted | null {
  const steps = stepsFromEvents(a.events);
  if (!steps.some((s) => s.kind === 'start') && a.acceptedAt) steps.unshift({ kind: 'start', at: a.acceptedAt });
  const old = replayDeadline(steps, a.grade, before, office);
  let next: Recounted | null = null;
  if (old && old.getTime() === a.deadline.getTime()) {
    const due = replayDeadline(steps, a.grade, after, office);
    if (due) next = { due, how: 'replay' };
  } else if (a.grade !== 'urgent') {
    const lastStart = steps.filter((s) => s.kind === 'start').at(-1);
    const due = lastStart ? recount(lastStart.at, a.deadline, before, after) : null;
    if (due) next = { due, how: 'recount' };
  }
  return next && next.due.getTime() !== a.deadline.getTime() ? next : null;
}
