import { COMMAND_STATUS as S } from '@petrel/smpp';

/**
 * What a failed submit means for the message:
 * - `reroute`: the vendor's or the route's reroute_codes list the status: next route;
 * - `throttled`: ESME_RTHROTTLED: pause this vendor briefly, send again, not an attempt;
 * - `transient`: the vendor or the link had a passing problem: retry later, counting an attempt;
 * - `permanent`: the vendor refused the message itself: it ends `rejected`.
 */
export type SubmitFailure = 'reroute' | 'throttled' | 'transient' | 'permanent';

/** command_status values worth another try: the SMSC's trouble, not the message's. */
const TRANSIENT: ReadonlySet<number> = new Set([S.ESME_RSYSERR, S.ESME_RMSGQFUL, S.ESME_RX_T_APPN, S.ESME_RINVBNDSTS, S.ESME_RUNKNOWNERR]);

/**
 * `status` is the command_status of the response, or undefined when no response came (timeout,
 * connection lost): that is always transient, as the vendor may simply not have seen it.
 */
export function classifySubmitFailure(status: number | undefined, rerouteCodes: ReadonlySet<number>): SubmitFailure {
  if (status === undefined) return 'transient';
  if (rerouteCodes.has(status)) return 'reroute';
  if (status === S.ESME_RTHROTTLED) return 'throttled';
  if (TRANSIENT.has(status)) return 'transient';
  return 'permanent';
}

/** Delay before attempt `attempts + 1` of a transient failure: 2 s, 4 s, 8 s … capped at 5 minutes. */
export function retryDelayMs(attempts: number, baseMs = 2_000, capMs = 300_000): number {
  return Math.min(capMs, baseMs * 2 ** Math.max(0, attempts - 1));
}

/** Pause after the n-th ESME_RTHROTTLED in a row: 250 ms doubling to 8 s. */
export function throttlePauseMs(consecutive: number): number {
  return Math.min(8_000, 250 * 2 ** Math.max(0, Math.min(consecutive, 10) - 1));
}
