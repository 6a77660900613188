/** SQLSTATE classes and codes that mean the server cannot serve now: connection exceptions, shutting down, starting up. */
const UNAVAILABLE_STATES = /^(08|57P0[1-3])/;
const UNAVAILABLE_SOCKET = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** What pg says, without a code, when a connection is gone or cannot be had. */
const UNAVAILABLE_MESSAGES = /Connection terminated|not queryable|timeout exceeded when trying to connect|Client was closed/i;

const noConnection = new WeakSet<Error>();

/**
 * Marks an error met while getting a connection: whatever its code (a database that does not take
 * connections now answers 55000), no connection means the database is unavailable.
 */
export function noConnectionError(err: unknown): unknown {
  if (err instanceof Error) noConnection.add(err);
  return err;
}

/**
 * Whether an error means the database cannot be reached right now (a restart, a failover, a lost
 * connection), rather than that the statement or its data was wrong: callers answer "try again"
 * (HTTP 503, ESME_RSYSERR) instead of reporting a fault.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (noConnection.has(err)) return true;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && (UNAVAILABLE_STATES.test(code) || UNAVAILABLE_SOCKET.has(code))) return true;
  return UNAVAILABLE_MESSAGES.test(err.message);
}
