import type { Calendar } from '../calendar/calendar.ts';
import { addDays, GRADE_SPANS, shanghaiDate } from '../calendar/working-days.ts';

/** What the flag needs of an appeal row. */
export interface ClockRow {
  state: string;
  grade: string | null;
  requested_urgency: 'normal' | 'urgent';
  submitted_at: Date;
  accepted_at: Date | null;
  deadline_at: Date | null;
  accept_deadline_at: Date | null;
  replied_at: Date | null;
  closed_at: Date | null;
  paused_ms: number;
}

const HOUR_MS = 3_600_000;
const URGENT_HOURS = 'hours' in GRADE_SPANS.urgent ? GRADE_SPANS.urgent.hours : 0;

/**
 * True when the deadline that runs (the acceptance deadline while unaccepted, then the handling
 * one) was counted over a year with neither official data nor a complete entry: it followed the
 * Monday–Friday rule and moves when that year's schedule is loaded. A clock of hours never
 * depends on the calendar (an urgent appeal, unless an extension added working days), and an
 * answered or closed appeal's deadline is history.
 */
export function deadlineProvisional(calendar: Calendar, a: ClockRow): boolean {
  if (a.replied_at || a.closed_at) return false;
  if (a.deadline_at) {
    const start = a.accepted_at ?? a.submitted_at;
    const hoursOnly = a.grade === 'urgent' && a.deadline_at.getTime() - start.getTime() <= URGENT_HOURS * HOUR_MS + Number(a.paused_ms);
    return !hoursOnly && counted(calendar, start, a.deadline_at);
  }
  if (a.state === 'submitted' && a.accept_deadline_at && a.requested_urgency === 'normal') {
    return counted(calendar, a.submitted_at, a.accept_deadline_at);
  }
  return false;
}

/** The working days counted run from the day after the start to the due day. */
function counted(calendar: Calendar, start: Date, due: Date): boolean {
  const from = addDays(shanghaiDate(start), 1);
  const to = shanghaiDate(due);
  return from <= to && calendar.isProvisional(from, to);
}
