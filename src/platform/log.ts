import type { FastifyBaseLogger } from 'fastify';
import pino, { type LoggerOptions, type SerializedError } from 'pino';

export const REDACTED = '[REDACTED]';

/**
 * Query parameters whose values are secrets: Open311's `api_key`, OAuth's `code` / `state` /
 * tokens, passwords, signatures, SMS codes. Exact names for short words (`key` but not
 * `keyword`, `code` but not `service_code`), parts of the name for the unmistakable ones.
 */
const SECRET_NAMES = new Set(['key', 'code', 'state', 'nonce', 'sig', 'signature', 'otp', 'ticket', 'auth', 'sid', 'session', 'jwt']);
const SECRET_PARTS =
  /token|passw|pwd|secret|credential|api[-_.]?key|access[-_.]?key|private[-_.]?key|(?:sms|verify|verification|auth|otp)[-_.]?code/;

function decoded(name: string): string {
  try {
    return decodeURIComponent(name.replaceAll('+', ' ')).toLowerCase();
  } catch {
    return name.toLowerCase();
  }
}

export function isSecretParam(name: string): boolean {
  const n = decoded(name);
  return SECRET_NAMES.has(n) || SECRET_PARTS.test(n);
}

/** The query string with each secret parameter's value replaced; names, order and the rest kept as sent. */
function redactQuery(query: string): string {
  return query
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      return eq >= 0 && isSecretParam(name) ? `${name}=${REDACTED}` : pair;
    })
    .join('&');
}

/** A URL (absolute or a path) as it may be logged: `/open311/v2/requests.json?api_key=[REDACTED]&status=open`. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const hash = url.indexOf('#', q);
  const query = hash < 0 ? url.slice(q + 1) : url.slice(q + 1, hash);
  return url.slice(0, q + 1) + redactQuery(query) + (hash < 0 ? '' : url.slice(hash));
}

/** Any text that may quote a URL (an error's message or stack): secret query values replaced. */
export function redactText(text: string): string {
  return text.replace(/([?&])([^=&\s#"'<>]+)=([^&\s#"'<>]*)/g, (whole, sep: string, name: string) =>
    isSecretParam(name) ? `${sep}${name}=${REDACTED}` : whole,
  );
}

interface RequestLike {
  method?: string;
  url?: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

/**
 * Fastify's own request serializer (method, url, host, address, port), the URL redacted;
 * headers are never logged.
 */
function serializeRequest(req: RequestLike) {
  return {
    method: req.method,
    url: typeof req.url === 'string' ? redactUrl(req.url) : req.url,
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

function serializeError(err: Error): SerializedError {
  const s = pino.stdSerializers.err(err);
  if (typeof s.message === 'string') s.message = redactText(s.message);
  if (typeof s.stack === 'string') s.stack = redactText(s.stack);
  return s;
}

/**
 * Fields that hold a secret wherever someone logs a body or headers (at the top or one level
 * down). Not `code` or `key`: `err.code` is the error's code, and it is what one looks for.
 */
const SECRET_FIELDS = [
  'password',
  'currentPassword',
  'newPassword',
  'oldPassword',
  'api_key',
  'apiKey',
  'token',
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'idToken',
  'id_token',
  'secret',
  'clientSecret',
  'client_secret',
];
const SECRET_HEADERS = ['authorization', 'cookie', 'set-cookie', 'x-api-key', 'proxy-authorization'];

const redactPaths = [
  ...SECRET_FIELDS.flatMap((f) => [f, `*.${f}`]),
  ...['body.code', 'body.key', '*.body.code', '*.body.key'],
  ...SECRET_HEADERS.flatMap((h) => [`headers["${h}"]`, `*.headers["${h}"]`]),
];

/** Serializers and redaction for every logger of the server (main.ts and buildApp). */
export const logOptions: Pick<LoggerOptions, 'serializers' | 'redact'> = {
  serializers: {
    req: serializeRequest,
    err: serializeError,
    url: (v: unknown) => (typeof v === 'string' ? redactUrl(v) : v),
  },
  redact: { paths: redactPaths, censor: REDACTED },
};

/** The given logger with the server's redaction (Fastify's request logs go through it). */
export function redacting(log: FastifyBaseLogger): FastifyBaseLogger {
  return log.child({}, logOptions);
}
