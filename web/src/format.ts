import dayjs, { type Dayjs } from 'dayjs';
import type { Lang } from './i18n';
import { shanghaiDate } from '@server/modules/calendar/working-days.ts';

const locales: Record<Lang, string> = { zh: 'zh-CN', en: 'en-US' };

/**
 * The district's clock. Deadlines, office hours and the server's working days are Shanghai's,
 * so times read the same on a laptop set to UTC or abroad as on the office's screens.
 */
export const TIME_ZONE = 'Asia/Shanghai';

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function formatter(lang: Lang, withTime: boolean): Intl.DateTimeFormat {
  const key = `${lang}:${withTime}`;
  let f = dateTimeFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locales[lang], {
      timeZone: TIME_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
    });
    dateTimeFormats.set(key, f);
  }
  return f;
}

/** 2025/03/01 14:05 in Shanghai time; '—' when missing. */
export function formatDateTime(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return formatter(lang, true).format(date);
}

/** Text for a value that may be missing. */
export function orDash(value: string | number | null | undefined): string {
  return value === null || value === undefined || value === '' ? '—' : String(value);
}

/** 2025/03/01, the Shanghai day of an instant (a bare 2025-03-01 stays that day); '—' when missing. */
export function formatDate(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return formatter(lang, false).format(date);
}

/** Today in Shanghai as 2025-03-01, whatever the browser's zone (the server's own rule for a day). */
export function todayInShanghai(now: Date = new Date()): string {
  return shanghaiDate(now);
}

/** The instant a Shanghai day (2025-03-01) begins or, with `end`, its last millisecond: for date-range filters. */
export function shanghaiDayBound(day: string, end = false): string {
  return new Date(`${day}T${end ? '23:59:59.999' : '00:00:00.000'}+08:00`).toISOString();
}

/** Today in Shanghai as a date pickers' value (a browser in UTC is still on yesterday until 08:00 Shanghai). */
export function shanghaiToday(): Dayjs {
  return dayjs(todayInShanghai());
}
