import type { Db } from '../../platform/db/index.ts';
import { enqueueNotices } from '../notifications/notices.ts';
import type { Calendar } from './calendar.ts';
import * as repo from './repository.ts';
import { calendarFor } from './store.ts';
import { shanghaiDate, type IsoDate } from './working-days.ts';

export interface YearToLoad {
  year: number;
  message: string;
}

/**
 * The State Council publishes next year's holidays in autumn (通常 10–12 月); the package's data
 * stops at its last release. From December 1st, a next year with neither package data nor a
 * complete entry is one whose deadlines will soon be counted Monday–Friday only: name it.
 */
export function yearToLoad(calendar: Calendar, today: IsoDate): YearToLoad | null {
  if (today.slice(5, 7) !== '12') return null;
  const year = Number(today.slice(0, 4)) + 1;
  const status = calendar.year(year);
  if (status.official || status.complete) return null;
  return {
    year,
    message:
      `${year} 年尚无官方节假日数据，跨入 ${year} 年的办理时限目前按周一至周五计算，标为“暂定”。` +
      `请在国务院办公厅发布 ${year} 年节假日安排后，到 工作日历 导入该年安排（放假与调休上班日期）。`,
  };
}

export async function nextYearToLoad(db: Db, now = new Date()): Promise<YearToLoad | null> {
  return yearToLoad(await calendarFor(db), shanghaiDate(now));
}

/** Tells the administrators once per year (insert-or-nothing: once in a cluster); true when this call told them. */
export async function remindNextYear(db: Db, now = new Date()): Promise<boolean> {
  const due = await nextYearToLoad(db, now);
  if (!due) return false;
  return db.transaction().execute(async (tx) => {
    if (!(await repo.claimYearReminder(tx, due.year))) return false;
    await enqueueNotices(tx, [
      {
        to: { kind: 'role', role: 'admin' },
        title: `请导入 ${due.year} 年节假日安排`,
        body: due.message,
        link: `/admin/calendar?year=${due.year}`,
      },
    ]);
    return true;
  });
}
