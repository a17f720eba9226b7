import type { z } from 'zod';
import type { Db } from '../../platform/db/index.ts';
import type { Grade } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Actor } from '../../platform/http/access.ts';
import type { Calendar, DayInfo } from './calendar.ts';
import { isOfficialYear, OFFICIAL_LAST_YEAR } from './official.ts';
import { parseSchedule } from './schedule-file.ts';
import * as repo from './repository.ts';
import type { dayOverride, scheduleImport, yearEntry } from './schemas.ts';
import { calendarFor } from './store.ts';
import { changeCalendar } from './change.ts';
import type { Moved } from './hooks.ts';
import { addDays, deadlineFor, GRADE_SPANS, shanghaiDate, shanghaiDateTime, type OfficeHours } from './working-days.ts';

export function yearAnswer(calendar: Calendar, year: number) {
  const status = calendar.year(year);
  const message =
    status.official || status.complete
      ? null
      : `随软件提供的官方节假日数据截至 ${OFFICIAL_LAST_YEAR} 年；${year} 年尚未由管理员录入完整，目前按周一至周五上班计算。` +
        '请管理员依国务院办公厅的节假日安排录入放假和调休上班日期，并标记为已录入。';
  return { ...status, message };
}

export async function year(db: Db, year: number) {
  const calendar = await calendarFor(db);
  const days = calendar.days(year);
  const workingDayCount = days.filter((d) => d.kind === 'workday').length;
  return { ...yearAnswer(calendar, year), workingDayCount, daysOffCount: days.length - workingDayCount, days };
}

/** The deadline an appeal accepted at `from` (default: now) would get, with the days counted. */
export async function deadline(db: Db, input: { from?: Date | undefined; grade: Grade }, office: OfficeHours) {
  const calendar = await calendarFor(db);
  const acceptedAt = input.from ?? new Date();
  const { due, workingDays } = deadlineFor(acceptedAt, input.grade, calendar, office);
  const span = GRADE_SPANS[input.grade];
  const acceptanceDay = shanghaiDate(acceptedAt);
  // Every day from the one after acceptance to the due day was classified; clock hours never are.
  const last = workingDays.at(-1);
  const provisional = last !== undefined && calendar.isProvisional(addDays(acceptanceDay, 1), last);
  return {
    acceptedAt: acceptedAt.toISOString(),
    acceptanceDay,
    grade: input.grade,
    rule: 'hours' in span ? `${span.hours} 小时` : `${span.workingDays} 个工作日`,
    due: due.toISOString(),
    dueLocal: shanghaiDateTime(due),
    workingDays,
    provisional,
  };
}

/** Sets a day off (with its holiday's name) or a working day; open deadlines across it are recounted. */
export async function setDay(
  db: Db,
  date: string,
  input: z.output<typeof dayOverride>,
  actor: Actor,
): Promise<{ day: DayInfo; moved: Moved }> {
  const applied = await changeCalendar(db, actor, async (trx) => {
    const before = await repo.findOverride(trx, date);
    if (before && before.kind === input.kind && before.name === input.name) return null;
    await repo.upsertOverride(trx, { date, kind: input.kind, name: input.name, updatedBy: actor.id });
    await recordAudit(trx, actor, {
      action: 'calendar.day_set',
      entityType: 'calendar_day',
      entityId: date,
      before: before ?? null,
      after: input,
    });
    const what = input.kind === 'holiday' ? `放假（${input.name}）` : `上班${input.name ? `（${input.name}调休）` : ''}`;
    return { result: null, touched: [date], reason: `管理员将 ${date} 设为${what}` };
  });
  return { day: (await calendarFor(db)).day(date), moved: applied?.moved ?? {} };
}

export async function clearDay(db: Db, date: string, actor: Actor): Promise<{ day: DayInfo; moved: Moved }> {
  const applied = await changeCalendar(db, actor, async (trx) => {
    const before = await repo.findOverride(trx, date);
    if (!before || !(await repo.deleteOverride(trx, date))) throw AppError.notFound('该日期的管理员设置');
    await recordAudit(trx, actor, { action: 'calendar.day_clear', entityType: 'calendar_day', entityId: date, before, after: null });
    return { result: null, touched: [date], reason: `管理员取消了 ${date} 的设置` };
  });
  return { day: (await calendarFor(db)).day(date), moved: applied?.moved ?? {} };
}

/** Marks a year entered in full (or not): no day changes, so no deadline moves; the provisional flags follow. */
export async function setYear(db: Db, year: number, input: z.output<typeof yearEntry>, actor: Actor) {
  const note = input.note ? input.note : null;
  await changeCalendar(db, actor, async (trx) => {
    const before = await repo.findYear(trx, year);
    if (before && before.complete === input.complete && before.note === note) return null;
    await repo.upsertYear(trx, { year, complete: input.complete, note, updatedBy: actor.id });
    await recordAudit(trx, actor, {
      action: 'calendar.year_set',
      entityType: 'calendar_year',
      entityId: year,
      before: before ?? null,
      after: { complete: input.complete, note },
    });
    return { result: null, touched: [], reason: '' };
  });
  return yearAnswer(await calendarFor(db), year);
}

/**
 * Loads a year's official schedule from a file (schedule-file.ts): the year's administrator entries
 * become the file's days and the year is marked complete, so its deadlines are no longer
 * provisional; the open deadlines across the days that changed are recounted. `preview` does all
 * of it and rolls it back, answering what would change.
 */
export async function importYear(db: Db, year: number, input: z.output<typeof scheduleImport>, actor: Actor) {
  if (isOfficialYear(year)) throw AppError.validation('year', `${year} 年已有随软件提供的官方数据，个别日期请逐日更正`);
  const schedule = parseSchedule(input.content, year);
  const note = input.note || schedule.note;
  const holidays = schedule.days.filter((d) => d.kind === 'holiday').length;
  const applied = await changeCalendar(
    db,
    actor,
    async (trx) => {
      const yearBefore = await repo.findYear(trx, year);
      const removed = await repo.replaceYearOverrides(trx, year, schedule.days, actor.id);
      await repo.upsertYear(trx, { year, complete: true, note, updatedBy: actor.id });
      await recordAudit(trx, actor, {
        action: 'calendar.year_import',
        entityType: 'calendar_year',
        entityId: year,
        before: { entries: removed.length, complete: yearBefore?.complete ?? false, note: yearBefore?.note ?? null },
        after: { holidays, workdays: schedule.days.length - holidays, note },
      });
      return { result: null, touched: [...removed, ...schedule.days.map((d) => d.date)], reason: `管理员导入了 ${year} 年节假日安排` };
    },
    input.preview,
  );
  return {
    year,
    preview: input.preview,
    note,
    holidays,
    workdays: schedule.days.length - holidays,
    days: schedule.days,
    changedDates: applied?.dates ?? [],
    moved: applied?.moved ?? {},
  };
}
