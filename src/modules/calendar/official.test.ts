import chineseDays from 'chinese-days';
import { afterEach, describe, expect, it } from 'vitest';
import { Calendar } from './calendar.ts';
import { isOfficialYear, OFFICIAL_FIRST_YEAR, OFFICIAL_LAST_YEAR } from './official.ts';
import { addDays } from './working-days.ts';

const originalTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = originalTz;
});

describe('official data (chinese-days)', () => {
  it('covers 2004 to 2026', () => {
    expect([OFFICIAL_FIRST_YEAR, OFFICIAL_LAST_YEAR]).toEqual([2004, 2026]);
    expect(isOfficialYear(2026)).toBe(true);
    expect(isOfficialYear(2027)).toBe(false);
  });

  it('agrees with the package’s own lookups on every day it covers', () => {
    // The package's functions are only right in a process on UTC+8 or UTC; ours in any.
    process.env.TZ = 'Asia/Shanghai';
    const calendar = new Calendar();
    const disagreements: string[] = [];
    for (let d = `${OFFICIAL_FIRST_YEAR}-01-01`; d <= `${OFFICIAL_LAST_YEAR}-12-31`; d = addDays(d, 1)) {
      if (calendar.isWorkingDay(d) !== chineseDays.isWorkday(d)) disagreements.push(d);
    }
    expect(disagreements).toEqual([]);
  });
});

describe('Calendar: official data merged with overrides', () => {
  it('describes holidays, 调休 working days and ordinary days', () => {
    const calendar = new Calendar();
    expect(calendar.day('2025-01-28')).toEqual({
      date: '2025-01-28',
      kind: 'off',
      weekend: false,
      holiday: '春节',
      adjusted: false,
      source: 'official',
    });
    expect(calendar.day('2025-02-08')).toEqual({
      date: '2025-02-08',
      kind: 'workday',
      weekend: true,
      holiday: '春节',
      adjusted: true,
      source: 'official',
    });
    expect(calendar.day('2025-03-08')).toEqual({
      date: '2025-03-08',
      kind: 'off',
      weekend: true,
      holiday: null,
      adjusted: false,
      source: 'official',
    });
    expect(calendar.day('2027-01-04')).toEqual({
      date: '2027-01-04',
      kind: 'workday',
      weekend: false,
      holiday: null,
      adjusted: false,
      source: 'default',
    });
  });

  it('lets an override win and reports the year’s status', () => {
    const calendar = new Calendar(
      [
        { date: '2027-02-08', kind: 'holiday', name: '春节' },
        { date: '2027-02-20', kind: 'workday', name: '春节' },
        { date: '2025-03-10', kind: 'holiday', name: '特别假日' },
      ],
      [{ year: 2027, complete: true, note: '国办发明电' }],
    );
    expect(calendar.day('2027-02-08')).toMatchObject({ kind: 'off', holiday: '春节', source: 'override' });
    expect(calendar.day('2027-02-20')).toMatchObject({ kind: 'workday', weekend: true, adjusted: true, source: 'override' });
    expect(calendar.day('2025-03-10')).toMatchObject({ kind: 'off', source: 'override' });
    expect(calendar.year(2027)).toEqual({ year: 2027, official: false, complete: true, note: '国办发明电' });
    expect(calendar.isProvisional('2027-06-01')).toBe(false);
    expect(calendar.isProvisional('2027-12-31', '2028-01-03')).toBe(true);
    expect(calendar.isProvisional('2026-12-31', '2027-01-04')).toBe(false);
  });

  it('forgets its cached answers when replaced', () => {
    const calendar = new Calendar();
    expect(calendar.isWorkingDay('2027-02-08')).toBe(true);
    calendar.replace([{ date: '2027-02-08', kind: 'holiday', name: '春节' }], []);
    expect(calendar.isWorkingDay('2027-02-08')).toBe(false);
  });

  it('lists every day of a year', () => {
    const calendar = new Calendar();
    expect(calendar.days(2024)).toHaveLength(366);
    // 261 weekdays − 18 weekday holidays + 5 调休 weekend days, by the package data.
    expect(calendar.days(2025).filter((d) => d.kind === 'workday')).toHaveLength(248);
  });
});
