import { translate } from './i18n/translate';

/** A field the server rejected, as `details.fields` lists them. */
export interface FieldError {
  field: string;
  message: string;
}

/** Any failed API call: the server's `{error:{code,message,details}}`, or a network failure (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details: unknown = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** Field errors from `details.fields`, empty when there are none. */
  get fields(): FieldError[] {
    const fields = isRecord(this.details) ? this.details.fields : undefined;
    if (!Array.isArray(fields)) return [];
    return fields.filter((f): f is FieldError => isRecord(f) && typeof f.field === 'string' && typeof f.message === 'string');
  }

  /** A string-valued entry of `details`, e.g. `lockedUntil`. */
  detail(key: string): string | undefined {
    const value = isRecord(this.details) ? this.details[key] : undefined;
    return typeof value === 'string' ? value : undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

/** `path?k=v&…`, leaving out empty values. */
export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

type UnauthenticatedHandler = () => void;
let onUnauthenticated: UnauthenticatedHandler | undefined;

/** Called when a request fails because the session is gone (not for login or the session probe). */
export function setUnauthenticatedHandler(handler: UnauthenticatedHandler | undefined): void {
  onUnauthenticated = handler;
}

const SESSION_PROBES = new Set(['/api/auth/login', '/api/auth/me']);

async function toApiError(res: Response): Promise<ApiError> {
  const body: unknown = await res.json().catch(() => undefined);
  const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  if (error && typeof error.code === 'string' && typeof error.message === 'string') {
    return new ApiError(res.status, error.code, error.message, error.details ?? null);
  }
  return new ApiError(res.status, 'HTTP_ERROR', translate('error.http', { status: res.status }));
}

/** Sends the request; a failure status becomes the server's ApiError (and a lost session is reported). */
async function send(method: string, path: string, init: { body?: unknown; signal?: AbortSignal; headers?: Record<string, string>; accept: string }): Promise<Response> {
  const { body, signal, headers, accept } = init;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      // FormData (a file upload) sets its own multipart content type.
      headers: { accept, ...(body === undefined || body instanceof FormData ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
      signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', translate('error.network'));
  }
  if (!res.ok) {
    const error = await toApiError(res);
    if (res.status === 401 && !SESSION_PROBES.has(path)) onUnauthenticated?.();
    throw error;
  }
  return res;
}

async function request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal, headers?: Record<string, string>): Promise<T> {
  const res = await send(method, path, { body, signal, headers, accept: 'application/json' });
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** The name in `Content-Disposition`, the UTF-8 one (filename*) when given. */
function fileName(disposition: string | null): string | undefined {
  const utf8 = disposition?.match(/filename\*=UTF-8''([^;]+)/i)?.[1];
  if (utf8) return decodeURIComponent(utf8);
  return disposition?.match(/filename="([^"]+)"/i)?.[1];
}

/** GETs a file (an Excel export) and saves it in the browser under the server's name; with `body`, POSTs it to get the file. */
async function download(path: string, query?: Query, body?: unknown): Promise<void> {
  const res = await send(body === undefined ? 'GET' : 'POST', withQuery(path, query), { accept: '*/*', body });
  const url = URL.createObjectURL(await res.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName(res.headers.get('content-disposition')) ?? path.split('/').pop() ?? 'download';
  link.click();
  // Some browsers read the data only after the click has returned: let it go a little later.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal): Promise<T> => request<T>('GET', withQuery(path, query), undefined, signal),
  post: <T = void>(path: string, body?: unknown, headers?: Record<string, string>): Promise<T> => request<T>('POST', path, body ?? {}, undefined, headers),
  patch: <T = void>(path: string, body: unknown): Promise<T> => request<T>('PATCH', path, body),
  put: <T = void>(path: string, body: unknown): Promise<T> => request<T>('PUT', path, body),
  delete: <T = void>(path: string): Promise<T> => request<T>('DELETE', path),
  download,
  /** POSTs one file as multipart/form-data (field `file`). */
  upload: <T>(path: string, file: File): Promise<T> => {
    const form = new FormData();
    form.append('file', file, file.name);
    return request<T>('POST', path, form);
  },
};

/** True when `err` is an aborted request, which callers ignore. */
export function isAbort(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError';
}

/**
 * A fresh key for one form's submission (sent as `Idempotency-Key`, reused when the same form is sent again).
 * crypto.randomUUID needs a secure context; plain-http intranet deployments get the same from getRandomValues.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function' && window.isSecureContext) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
