import { addDays, shanghaiDate, weekday, type DayClassifier, type IsoDate } from '../calendar/working-days.ts';

/** A period of whole Asia/Shanghai days, both ends included. */
export interface Period {
  from: IsoDate;
  to: IsoDate;
}

const DAY_MS = 86_400_000;

/** The instant a Shanghai date begins (UTC+8 all year, so a fixed offset is exact). */
export function startOfDay(date: IsoDate): Date {
  return new Date(`${date}T00:00:00+08:00`);
}

/** The period as the half-open range of instants [start, end) that SQL compares with. */
export function instants(p: Period): { start: Date; end: Date } {
  return { start: startOfDay(p.from), end: startOfDay(addDays(p.to, 1)) };
}

/** Whole days from `a` to `b` (negative when b is earlier). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((startOfDay(b).getTime() - startOfDay(a).getTime()) / DAY_MS);
}

/**
 * Working-day ordinals for every day from `base` to `last`: ordinals[i] counts the working days
 * in (base, base + i]. The working days an appeal took, counted like its deadline (the day of
 * acceptance is not counted, the day of the reply is), are then one subtraction — in JavaScript
 * with `between`, and in SQL by subscripting the same array, so a million appeals need no
 * per-row calendar walk and the figures always follow the administrator's current calendar.
 */
export class DayIndex {
  readonly ordinals: number[];

  constructor(
    calendar: DayClassifier,
    readonly base: IsoDate,
    last: IsoDate,
  ) {
    const length = Math.max(0, daysBetween(base, last)) + 1;
    this.ordinals = new Array<number>(length);
    let count = 0;
    for (let i = 0, day = base; i < length; i++, day = addDays(day, 1)) {
      if (i > 0 && calendar.isWorkingDay(day)) count++;
      this.ordinals[i] = count;
    }
  }

  /** Working days after the day `from` up to and including the day `to`; 0 on the same day. */
  between(from: IsoDate, to: IsoDate): number {
    const a = this.ordinals[daysBetween(this.base, from)];
    const b = this.ordinals[daysBetween(this.base, to)];
    if (a === undefined || b === undefined) throw new RangeError(`${from}–${to} is outside the index ${this.base}…`);
    return b - a;
  }
}

/** 'YYYY-MM' of every month the period touches, in order. */
export function monthsOf(p: Period): string[] {
  const months: string[] = [];
  for (let month = p.from.slice(0, 7); month <= p.to.slice(0, 7); month = addDays(`${month}-28`, 7).slice(0, 7)) months.push(month);
  return months;
}

/** Reports are published on Monday at 08:00 Asia/Shanghai, for the Monday–Sunday before. */
const PUBLISH_HOUR = 8;

/**
 * The week whose weekly report is due at `now`: the last Monday–Sunday whose publication time
 * has passed. Before 08:00 on a Monday that is still the week before last, so a server that was
 * down at publication time catches up when it comes back.
 */
export function dueWeek(now: Date): Period {
  const today = shanghaiDate(now);
  let monday = addDays(today, -((weekday(today) + 6) % 7));
  if (now.getTime() < startOfDay(monday).getTime() + PUBLISH_HOUR * 3_600_000) monday = addDays(monday, -7);
  return { from: addDays(monday, -7), to: addDays(monday, -1) };
}
