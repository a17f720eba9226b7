import type { Grade } from '../../platform/db/schema.ts';

/**
 * Deadline arithmetic on the official working-day calendar: no storage, no clock, no process
 * time zone. Everything is a function of its arguments, so appeals, reports and tests agree.
 *
 * Dates are 'YYYY-MM-DD' strings of the Asia/Shanghai calendar. Shanghai has kept UTC+8 without
 * daylight saving since 1991, so a fixed offset is exact and Date's local getters are never used.
 *
 * Rules (from the product's issue):
 * - A span of N working days ends at the office end (18:00 by default) of the N-th working day
 *   AFTER the acceptance day. The acceptance day is the Shanghai date of the acceptance instant
 *   and is never counted, whatever the time or the kind of day: accepted Friday 10:00 or 20:00,
 *   or on Saturday, a normal appeal is due on the third working day after, Wednesday 18:00
 *   before a normal weekend. So an acceptance after office hours needs no rule of its own.
 * - A span of hours is clock hours: urgent = acceptance + 12 h, nights and holidays included.
 * - Time waiting for the enterprise is added back; an approved extension moves the deadline.
 */

export type IsoDate = string;

/** What the arithmetic needs from a calendar; `Calendar` (calendar.ts) is one. */
export interface DayClassifier {
  isWorkingDay(date: IsoDate): boolean;
}

/** The end of the office day in Asia/Shanghai, when a working-day deadline falls. */
export interface OfficeHours {
  endHour: number;
  endMinute: number;
}

export const DEFAULT_OFFICE_HOURS: OfficeHours = { endHour: 18, endMinute: 0 };

/** A length of time limit: whole working days or clock hours. Also the shape of an extension. */
export type Span = { workingDays: number } | { hours: number };

export const GRADE_SPANS: Readonly<Record<Grade, Span>> = {
  normal: { workingDays: 3 },
  urgent: { hours: 12 },
  complex: { workingDays: 7 },
};

export interface Deadline {
  due: Date;
  /** The working days counted to reach `due`, in order; empty for a span of hours. */
  workingDays: IsoDate[];
}

/** A period the appeal waited for the enterprise (补充材料, 等待答复). */
export interface Pause {
  from: Date;
  to: Date;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const SHANGHAI_OFFSET_MS = 8 * HOUR_MS;
/** A calendar with no working day for a whole year is a data error, not a reason to loop forever. */
const MAX_DAYS_OFF_IN_A_ROW = 366;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function dayNumber(date: IsoDate): number {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
}

function fromDayNumber(n: number): IsoDate {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** True for a real calendar date written YYYY-MM-DD (rejects 2025-02-30). */
export function isIsoDate(value: string): boolean {
  return ISO_DATE.test(value) && fromDayNumber(dayNumber(value)) === value;
}

/** The Asia/Shanghai calendar date of an instant. */
export function shanghaiDate(instant: Date): IsoDate {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** '2025-02-05 18:00', the Asia/Shanghai wall-clock time of an instant, for people to read. */
export function shanghaiDateTime(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: IsoDate): number {
  // Day 0 of the epoch, 1970-01-01, was a Thursday.
  return (((dayNumber(date) + 4) % 7) + 7) % 7;
}

export function isWeekend(date: IsoDate): boolean {
  const d = weekday(date);
  return d === 0 || d === 6;
}

/** The instant the office day ends on a Shanghai date. */
export function officeEnd(date: IsoDate, office: OfficeHours): Date {
  return new Date(dayNumber(date) * DAY_MS - SHANGHAI_OFFSET_MS + (office.endHour * 60 + office.endMinute) * 60_000);
}

/** The first `count` working days strictly after `date`. */
export function workingDaysAfter(date: IsoDate, count: number, calendar: DayClassifier): IsoDate[] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`working-day count must be a whole number ≥ 0: ${count}`);
  const found: IsoDate[] = [];
  let day = date;
  let offInARow = 0;
  while (found.length < count) {
    day = addDays(day, 1);
    if (calendar.isWorkingDay(day)) {
      found.push(day);
      offInARow = 0;
    } else if (++offInARow > MAX_DAYS_OFF_IN_A_ROW) {
      throw new RangeError(`the calendar has no working day in the year after ${day}`);
    }
  }
  return found;
}

/** The N-th working day after `date` (N ≥ 1). */
export function nthWorkingDayAfter(date: IsoDate, n: number, calendar: DayClassifier): IsoDate {
  if (n < 1) throw new RangeError(`n must be at least 1: ${n}`);
  return workingDaysAfter(date, n, calendar).at(-1)!;
}

/** The working days in [from, to): the dates a stopped clock does not count. */
export function workingDaysBetween(from: IsoDate, to: IsoDate, calendar: DayClassifier): IsoDate[] {
  const days: IsoDate[] = [];
  for (let day = from; day < to; day = addDays(day, 1)) if (calendar.isWorkingDay(day)) days.push(day);
  return days;
}

/** The deadline reached by counting `span` from `start`: the core of every rule below. */
export function addSpan(start: Date, span: Span, calendar: DayClassifier, office: OfficeHours): Deadline {
  if ('hours' in span) {
    if (!(span.hours >= 0)) throw new RangeError(`hours must be ≥ 0: ${span.hours}`);
    return { due: new Date(start.getTime() + span.hours * HOUR_MS), workingDays: [] };
  }
  if (span.workingDays === 0) return { due: start, workingDays: [] };
  const workingDays = workingDaysAfter(shanghaiDate(start), span.workingDays, calendar);
  return { due: officeEnd(workingDays.at(-1)!, office), workingDays };
}

/** The deadline of an appeal of `grade` accepted at `acceptedAt`. */
export function deadlineFor(acceptedAt: Date, grade: Grade, calendar: DayClassifier, office: OfficeHours): Deadline {
  return addSpan(acceptedAt, GRADE_SPANS[grade], calendar, office);
}

/**
 * An approved extension, counted from the current deadline: `{ workingDays: 2 }` moves a
 * Wednesday 18:00 deadline to Friday 18:00 (working days permitting), `{ hours: 24 }` by a day.
 */
export function extendDeadline(due: Date, extension: Span, calendar: DayClassifier, office: OfficeHours): Deadline {
  return addSpan(due, extension, calendar, office);
}

/**
 * Adds back time spent waiting for the enterprise, for an appeal of `grade` due at `due`.
 *
 * Clock-hour grades get the pause's exact duration. Working-day grades get the working days in
 * [pause day, resume day): the clock stops on the day the question is asked and restarts the
 * day after the answer, as it starts the day after acceptance. This equals recounting the
 * working days left at the pause from the resume day, and a pause within one day adds nothing.
 * Several pauses are added one after the other.
 */
export function addPausedTime(due: Date, pause: Pause, grade: Grade, calendar: DayClassifier, office: OfficeHours): Deadline {
  if (pause.to.getTime() < pause.from.getTime()) throw new RangeError('a pause must end after it starts');
  const span = GRADE_SPANS[grade];
  if ('hours' in span) return addSpan(due, { hours: (pause.to.getTime() - pause.from.getTime()) / HOUR_MS }, calendar, office);
  const paused = workingDaysBetween(shanghaiDate(pause.from), shanghaiDate(pause.to), calendar);
  return addSpan(due, { workingDays: paused.length }, calendar, office);
}

/** The first of the month `n` months after (or before) the month of `month` ('YYYY-MM…'), as 'YYYY-MM-01'. */
export function addMonths(month: string, n: number): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7)) - 1 + n;
  const yy = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  return `${String(yy).padStart(4, '0')}-${String(mm + 1).padStart(2, '0')}-01`;
}
