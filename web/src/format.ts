import type { Lang } from './i18n';

const locales: Record<Lang, string> = { zh: 'zh-CN', en: 'en-US' };

/** 2025/03/01 14:05 in the browser's time zone; '—' when missing. */
export function formatDateTime(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(locales[lang], {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
}

/** Text for a value that may be missing. */
export function orDash(value: string | number | null | undefined): string {
  return value === null || value === undefined || value === '' ? '—' : String(value);
}

/** 2025/03/01 in the browser's time zone; '—' when missing. */
export function formatDate(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString(locales[lang], { year: 'numeric', month: '2-digit', day: '2-digit' });
}
