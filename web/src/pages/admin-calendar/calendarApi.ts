import { api } from '../../api';

/** Shapes of the calendar API's answers (src/modules/calendar/schemas.ts). */
export interface CalendarDay {
  date: string;
  kind: 'workday' | 'off';
  weekend: boolean;
  holiday: string | null;
  adjusted: boolean;
  source: 'official' | 'override' | 'default';
}

export interface YearStatus {
  year: number;
  official: boolean;
  complete: boolean;
  note: string | null;
  message: string | null;
}

export interface YearDays extends YearStatus {
  workingDayCount: number;
  daysOffCount: number;
  days: CalendarDay[];
}

export interface DeadlineAnswer {
  acceptedAt: string;
  acceptanceDay: string;
  grade: string;
  rule: string;
  due: string;
  dueLocal: string;
  workingDays: string[];
  provisional: boolean;
}

export const setDay = (date: string, body: { kind: 'workday' | 'holiday'; name?: string }) =>
  api.put<{ day: CalendarDay }>(`/api/admin/calendar/days/${date}`, body);

export const clearDay = (date: string) => api.delete<{ day: CalendarDay }>(`/api/admin/calendar/days/${date}`);

export const setYear = (year: number, body: { complete: boolean; note?: string }) => api.put<YearStatus>(`/api/admin/calendar/years/${year}`, body);
