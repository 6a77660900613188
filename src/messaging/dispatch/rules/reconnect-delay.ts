import { SmppCommandError, SmppTimeoutError } from '@petrel/smpp';

/**
 * Why a bind to a vendor failed:
 * - `refused`: the vendor answered the bind with an error (a wrong password, too many binds) or did
 *   not answer it in time: it is there and said no, so binding again at once would only hammer it;
 * - `unreachable`: no SMPP answer at all: the connection was refused, timed out, or closed before
 *   the bind was answered (a carrier down behind its load balancer). Trying costs the carrier
 *   nothing, and every second spent waiting after it is back is a second of backlog.
 */
export type BindFailure = 'refused' | 'unreachable';

export function classifyBindFailure(error: unknown): BindFailure {
  return error instanceof SmppCommandError || error instanceof SmppTimeoutError ? 'refused' : 'unreachable';
}

/** Refusals in a row double the wait up to this (or the vendor's reconnect delay, when longer). */
export const MAX_RECONNECT_MS = 60_000;

/**
 * Wait before the next bind: the vendor's reconnect delay, doubled for each refusal in a row after
 * the first, up to a minute (never less than the reconnect delay itself). An unreachable vendor is tried again at the reconnect delay, so a
 * bind comes up within that delay of the carrier's return, however long it was away.
 */
export function reconnectDelayMs(reconnectDelaySeconds: number, refusalsInARow: number): number {
  const base = reconnectDelaySeconds * 1000;
  return Math.max(base, Math.min(MAX_RECONNECT_MS, base * 2 ** Math.max(0, refusalsInARow - 1)));
}
