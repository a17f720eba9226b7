import { useCallback, useEffect, useState } from 'react';
import { api, isAbort, withQuery, type ApiError, type Query } from '../api';
import { asApiError } from '../errors';

export interface RequestState<T> {
  /** The last answer; kept while a newer request is loading. */
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
}

interface Settled<T> {
  key: string;
  data?: T;
  error?: ApiError;
}

/** GETs `path` (with `query`) whenever either changes; `null` skips the request. */
export function useRequest<T>(path: string | null, query?: Query): RequestState<T> {
  const url = path === null ? null : withQuery(path, query);
  const [version, setVersion] = useState(0);
  const [settled, setSettled] = useState<Settled<T>>();
  const key = url === null ? null : `${version}:${url}`;

  useEffect(() => {
    if (url === null || key === null) return;
    const controller = new AbortController();
    api.get<T>(url, undefined, controller.signal).then(
      (data) => setSettled({ key, data }),
      (err: unknown) => {
        if (!isAbort(err)) setSettled((prev) => ({ key, data: prev?.data, error: asApiError(err) }));
      },
    );
    return () => controller.abort();
  }, [url, key]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const current = settled?.key === key;
  return {
    data: settled?.data,
    error: current ? settled?.error : undefined,
    loading: key !== null && !current,
    reload,
  };
}
