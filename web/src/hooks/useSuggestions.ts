import { useEffect, useState } from 'react';
import { api, isAbort } from '../api';
import { asApiError } from '../errors';
import { meaningful, type Suggestion } from '../appeals';
import { useDebounced } from './useDebounced';

const DEBOUNCE_MS = 500;
const MIN_LENGTH = 4;
/** The longest text the server matches (its own limit on /api/appeals/suggest). */
export const SUGGEST_MAX = 5000;

export interface Suggestions {
  items: Suggestion[];
  /** Why there are none when the server could not answer: said on the form, not swallowed. */
  error?: string;
}

/** The service items the text looks like (top three, the meaningful ones), asked of the server once typing pauses. */
export function useSuggestions(text: string): Suggestions {
  const trimmed = text.trim();
  const query = useDebounced(trimmed, DEBOUNCE_MS);
  const [answer, setAnswer] = useState<Suggestions>({ items: [] });

  useEffect(() => {
    if (query.length < MIN_LENGTH) return;
    let live = true;
    // The title and description together may pass the matcher's limit: their start is what it matches on.
    api.post<{ items: Suggestion[] }>('/api/appeals/suggest', { text: query.slice(0, SUGGEST_MAX) }).then(
      (res) => live && setAnswer({ items: meaningful(res.items) }),
      (err: unknown) => live && !isAbort(err) && setAnswer({ items: [], error: asApiError(err).message }),
    );
    return () => {
      live = false;
    };
  }, [query]);

  return trimmed.length >= MIN_LENGTH ? answer : { items: [] };
}
