import type { z } from 'zod';
import type { Db } from '../../platform/db/index.ts';
import type { Grade } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Actor } from '../../platform/http/access.ts';
import type { Calendar, DayInfo } from './calendar.ts';
import { OFFICIAL_LAST_YEAR } from './official.ts';
import * as repo from './repository.ts';
import type { dayOverride, yearEntry } from './schemas.ts';
import { CALENDAR_CHANGED, calendarFor, refreshCalendar } from './store.ts';
import { announceChange } from '../../platform/db/changes.ts';
import { addDays, deadlineFor, GRADE_SPANS, shanghaiDate, shanghaiDateTime, type OfficeHours } from './working-days.ts';

function yearAnswer(calendar: Calendar, year: number) {
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

export async function setDay(db: Db, date: string, input: z.output<typeof dayOverride>, actor: Actor): Promise<DayInfo> {
  const changed = await db.transaction().execute(async (trx) => {
    const before = await repo.findOverride(trx, date);
    if (before && before.kind === input.kind && before.name === input.name) return false;
    await repo.upsertOverride(trx, { date, kind: input.kind, name: input.name, updatedBy: actor.id });
    await recordAudit(trx, actor, {
      action: 'calendar.day_set',
      entityType: 'calendar_day',
      entityId: date,
      before: before ?? null,
      after: input,
    });
    await announceChange(trx, CALENDAR_CHANGED);
    return true;
  });
  if (changed) await refreshCalendar(db);
  return (await calendarFor(db)).day(date);
}

export async function clearDay(db: Db, date: string, actor: Actor): Promise<DayInfo> {
  await db.transaction().execute(async (trx) => {
    const before = await repo.findOverride(trx, date);
    if (!before || !(await repo.deleteOverride(trx, date))) throw AppError.notFound('该日期的管理员设置');
    await recordAudit(trx, actor, { action: 'calendar.day_clear', entityType: 'calendar_day', entityId: date, before, after: null });
    await announceChange(trx, CALENDAR_CHANGED);
  });
  await refreshCalendar(db);
  return (await calendarFor(db)).day(date);
}

export async function setYear(db: Db, year: number, input: z.output<typeof yearEntry>, actor: Actor) {
  const note = input.note ? input.note : null;
  const changed = await db.transaction().execute(async (trx) => {
    const before = await repo.findYear(trx, year);
    if (before && before.complete === input.complete && before.note === note) return false;
    await repo.upsertYear(trx, { year, complete: input.complete, note, updatedBy: actor.id });
    await recordAudit(trx, actor, {
      action: 'calendar.year_set',
      entityType: 'calendar_year',
      entityId: year,
      before: before ?? null,
      after: { complete: input.complete, note },
    });
    await announceChange(trx, CALENDAR_CHANGED);
    return true;
  });
  if (changed) await refreshCalendar(db);
  return yearAnswer(await calendarFor(db), year);
}
