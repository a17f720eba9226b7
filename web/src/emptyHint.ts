import type { I18n, MessageKey } from './i18n';

/**
 * ListTable's emptyHint for a list with a search box: why nothing was found and what to try — the
 * searched words when there are some, else the filters; nothing when no search or filter is set
 * (then the list is simply empty and its own empty text says so).
 */
export function emptySearchHint(
  t: I18n['t'],
  query: Record<string, unknown>,
  keys: { text: MessageKey | ((q: string) => MessageKey); filters: MessageKey },
  ignore: readonly string[] = [],
): string | undefined {
  const q = typeof query.q === 'string' ? query.q.trim() : '';
  if (q) return t(typeof keys.text === 'function' ? keys.text(q) : keys.text, { q });
  const filtered = Object.entries(query).some(([k, v]) => !ignore.includes(k) && v !== undefined && v !== '');
  return filtered ? t(keys.filters) : undefined;
}
