/**
 * Errors that mean "the database cannot be reached right now" (down, restarting, refusing, timing out), as opposed
 * to a query that is wrong. The first kind is a 503 that heals by itself; the second is a bug.
 */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/** SQLSTATE classes 08 (connection exception) and 57P (operator intervention: shutdown, crash recovery). */
const SQLSTATE_PREFIXES = ['08', '57P', '53'];

const POOL_WAIT_TIMEOUT = 'timeout exceeded when trying to connect';

const MESSAGES = [
  'Connection terminated',
  POOL_WAIT_TIMEOUT,
  'Client has encountered a connection error',
  'Connection terminated due to connection timeout',
  'the database system is starting up',
  'the database system is shutting down',
  'Query read timeout',
];

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  errors?: unknown;
}

// Duck-typed, not `instanceof Error`: socket errors may come from another realm (a VM context, a worker).
function asErrorLike(error: unknown): ErrorLike | null {
  return typeof error === 'object' && error !== null ? error : null;
}

export function isConnectionError(error: unknown): boolean {
  const e = asErrorLike(error);
  if (!e) return false;
  const code = e.code;
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || SQLSTATE_PREFIXES.some((p) => code.startsWith(p))))
    return true;
  if (Array.isArray(e.errors) && e.errors.some(isConnectionError)) return true;
  const message = e.message;
  return typeof message === 'string' && MESSAGES.some((m) => message.includes(m));
}

/** SQLSTATE 57014: the statement ran past statement_timeout (or was cancelled). */
export function isQueryTimeout(error: unknown): boolean {
  return asErrorLike(error)?.code === '57014';
}

/** pg's pool gave up waiting for a connection (connectionTimeoutMillis): none freed up, or connecting took too long. */
export function isPoolWaitTimeout(error: unknown): boolean {
  return asErrorLike(error)?.message === POOL_WAIT_TIMEOUT;
}
