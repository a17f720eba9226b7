import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useRequest, type RequestState } from './useRequest';

/** How a filter is read back from the address: free text, a number, or one of a fixed set. */
export type FilterKind = 'text' | 'number' | readonly string[];
export type FilterSpec = Record<string, FilterKind>;
export type FilterValues<S extends FilterSpec> = {
  -readonly [K in keyof S]?: S[K] extends 'number' ? number : S[K] extends readonly (infer U extends string)[] ? U : string;
};

type Scalar = string | number | boolean | undefined;

export interface ListParamsOptions<S extends FilterSpec> {
  /** Rows per page when the address names none. */
  pageSize?: number;
  /** Values a filter takes when the address leaves it out (e.g. the first view of a queue). */
  defaults?: FilterValues<S>;
  /** Prepended to every parameter, for a second list on the same page (a drawer, a tab). */
  prefix?: string;
}

/** A list's page: what ListTable and ListPager need to draw and move it. */
export interface Paging {
  page: number;
  pageSize: number;
  setPage: (page: number, pageSize?: number) => void;
}

export interface ListParams<S extends FilterSpec> extends Paging {
  filters: FilterValues<S>;
  /** Replaces every filter and goes back to page 1. */
  setFilters: (next: FilterValues<S>) => void;
  /** Changes some filters and goes back to page 1. */
  patchFilters: (patch: FilterValues<S>) => void;
}

function parse(kind: FilterKind, raw: string | null): string | number | undefined {
  if (raw === null || raw === '') return undefined;
  if (kind === 'text') return raw;
  if (kind === 'number') {
    const n = Number(raw);
    return Number.isFinite(n) ? n : undefined;
  }
  return kind.includes(raw) ? raw : undefined;
}

const positive = (raw: string | null, fallback: number) => {
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};

/**
 * A list's filters, page and page size, kept in the address (`?q=…&page=2&size=50`): back and
 * forward walk through them, a reload keeps them, and a shared link opens the same view.
 * Defaults stay out of the address, so the plain menu link is the list's first page.
 */
export function useListParams<S extends FilterSpec>(spec: S, options: ListParamsOptions<S> = {}): ListParams<S> {
  const { pageSize: defaultSize = 20, defaults, prefix = '' } = options;
  const [params, setParams] = useSearchParams();
  const search = params.toString();

  // One object per address, so effects that depend on the filters run when the address changes only.
  const filters = useMemo(() => {
    const current = new URLSearchParams(search);
    const values: Record<string, string | number | undefined> = {};
    for (const [key, kind] of Object.entries(spec)) {
      values[key] = parse(kind, current.get(prefix + key)) ?? (defaults?.[key] as string | number | undefined);
    }
    return values as FilterValues<S>;
    // spec and defaults are written inline by callers: the address is what changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [search, prefix]);
  const page = positive(params.get(`${prefix}page`), 1);
  const pageSize = positive(params.get(`${prefix}size`), defaultSize);

  const write = useCallback(
    (values: Record<string, Scalar>, nextPage: number, nextSize: number) => {
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        for (const [key, value] of Object.entries(values)) {
          const fallback: Scalar = defaults?.[key];
          if (value === undefined || value === '' || value === fallback) next.delete(prefix + key);
          else next.set(prefix + key, String(value));
        }
        if (nextPage > 1) next.set(`${prefix}page`, String(nextPage));
        else next.delete(`${prefix}page`);
        if (nextSize !== defaultSize) next.set(`${prefix}size`, String(nextSize));
        else next.delete(`${prefix}size`);
        return next;
      });
    },
    [setParams, defaults, prefix, defaultSize],
  );

  const blank = useMemo(() => Object.fromEntries(Object.keys(spec).map((k) => [k, undefined])), [spec]);
  return {
    filters,
    page,
    pageSize,
    setPage: (nextPage, nextSize = pageSize) => write({}, nextSize === pageSize ? nextPage : 1, nextSize),
    setFilters: (next) => write({ ...blank, ...next }, 1, pageSize),
    patchFilters: (patch) => write({ ...patch }, 1, pageSize),
  };
}

export interface PagedListOptions<S extends FilterSpec, R> extends ListParamsOptions<S> {
  /** Sent with every request besides the filters and the page. */
  query?: Record<string, Scalar>;
  /** Where the answer keeps its total, when not at `total`. */
  total?: (data: R) => number;
}

export interface PagedList<S extends FilterSpec, R> extends ListParams<S>, RequestState<R> {
  /** All rows the filters match, on every page. */
  total: number;
}

function totalOf(data: unknown): number {
  return typeof data === 'object' && data !== null && 'total' in data && typeof data.total === 'number' ? data.total : 0;
}

/** GET `path` one page at a time, with the filters and page kept in the address (useListParams). */
export function usePagedList<R, S extends FilterSpec = FilterSpec>(
  path: string | null,
  spec: S,
  options: PagedListOptions<S, R> = {},
): PagedList<S, R> {
  const list = useListParams(spec, options);
  const request = useRequest<R>(path, { ...options.query, ...list.filters, page: list.page, pageSize: list.pageSize });
  const total = request.data === undefined ? 0 : options.total ? options.total(request.data) : totalOf(request.data);
  return { ...list, ...request, total };
}
