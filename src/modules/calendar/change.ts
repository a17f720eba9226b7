import type { Db, Tx } from '../../platform/db/index.ts';
import { announceChange } from '../../platform/db/changes.ts';
import type { Actor } from '../../platform/http/access.ts';
import { runCalendarHooks, type Moved } from './hooks.ts';
import * as repo from './repository.ts';
import { CALENDAR_CHANGED, readCalendar, refreshCalendar } from './store.ts';
import type { IsoDate } from './working-days.ts';

/** What a calendar write did, or null when it changed nothing. */
export interface Written<R> {
  result: R;
  /** Dates whose entry was written or removed; those that changed status run the hooks. */
  touched: readonly IsoDate[];
  /** Why, for the appeals' timeline notes. */
  reason: string;
}

export interface Applied<R> {
  result: R;
  /** Dates that changed from working day to day off or back. */
  dates: IsoDate[];
  /** Stored deadlines moved by the hooks, by kind. */
  moved: Moved;
}

/** Thrown to roll a preview back; carries its answer out of the transaction. */
class Preview<R> extends Error {
  constructor(readonly applied: Applied<R>) {
    super('preview');
  }
}

/**
 * Every calendar change goes through here: under a lock (changes one at a time), it reads the
 * calendar before and after `write`, finds the dates whose status changed and runs the hooks on
 * them — the appeals recount their open deadlines — then announces the change to the other
 * processes, all in one transaction. `preview` runs it all and rolls it back: what would move.
 */
export async function changeCalendar<R>(
  db: Db,
  actor: Actor,
  write: (tx: Tx) => Promise<Written<R> | null>,
  preview = false,
): Promise<Applied<R> | null> {
  let applied: Applied<R> | null;
  try {
    applied = await db.transaction().execute(async (tx) => {
      await repo.lockCalendar(tx);
      const before = await readCalendar(tx);
      const written = await write(tx);
      if (!written) return null;
      const after = await readCalendar(tx);
      const dates = [...new Set(written.touched)].filter((d) => before.day(d).kind !== after.day(d).kind).sort();
      const moved = await runCalendarHooks(db, tx, { before, after, dates, reason: written.reason, actor });
      const out = { result: written.result, dates, moved };
      if (preview) throw new Preview(out);
      await announceChange(tx, CALENDAR_CHANGED);
      return out;
    });
  } catch (err) {
    if (err instanceof Preview) return err.applied as Applied<R>;
    throw err;
  }
  if (applied) await refreshCalendar(db);
  return applied;
}
