import { COMMAND_STATUS, type SessionOptions } from '@petrel/smpp';
import type { MessageIdBase } from './message-ids.ts';
import { DEFAULT_OUTCOMES, outcomeTable, type OutcomeErrors, type OutcomeMix, type OutcomeTable } from './pick-outcome.ts';

export interface Credentials {
  readonly systemId: string;
  readonly password: string;
}

export interface SimulatorOptions {
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 0: a free port (read it from `simulator.port`). */
  readonly port?: number;
  /** system_id in bind_resp. Default 'petrel-sim'. */
  readonly systemId?: string;
  /** When given, only these binds succeed (ESME_RINVSYSID / ESME_RINVPASWD otherwise); default: any. */
  readonly credentials?: readonly Credentials[];
  readonly messageIdBase?: MessageIdBase;
  /** The first message id; default from the clock so ids differ across restarts. */
  readonly firstMessageId?: number;
  /** Delay from submit to receipt, fixed or drawn uniformly from [min, max]. Default 500. */
  readonly receiptDelayMs?: number | { readonly min: number; readonly max: number };
  /** Shares of each final state; normalised. Default DELIVRD 0.9, UNDELIV 0.05, EXPIRED 0.03, REJECTD 0.02. */
  readonly outcomes?: OutcomeMix;
  /** Network error codes per state (one picked at random); defaults in DEFAULT_OUTCOME_ERRORS. */
  readonly outcomeErrors?: OutcomeErrors;
  /** The receipt text: 10- or 12-digit dates, key case. Default 10 and lower (SMPP 3.4 Appendix B). */
  readonly receiptFormat?: { readonly dateDigits?: 10 | 12; readonly case?: 'lower' | 'upper' };
  /** Also put receipted_message_id, message_state and network_error_code in receipts. Default true. */
  readonly receiptTlvs?: boolean;
  /** Submits a second above this (per system_id) are answered ESME_RTHROTTLED. */
  readonly throttleAbove?: number;
  /** This share of submits is refused with `status` (one picked at random); default ESME_RSUBMITFAIL. */
  readonly rejectShare?: { readonly share: number; readonly status?: number | readonly number[] };
  /** Each connection is dropped instead of answering its n-th submit. */
  readonly dropConnectionAfter?: number;
  /** Receipts and MO in flight per connection. Default 10. */
  readonly windowSize?: number;
  /** Other session settings (timeouts, keep-alive, maximum PDU length). */
  readonly session?: Partial<SessionOptions>;
  /** Receipts and MO held at once (scheduled, waiting for a receiver, in flight). Default 1 000 000. */
  readonly maxPending?: number;
  /** Connections open at once; more are closed at once. Default 1000. */
  readonly maxConnections?: number;
  /** How long stop() lets bound sessions unbind before dropping them. Default 1000 ms. */
  readonly stopGraceMs?: number;
  /** Randomness and time, for tests. */
  readonly random?: () => number;
  readonly now?: () => number;
}

/** The options with every default filled in and checked. */
export interface ResolvedOptions {
  readonly host: string;
  readonly port: number;
  readonly systemId: string;
  readonly credentials: ReadonlyMap<string, string> | undefined;
  readonly messageIdBase: MessageIdBase;
  readonly firstMessageId: number;
  readonly delay: { readonly min: number; readonly max: number };
  readonly outcomes: OutcomeTable;
  readonly receiptFormat: { readonly dateDigits: 10 | 12; readonly case: 'lower' | 'upper' };
  readonly receiptTlvs: boolean;
  readonly throttleAbove: number | undefined;
  readonly reject: { readonly share: number; readonly statuses: readonly number[] };
  readonly dropConnectionAfter: number | undefined;
  readonly session: Partial<SessionOptions>;
  readonly maxPending: number;
  readonly maxConnections: number;
  readonly stopGraceMs: number;
  readonly random: () => number;
  readonly now: () => number;
}

/** Checks the options once, at the edge; throws RangeError naming the bad one. */
export function resolveSimulatorOptions(o: SimulatorOptions = {}): ResolvedOptions {
  const now = o.now ?? Date.now;
  const delay = typeof o.receiptDelayMs === 'object' ? o.receiptDelayMs : { min: o.receiptDelayMs ?? 500, max: o.receiptDelayMs ?? 500 };
  if (!(delay.min >= 0 && delay.max >= delay.min)) throw new RangeError('receiptDelayMs must be ≥ 0 (and min ≤ max)');
  if (o.throttleAbove !== undefined && !(o.throttleAbove > 0)) throw new RangeError('throttleAbove must be above 0');
  const share = o.rejectShare?.share ?? 0;
  if (!(share >= 0 && share <= 1)) throw new RangeError('rejectShare.share must be within 0..1');
  const status = o.rejectShare?.status ?? COMMAND_STATUS.ESME_RSUBMITFAIL;
  const statuses = typeof status === 'number' ? [status] : [...status];
  if (statuses.length === 0 || statuses.some((s) => !Number.isInteger(s) || s <= 0 || s > 0xffffffff)) {
    throw new RangeError('rejectShare.status must be non-zero command_status values');
  }
  if (o.dropConnectionAfter !== undefined && !(Number.isInteger(o.dropConnectionAfter) && o.dropConnectionAfter >= 1)) {
    throw new RangeError('dropConnectionAfter must be a whole number ≥ 1');
  }
  return {
    host: o.host ?? '127.0.0.1',
    port: o.port ?? 0,
    systemId: o.systemId ?? 'petrel-sim',
    credentials: o.credentials === undefined ? undefined : new Map(o.credentials.map((c) => [c.systemId, c.password])),
    messageIdBase: o.messageIdBase ?? 'decimal',
    firstMessageId: o.firstMessageId ?? now() * 1000,
    delay,
    outcomes: outcomeTable(o.outcomes ?? DEFAULT_OUTCOMES, o.outcomeErrors),
    receiptFormat: { dateDigits: o.receiptFormat?.dateDigits ?? 10, case: o.receiptFormat?.case ?? 'lower' },
    receiptTlvs: o.receiptTlvs ?? true,
    throttleAbove: o.throttleAbove,
    reject: { share, statuses },
    dropConnectionAfter: o.dropConnectionAfter,
    session: { ...o.session, ...(o.windowSize === undefined ? {} : { windowSize: o.windowSize }) },
    maxPending: o.maxPending ?? 1_000_000,
    maxConnections: o.maxConnections ?? 1000,
    stopGraceMs: o.stopGraceMs ?? 1000,
    random: o.random ?? Math.random,
    now,
  };
}
