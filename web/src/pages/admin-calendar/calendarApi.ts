import { ApiError } from '../../api';
import { translate } from '../../i18n/translate';

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

/**
 * PUT and DELETE, which the shared `api` object does not offer yet; errors become ApiError
 * like every other call, so forms show the server's field errors. Replace with `api.put` /
 * `api.delete` once api.ts has them.
 */
async function send<T>(method: 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', translate('error.network'));
  }
  const answer: unknown = await res.json().catch(() => undefined);
  if (res.ok) return answer as T;
  const error = typeof answer === 'object' && answer !== null && 'error' in answer ? (answer.error as { code?: unknown; message?: unknown; details?: unknown }) : undefined;
  throw new ApiError(res.status, String(error?.code ?? 'HTTP_ERROR'), String(error?.message ?? translate('error.http', { status: res.status })), error?.details ?? null);
}

export const setDay = (date: string, body: { kind: 'workday' | 'holiday'; name?: string }) =>
  send<{ day: CalendarDay }>('PUT', `/api/admin/calendar/days/${date}`, body);

export const clearDay = (date: string) => send<{ day: CalendarDay }>('DELETE', `/api/admin/calendar/days/${date}`);

export const setYear = (year: number, body: { complete: boolean; note?: string }) => send<YearStatus>('PUT', `/api/admin/calendar/years/${year}`, body);
