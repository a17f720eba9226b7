import { client, data, type Answer, type Body, type Schemas } from '../../api';

/** Shapes of the calendar API's answers (src/modules/calendar/schemas.ts): names for the generated contract's types. */
export type CalendarDay = Schemas['CalendarDay'];
export type YearStatus = Schemas['CalendarYear'];
export type YearDays = Answer<'/api/calendar/days'>;
export type DeadlineAnswer = Schemas['CalendarDeadline'];
export type NextYearReminder = Answer<'/api/admin/calendar/reminder'>;

const DAY = '/api/admin/calendar/days/{date}';

export const setDay = (date: string, body: Body<typeof DAY, 'put'>) => data(client.PUT(DAY, { params: { path: { date } }, body }));

export const clearDay = (date: string) => data(client.DELETE(DAY, { params: { path: { date } } }));

export const setYear = (year: number, body: Body<'/api/admin/calendar/years/{year}', 'put'>) =>
  data(client.PUT('/api/admin/calendar/years/{year}', { params: { path: { year } }, body }));

export type ScheduleImport = Schemas['CalendarScheduleImport'];
export type Moved = ScheduleImport['moved'];

/** Loads (or, with preview, only checks and counts) a year's holiday schedule from a file's text. */
export const importYear = (year: number, body: Body<'/api/admin/calendar/years/{year}/import', 'post'>) =>
  data(client.POST('/api/admin/calendar/years/{year}/import', { params: { path: { year } }, body }));
