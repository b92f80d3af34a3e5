/** The top-level error codes of the API (DESIGN.md); expected business failures go to `userErrors` instead. */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'QUERY_TOO_COMPLEX'
  | 'RATE_LIMITED'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR';

/** A failure that may be shown to the client as it is, with a stable code. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what = 'Object') => new AppError('NOT_FOUND', `${what} not found.`);
export const badInput = (message: string, extensions: Record<string, unknown> = {}) =>
  new AppError('BAD_USER_INPUT', message, extensions);

/** Seconds a client is asked to wait when the database does not answer. */
export const OUTAGE_RETRY_SECONDS = 5;

/** PostgreSQL SQLSTATEs of a connection that failed or a server that is stopping or not yet accepting. */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
/** Socket errors of a connection to the database that went away. */
const UNAVAILABLE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);
/** The pool's and the driver's words for the same (they carry no code). */
const UNAVAILABLE_MESSAGES = /^(Connection terminated|Connection ended unexpectedly|Client has encountered a connection error|Timeout acquiring a connection|Knex: Timeout acquiring a connection)/;

/**
 * Whether an error means the database could not be reached or dropped the connection mid-statement (a stop, a
 * crash, a fail-over): the client should retry, so it is told so instead of getting an internal error.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let current = error; current && typeof current === 'object' && !seen.has(current); ) {
    seen.add(current);
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (code.startsWith('08') || UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_SOCKET_CODES.has(code))) return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message)) return true;
    const next = current as { previous?: unknown; cause?: unknown; originalError?: unknown };
    current = next.previous ?? next.cause ?? next.originalError;
  }
  return false;
}

export const UNAVAILABLE_MESSAGE = 'The service is temporarily unavailable (its database does not answer). Retry shortly.';
