import { afterEach, describe, expect, it } from 'vitest';
import type { Grade } from '../../platform/db/schema.ts';
import { Calendar } from './calendar.ts';
import { loadConfig } from '../../platform/config.ts';
import {
  addPausedTime,
  deadlineFor,
  DEFAULT_OFFICE_HOURS,
  extendDeadline,
  isIsoDate,
  nthWorkingDayAfter,
  officeEnd,
  shanghaiDate,
  shanghaiDateTime,
  weekday,
  workingDaysBetween,
} from './working-days.ts';

// The official calendar alone (package data, no overrides). Every holiday and 调休 date below
// was checked against chinese-days' data file (dist/chinese-days.json, package 1.5.7).
const official = new Calendar();
const office = DEFAULT_OFFICE_HOURS;

/** Deadline of an appeal accepted at a Shanghai wall-clock time, as Shanghai wall-clock time. */
function due(accepted: string, grade: Grade): string {
  return shanghaiDateTime(deadlineFor(new Date(`${accepted}+08:00`), grade, official, office).due);
}

function counted(accepted: string, grade: Grade): string[] {
  return deadlineFor(new Date(`${accepted}+08:00`), grade, official, office).workingDays;
}

const originalTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = originalTz;
});

describe('date arithmetic in Asia/Shanghai', () => {
  it('takes the Shanghai date of an instant, whatever the process time zone', () => {
    for (const tz of ['UTC', 'America/New_York', 'Pacific/Kiritimati', 'Asia/Shanghai']) {
      process.env.TZ = tz;
      expect(shanghaiDate(new Date('2025-01-24T15:59:59Z'))).toBe('2025-01-24');
      expect(shanghaiDate(new Date('2025-01-24T16:00:00Z'))).toBe('2025-01-25');
      expect(officeEnd('2025-02-05', office).toISOString()).toBe('2025-02-05T10:00:00.000Z');
      expect(due('2025-01-24T20:00', 'normal')).toBe('2025-02-05 18:00');
    }
  });

  it('knows weekdays and real dates', () => {
    expect(weekday('2024-02-04')).toBe(0);
    expect(weekday('2025-02-08')).toBe(6);
    expect(weekday('1969-12-31')).toBe(3);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-2-8')).toBe(false);
  });

  it('puts the deadline at the configured office end', () => {
    const late = { endHour: 17, endMinute: 30 };
    expect(shanghaiDateTime(deadlineFor(new Date('2025-03-03T09:00:00+08:00'), 'normal', official, late).due)).toBe('2025-03-06 17:30');
  });
});

describe('the acceptance day is never counted', () => {
  it('Friday 20:00 before a normal weekend: normal grade is due Wednesday 18:00', () => {
    expect(due('2025-03-07T20:00', 'normal')).toBe('2025-03-12 18:00');
    expect(counted('2025-03-07T20:00', 'normal')).toEqual(['2025-03-10', '2025-03-11', '2025-03-12']);
  });

  it('Friday 10:00 and Friday 20:00 are the same acceptance day', () => {
    expect(due('2025-03-07T10:00', 'normal')).toBe(due('2025-03-07T20:00', 'normal'));
  });

  it('on a Saturday, counting starts on Monday', () => {
    expect(due('2025-03-08T11:00', 'normal')).toBe('2025-03-12 18:00');
    expect(due('2025-03-08T11:00', 'complex')).toBe('2025-03-18 18:00');
  });

  it('after 18:00 on a weekday, counting starts the next day as always', () => {
    expect(due('2025-03-03T18:30', 'normal')).toBe('2025-03-06 18:00');
    expect(due('2025-03-03T23:59', 'normal')).toBe('2025-03-06 18:00');
    expect(due('2025-03-04T00:00', 'normal')).toBe('2025-03-07 18:00');
  });
});

describe('2024 holidays', () => {
  // Spring Festival: 02-10 (Sat) … 02-17 (Sat) off; Sunday 02-04 and Sunday 02-18 are working days.
  it('Spring Festival', () => {
    expect(official.day('2024-02-04')).toMatchObject({ kind: 'workday', weekend: true, adjusted: true, holiday: '春节' });
    expect(counted('2024-02-09T10:00', 'normal')).toEqual(['2024-02-18', '2024-02-19', '2024-02-20']);
    expect(due('2024-02-08T15:00', 'normal')).toBe('2024-02-19 18:00');
    expect(due('2024-02-07T09:00', 'complex')).toBe('2024-02-22 18:00');
  });

  it('accepted on the Saturday before the 调休 Sunday, and on the 调休 Sunday itself', () => {
    expect(counted('2024-02-03T10:00', 'normal')).toEqual(['2024-02-04', '2024-02-05', '2024-02-06']);
    expect(due('2024-02-04T09:30', 'normal')).toBe('2024-02-07 18:00');
  });

  // National Day: 10-01 (Tue) … 10-07 (Mon) off; Sunday 09-29 and Saturday 10-12 are working days.
  it('National Day', () => {
    expect(counted('2024-09-27T20:00', 'normal')).toEqual(['2024-09-29', '2024-09-30', '2024-10-08']);
    expect(due('2024-09-30T10:00', 'normal')).toBe('2024-10-10 18:00');
    expect(counted('2024-10-10T10:00', 'normal')).toEqual(['2024-10-11', '2024-10-12', '2024-10-14']);
  });
});

describe('2025 holidays', () => {
  // Spring Festival: 01-28 (Tue) … 02-04 (Tue) off; Sunday 01-26 and Saturday 02-08 are working days.
  it('Spring Festival', () => {
    expect(counted('2025-01-24T20:00', 'normal')).toEqual(['2025-01-26', '2025-01-27', '2025-02-05']);
    expect(due('2025-01-27T10:00', 'normal')).toBe('2025-02-07 18:00');
    expect(counted('2025-02-06T10:00', 'normal')).toEqual(['2025-02-07', '2025-02-08', '2025-02-10']);
  });

  it('accepted on the 调休 Sunday', () => {
    expect(counted('2025-01-26T10:00', 'normal')).toEqual(['2025-01-27', '2025-02-05', '2025-02-06']);
  });

  // National Day and Mid-Autumn: 10-01 (Wed) … 10-08 (Wed) off; Sunday 09-28 and Saturday 10-11 worked.
  it('National Day and Mid-Autumn', () => {
    expect(official.day('2025-10-06')).toMatchObject({ kind: 'off', holiday: '中秋' });
    expect(counted('2025-09-26T19:00', 'normal')).toEqual(['2025-09-28', '2025-09-29', '2025-09-30']);
    expect(due('2025-09-30T10:00', 'normal')).toBe('2025-10-11 18:00');
    expect(counted('2025-09-29T10:00', 'complex')).toEqual([
      '2025-09-30',
      '2025-10-09',
      '2025-10-10',
      '2025-10-11',
      '2025-10-13',
      '2025-10-14',
      '2025-10-15',
    ]);
  });
});

describe('2026 holidays', () => {
  // Spring Festival: 02-15 (Sun) … 02-23 (Mon) off; Saturdays 02-14 and 02-28 are working days.
  it('Spring Festival', () => {
    expect(counted('2026-02-13T20:00', 'normal')).toEqual(['2026-02-14', '2026-02-24', '2026-02-25']);
    expect(counted('2026-02-14T09:00', 'normal')).toEqual(['2026-02-24', '2026-02-25', '2026-02-26']);
    expect(due('2026-02-24T10:00', 'complex')).toBe('2026-03-04 18:00');
  });

  // Mid-Autumn 09-25 (Fri) … 09-27 off; National Day 10-01 (Thu) … 10-07 off; Sunday 09-20 and
  // Saturday 10-10 are working days.
  it('Mid-Autumn and National Day', () => {
    expect(counted('2026-09-19T10:00', 'normal')).toEqual(['2026-09-20', '2026-09-21', '2026-09-22']);
    expect(counted('2026-09-24T10:00', 'normal')).toEqual(['2026-09-28', '2026-09-29', '2026-09-30']);
    expect(due('2026-09-30T14:00', 'normal')).toBe('2026-10-10 18:00');
  });
});

describe('urgent appeals count clock hours', () => {
  it('12 hours across midnight into a holiday', () => {
    expect(due('2025-01-27T21:30', 'urgent')).toBe('2025-01-28 09:30');
    expect(counted('2025-01-27T21:30', 'urgent')).toEqual([]);
  });

  it('12 hours from a Saturday evening', () => {
    expect(due('2025-03-08T20:00', 'urgent')).toBe('2025-03-09 08:00');
  });
});

describe('waiting for the enterprise is added back', () => {
  const accepted = new Date('2025-03-03T09:00:00+08:00');
  const normal = deadlineFor(accepted, 'normal', official, office).due;

  it('adds the working days from the pause day up to the resume day', () => {
    expect(shanghaiDateTime(normal)).toBe('2025-03-06 18:00');
    const pause = { from: new Date('2025-03-04T10:00:00+08:00'), to: new Date('2025-03-07T15:00:00+08:00') };
    const moved = addPausedTime(normal, pause, 'normal', official, office);
    expect(shanghaiDateTime(moved.due)).toBe('2025-03-11 18:00');
    expect(moved.workingDays).toEqual(['2025-03-07', '2025-03-10', '2025-03-11']);
  });

  it('adds nothing for a pause within one day or over a weekend', () => {
    const sameDay = { from: new Date('2025-03-04T10:00:00+08:00'), to: new Date('2025-03-04T16:00:00+08:00') };
    expect(addPausedTime(normal, sameDay, 'normal', official, office).due).toEqual(normal);
    const weekend = { from: new Date('2025-03-08T10:00:00+08:00'), to: new Date('2025-03-10T09:00:00+08:00') };
    expect(addPausedTime(normal, weekend, 'normal', official, office).due).toEqual(normal);
  });

  it('counts only working days of a pause across the Spring Festival', () => {
    expect(workingDaysBetween('2025-01-24', '2025-02-05', official)).toEqual(['2025-01-24', '2025-01-26', '2025-01-27']);
  });

  it('adds the exact duration to an urgent deadline', () => {
    const urgent = deadlineFor(accepted, 'urgent', official, office).due;
    const pause = { from: new Date('2025-03-03T11:00:00+08:00'), to: new Date('2025-03-03T13:30:00+08:00') };
    expect(shanghaiDateTime(addPausedTime(urgent, pause, 'urgent', official, office).due)).toBe('2025-03-03 23:30');
  });

  it('refuses a pause that ends before it starts', () => {
    const pause = { from: new Date('2025-03-05T10:00:00+08:00'), to: new Date('2025-03-04T10:00:00+08:00') };
    expect(() => addPausedTime(normal, pause, 'normal', official, office)).toThrow(RangeError);
  });
});

describe('an approved extension moves the deadline', () => {
  it('by working days, over the 2025 National Day holiday', () => {
    const before = new Date('2025-09-30T18:00:00+08:00');
    const after = extendDeadline(before, { workingDays: 3 }, official, office);
    expect(shanghaiDateTime(after.due)).toBe('2025-10-11 18:00');
    expect(after.workingDays).toEqual(['2025-10-09', '2025-10-10', '2025-10-11']);
  });

  it('by clock hours', () => {
    const before = new Date('2025-03-03T21:00:00+08:00');
    expect(shanghaiDateTime(extendDeadline(before, { hours: 24 }, official, office).due)).toBe('2025-03-04 21:00');
  });
});

describe('QIFU_OFFICE_END', () => {
  it('defaults to 18:00 and refuses what is not HH:MM', () => {
    expect(loadConfig({}).officeHours).toEqual({ endHour: 18, endMinute: 0 });
    expect(loadConfig({ QIFU_OFFICE_END: '17:30' }).officeHours).toEqual({ endHour: 17, endMinute: 30 });
    expect(() => loadConfig({ QIFU_OFFICE_END: '24:00' })).toThrow(/QIFU_OFFICE_END/);
    expect(() => loadConfig({ QIFU_OFFICE_END: '6pm' })).toThrow(/QIFU_OFFICE_END/);
  });
});

describe('guards', () => {
  it('refuses a calendar without working days instead of looping', () => {
    expect(() => nthWorkingDayAfter('2025-01-01', 1, { isWorkingDay: () => false })).toThrow(RangeError);
  });
});
