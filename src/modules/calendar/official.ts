import data from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import type { IsoDate } from './working-days.ts';

/**
 * The State Council's holiday arrangements (国务院办公厅 节假日安排), as the chinese-days
 * package ships them. We read its data file rather than call its isWorkday()/getDayDetail():
 * those parse 'YYYY-MM-DD' as UTC but read the weekday with local-time getters, so in a process
 * whose time zone is west of UTC they answer for the wrong day (TZ=America/New_York makes
 * Monday 2024-02-05 a day off). The data file holds the same arrangements, keyed by date.
 */

export interface OfficialDay {
  /** holiday: a day off by the arrangement; workday: a weekend day worked instead (调休上班). */
  kind: 'holiday' | 'workday';
  /** The holiday's Chinese name, e.g. 春节; for a workday, the holiday it makes up for. */
  name: string;
}

/** The package writes each entry as "Spring Festival,春节,4" (English, Chinese, length in days). */
function chineseName(entry: string): string {
  return entry.split(',')[1] ?? entry;
}

const days = new Map<IsoDate, OfficialDay>();
for (const [date, entry] of Object.entries(data.holidays)) days.set(date, { kind: 'holiday', name: chineseName(entry) });
// A date listed as both would be a data error; the package's own lookup lets the workday win.
for (const [date, entry] of Object.entries(data.workdays)) days.set(date, { kind: 'workday', name: chineseName(entry) });

const years = [...days.keys()].map((d) => Number(d.slice(0, 4)));

/** The years the package covers; outside them only the Monday–Friday rule and overrides apply. */
export const OFFICIAL_FIRST_YEAR = Math.min(...years);
export const OFFICIAL_LAST_YEAR = Math.max(...years);

export function isOfficialYear(year: number): boolean {
  return year >= OFFICIAL_FIRST_YEAR && year <= OFFICIAL_LAST_YEAR;
}

/** The arrangement for a date, or undefined when it is an ordinary weekday or weekend day. */
export function officialDay(date: IsoDate): OfficialDay | undefined {
  return days.get(date);
}
