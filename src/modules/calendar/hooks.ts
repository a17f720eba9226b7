import type { Db, Tx } from '../../platform/db/index.ts';
import type { Actor } from '../../platform/http/access.ts';
import type { Calendar } from './calendar.ts';
import type { IsoDate } from './working-days.ts';

/** A change of the working-day calendar, seen from inside the transaction that makes it. */
export interface CalendarChange {
  /** The calendar as it was and as it will be once the transaction commits. */
  before: Calendar;
  after: Calendar;
  /** The dates that changed from working day to day off or back, ascending; never empty. */
  dates: readonly IsoDate[];
  /** Why, for people: 管理员将 2027-01-01 设为放假（元旦）. */
  reason: string;
  actor: Actor;
}

/** How many stored items a hook moved, by kind (e.g. { deadlines: 3, acceptDeadlines: 1 }). */
export type Moved = Record<string, number>;

/**
 * What another module does when working days change: the appeal loop recounts the stored
 * deadlines of its open items. Hooks run in the calendar change's transaction, so the calendar
 * and every deadline counted on it commit together or not at all. They are kept per database
 * (tests open several, each app registering its own hooks with its own settings).
 */
export type CalendarHook = (tx: Tx, change: CalendarChange) => Promise<Moved>;

const hooks = new WeakMap<Db, Map<string, CalendarHook>>();

export function onCalendarChange(db: Db, name: string, hook: CalendarHook): void {
  let mine = hooks.get(db);
  if (!mine) hooks.set(db, (mine = new Map()));
  mine.set(name, hook);
}

export async function runCalendarHooks(db: Db, tx: Tx, change: CalendarChange): Promise<Moved> {
  const moved: Moved = {};
  if (change.dates.length === 0) return moved;
  for (const hook of hooks.get(db)?.values() ?? []) {
    for (const [kind, n] of Object.entries(await hook(tx, change))) moved[kind] = (moved[kind] ?? 0) + n;
  }
  return moved;
}
