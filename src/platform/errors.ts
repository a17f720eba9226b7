/**
 * One error type for everything the application refuses on purpose.
 * The code is stable (clients and tests match on it); the HTTP status comes from
 * the table below and nowhere else; the message is Chinese because people read it.
 */
export const errorStatus = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  ACCOUNT_LOCKED: 423,
  ACCOUNT_DISABLED: 403,
  DEMO_PASSWORD_REFUSED: 403,
  SSO_REQUIRED: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  FORBIDDEN: 403,
  CSRF_REJECTED: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  NOT_ACCEPTABLE: 406,
  CONFLICT: 409,
  INVALID_STATE: 409,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RANGE_NOT_SATISFIABLE: 416,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export interface FieldIssue {
  field: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return errorStatus[this.code];
  }

  static validation(field: string, message: string): AppError {
    return new AppError('VALIDATION_FAILED', `${message}`, { fields: [{ field, message }] satisfies FieldIssue[] });
  }

  static notFound(what: string): AppError {
    return new AppError('NOT_FOUND', `${what}不存在`);
  }

  static forbidden(message = '无权执行此操作'): AppError {
    return new AppError('FORBIDDEN', message);
  }

  static conflict(message: string, details?: unknown): AppError {
    return new AppError('CONFLICT', message, details);
  }
}

/** PostgreSQL error as both node-postgres and PGlite raise it. */
interface PgLikeError {
  code?: unknown;
  constraint?: unknown;
  detail?: unknown;
  column?: unknown;
}

/**
 * Database constraint violations caused by client input become 4xx answers.
 * Unique violations name the constraint so that the caller can tell which field clashed.
 */
export function fromDatabaseError(err: unknown): AppError | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as PgLikeError;
  if (typeof e.code !== 'string') return undefined;
  const constraint = typeof e.constraint === 'string' ? e.constraint : undefined;
  switch (e.code) {
    case '23505':
      return new AppError('CONFLICT', '记录已存在（唯一性冲突）', { constraint, field: fieldOf(constraint) });
    case '23503':
      return new AppError('VALIDATION_FAILED', '引用的记录不存在或仍被引用', { constraint, field: fieldOf(constraint) });
    case '23514':
    case '22P02':
    case '22007':
    case '22008':
    case '22003':
      return new AppError('VALIDATION_FAILED', '数据格式或取值不合法', { constraint });
    default:
      return undefined;
  }
}

/** `users_username_key` → `username`; constraints follow PostgreSQL's default naming. */
function fieldOf(constraint: string | undefined): string | undefined {
  if (!constraint) return undefined;
  const m = /^[a-z_]+?_([a-z_]+?)_(key|fkey|check)$/.exec(constraint);
  return m?.[1];
}
