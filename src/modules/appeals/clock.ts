import type { Grade } from '../../platform/db/schema.ts';
import type { Calendar } from '../calendar/calendar.ts';
import { addPausedTime, addSpan, deadlineFor, type OfficeHours, type Span } from '../calendar/working-days.ts';

/** What the appeal loop needs from the working-day calendar. */
export interface AppealClock {
  /** The deadline of an appeal of this grade accepted (or sent back) at this moment. */
  deadlineFor(acceptedAt: Date, grade: Grade): Date;
  /** A deadline moved by this many working days (an approved extension, a supervision order). */
  addWorkingDays(from: Date, workingDays: number): Date;
  /** The deadline with the time spent waiting for the enterprise given back. */
  addPause(due: Date, pause: { from: Date; to: Date }, grade: Grade): Date;
  /** The moment `span` after `from`: working days end at the office end, hours are clock hours. */
  addSpan(from: Date, span: Span): Date;
}

/** The appeal clock on the official calendar; the calendar object stays current after admin edits. */
export function appealClock(calendar: Calendar, office: OfficeHours): AppealClock {
  return {
    deadlineFor: (acceptedAt, grade) => deadlineFor(acceptedAt, grade, calendar, office).due,
    addWorkingDays: (from, workingDays) => addSpan(from, { workingDays }, calendar, office).due,
    addPause: (due, pause, grade) => addPausedTime(due, pause, grade, calendar, office).due,
    addSpan: (from, span) => addSpan(from, span, calendar, office).due,
  };
}

export interface AppealSettings {
  /** Days after closure in which the enterprise may reopen (重办). */
  reopenDays: number;
  /** Share of the allowed time after which the warning turns yellow. */
  yellowShare: number;
  /** Working days an appeal stays red before it goes on the joint meeting's agenda. */
  agendaAfterRedDays: number;
  /**
   * Days a replied appeal waits for a rating before it closes by itself — counted from the reply,
   * and never before the follow-up's due date has passed: the office's call comes first.
   */
  autoCloseDays: number;
  /** Working days after the reply by which the office calls an enterprise that has not rated (回访). */
  followUpAfterWorkingDays: number;
  /** Calls not reached after which the appeal closes without a rating. */
  followUpMaxAttempts: number;
  /** Working days from submission within which an appeal must be accepted (受理时限), counted like a handling deadline. */
  acceptWorkingDays: number;
  /** Clock hours within which an appeal the enterprise marked urgent must be accepted. */
  acceptUrgentHours: number;
}

export const DEFAULT_APPEAL_SETTINGS: AppealSettings = {
  reopenDays: 15,
  yellowShare: 0.6,
  agendaAfterRedDays: 3,
  autoCloseDays: 7,
  followUpAfterWorkingDays: 2,
  followUpMaxAttempts: 3,
  acceptWorkingDays: 1,
  acceptUrgentHours: 4,
};

/** The acceptance time limit of an appeal: urgent ones in clock hours, the others in working days. */
export function acceptanceSpan(settings: AppealSettings, urgency: 'normal' | 'urgent'): Span {
  return urgency === 'urgent' ? { hours: settings.acceptUrgentHours } : { workingDays: settings.acceptWorkingDays };
}

/** When an appeal submitted at `submittedAt` must be accepted by (受理时限). */
export function acceptDeadlineFor(clock: AppealClock, settings: AppealSettings, submittedAt: Date, urgency: 'normal' | 'urgent'): Date {
  return clock.addSpan(submittedAt, acceptanceSpan(settings, urgency));
}
