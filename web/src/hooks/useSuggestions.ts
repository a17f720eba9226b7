import { useEffect, useState } from 'react';
import { api } from '../api';
import type { Suggestion } from '../appeals';
import { useDebounced } from './useDebounced';

const DEBOUNCE_MS = 500;
const MIN_LENGTH = 4;

/** The service items the text looks like (top three), asked of the server once typing pauses. */
export function useSuggestions(text: string): Suggestion[] {
  const trimmed = text.trim();
  const query = useDebounced(trimmed, DEBOUNCE_MS);
  const [items, setItems] = useState<Suggestion[]>([]);

  useEffect(() => {
    if (query.length < MIN_LENGTH) return;
    let live = true;
    api.post<{ items: Suggestion[] }>('/api/appeals/suggest', { text: query }).then(
      (answer) => live && setItems(answer.items),
      // Suggestions are a help, not a step: a failure leaves the last ones on screen.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [query]);

  return trimmed.length >= MIN_LENGTH ? items : [];
}
