import { isOfficialYear, officialDay } from './official.ts';
import { addDays, isWeekend, type DayClassifier, type IsoDate } from './working-days.ts';

/** An administrator's entry for one date; it wins over the package data. */
export interface CalendarOverride {
  date: IsoDate;
  kind: 'workday' | 'holiday';
  name: string | null;
}

export interface YearEntry {
  year: number;
  complete: boolean;
  note: string | null;
}

/**
 * Where a day's classification comes from: the package data (for the years it covers, plain
 * weekdays and weekends included), an administrator's override, or — for a year the package
 * does not cover — only the Monday–Friday rule.
 */
export type DaySource = 'official' | 'override' | 'default';

export interface DayInfo {
  date: IsoDate;
  kind: 'workday' | 'off';
  weekend: boolean;
  /** The holiday's name on a day off; on a 调休 working day, the holiday it makes up for. */
  holiday: string | null;
  /** A weekend day that is a working day (调休上班). */
  adjusted: boolean;
  source: DaySource;
}

export interface YearStatus {
  year: number;
  /** Covered by the package's official data. */
  official: boolean;
  /** Marked by the administrator as entered in full. */
  complete: boolean;
  note: string | null;
}

/**
 * The official calendar merged with the administrator's overrides, in memory.
 *
 * Appeals compute deadlines for many appeals at once, synchronously, so a day's answer is
 * computed once and cached by date. `replace()` swaps in the stored state after an
 * administrator's change; JavaScript runs it to completion, so no computation sees half of it.
 */
export class Calendar implements DayClassifier {
  private overrides = new Map<IsoDate, CalendarOverride>();
  private years = new Map<number, YearEntry>();
  private cache = new Map<IsoDate, DayInfo>();

  constructor(overrides: Iterable<CalendarOverride> = [], years: Iterable<YearEntry> = []) {
    this.replace(overrides, years);
  }

  replace(overrides: Iterable<CalendarOverride>, years: Iterable<YearEntry>): void {
    this.overrides = new Map([...overrides].map((o) => [o.date, o]));
    this.years = new Map([...years].map((y) => [y.year, y]));
    this.cache = new Map();
  }

  day(date: IsoDate): DayInfo {
    let info = this.cache.get(date);
    if (!info) {
      info = this.classify(date);
      this.cache.set(date, info);
    }
    return info;
  }

  isWorkingDay(date: IsoDate): boolean {
    return this.day(date).kind === 'workday';
  }

  year(year: number): YearStatus {
    const entry = this.years.get(year);
    return { year, official: isOfficialYear(year), complete: entry?.complete ?? false, note: entry?.note ?? null };
  }

  /** Every date of the year, in order. */
  days(year: number): DayInfo[] {
    const out: DayInfo[] = [];
    for (let d = `${year}-01-01`; d.startsWith(String(year)); d = addDays(d, 1)) out.push(this.day(d));
    return out;
  }

  /**
   * True when a year in [from, to] has neither package data nor a complete administrator entry:
   * a deadline counted over it follows the Monday–Friday rule and may move once the year is entered.
   */
  isProvisional(from: IsoDate, to: IsoDate = from): boolean {
    for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) {
      const status = this.year(y);
      if (!status.official && !status.complete) return true;
    }
    return false;
  }

  private classify(date: IsoDate): DayInfo {
    const weekend = isWeekend(date);
    const entry = this.overrides.get(date) ?? officialDay(date);
    const source: DaySource = this.overrides.has(date)
      ? 'override'
      : entry || isOfficialYear(Number(date.slice(0, 4)))
        ? 'official'
        : 'default';
    const working = entry ? entry.kind === 'workday' : !weekend;
    return {
      date,
      kind: working ? 'workday' : 'off',
      weekend,
      holiday: entry?.name ?? null,
      adjusted: working && weekend,
      source,
    };
  }
}
