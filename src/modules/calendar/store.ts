import type { Db } from '../../platform/db/index.ts';
import { onChange } from '../../platform/db/changes.ts';
import { Calendar } from './calendar.ts';
import * as repo from './repository.ts';

/**
 * The process's in-memory calendar, one per database (tests open several). It is read once,
 * on first use, and re-read after each administrator change: this process's own at once, another
 * process's when its announcement arrives (platform/db/changes.ts).
 */
interface Holder {
  calendar: Calendar;
  /** Refreshes started and applied: a slow re-read never overwrites a newer one. */
  started: number;
  applied: number;
}

const holders = new WeakMap<Db, Promise<Holder>>();
/** The topic a calendar change announces to the other processes. */
export const CALENDAR_CHANGED = 'calendar';

async function read(db: Db) {
  const [overrides, years] = await Promise.all([repo.listOverrides(db), repo.listYears(db)]);
  return { overrides, years };
}

/** The calendar as `db` (or a transaction) holds it now: read fresh, not the process's copy. */
export async function readCalendar(db: Db): Promise<Calendar> {
  const { overrides, years } = await read(db);
  return new Calendar(overrides, years);
}

function holderFor(db: Db): Promise<Holder> {
  let holder = holders.get(db);
  if (!holder) {
    holder = read(db).then(({ overrides, years }) => ({ calendar: new Calendar(overrides, years), started: 0, applied: 0 }));
    // A failed first read (database down) must not stick: the next call tries again.
    holder.catch(() => holders.delete(db));
    holders.set(db, holder);
    onChange(db, CALENDAR_CHANGED, () => refreshCalendar(db));
  }
  return holder;
}

/**
 * The calendar for `db`. Await it once per request or job, then call it synchronously as often
 * as needed: `deadlineFor(acceptedAt, grade, calendar, officeHours)`, `calendar.day(date)`.
 */
export async function calendarFor(db: Db): Promise<Calendar> {
  return (await holderFor(db)).calendar;
}

/** Re-reads the overrides after a committed change, so the next computation uses them. */
export async function refreshCalendar(db: Db): Promise<void> {
  const holder = await holderFor(db);
  const mine = ++holder.started;
  const { overrides, years } = await read(db);
  if (mine < holder.applied) return;
  holder.applied = mine;
  holder.calendar.replace(overrides, years);
}
