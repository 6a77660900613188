import type { ReceiptStat } from '@petrel/smpp';

/** The final states a simulated carrier reports. */
export type OutcomeStat = Extract<ReceiptStat, 'DELIVRD' | 'UNDELIV' | 'EXPIRED' | 'REJECTD' | 'DELETED' | 'UNKNOWN'>;

export const OUTCOME_STATS: readonly OutcomeStat[] = ['DELIVRD', 'UNDELIV', 'EXPIRED', 'REJECTD', 'DELETED', 'UNKNOWN'];

/** Each outcome's share (any positive weights; they are normalised) and its network error codes. */
export type OutcomeMix = Partial<Record<OutcomeStat, number>>;
export type OutcomeErrors = Partial<Record<OutcomeStat, readonly number[]>>;

export const DEFAULT_OUTCOMES: OutcomeMix = { DELIVRD: 0.9, UNDELIV: 0.05, EXPIRED: 0.03, REJECTD: 0.02 };

/** GSM MAP causes a carrier would give: unknown subscriber, SM delivery failure, absent subscriber, call barred. */
export const DEFAULT_OUTCOME_ERRORS: Readonly<Record<OutcomeStat, readonly number[]>> = {
  DELIVRD: [0],
  UNDELIV: [1, 32],
  EXPIRED: [27],
  REJECTD: [13],
  DELETED: [0],
  UNKNOWN: [0],
};

export interface Outcome {
  readonly stat: OutcomeStat;
  readonly err: number;
}

/** A mix in cumulative form, checked once so that picking is a loop over at most six numbers. */
export interface OutcomeTable {
  readonly steps: readonly { readonly upTo: number; readonly stat: OutcomeStat }[];
  readonly errors: Readonly<Record<OutcomeStat, readonly number[]>>;
}

export function outcomeTable(mix: OutcomeMix, errors: OutcomeErrors = {}): OutcomeTable {
  let total = 0;
  for (const stat of OUTCOME_STATS) {
    const share = mix[stat] ?? 0;
    if (!(share >= 0) || !Number.isFinite(share)) throw new RangeError(`the share of ${stat} must be a number ≥ 0`);
    total += share;
  }
  if (!(total > 0)) throw new RangeError('at least one outcome needs a share above 0');
  const steps: { upTo: number; stat: OutcomeStat }[] = [];
  let sum = 0;
  for (const stat of OUTCOME_STATS) {
    const share = mix[stat] ?? 0;
    if (share === 0) continue;
    sum += share / total;
    steps.push({ upTo: sum, stat });
  }
  (steps[steps.length - 1] as { upTo: number }).upTo = 1; // no rounding gap at the top
  const merged = { ...DEFAULT_OUTCOME_ERRORS };
  for (const stat of OUTCOME_STATS) {
    const codes = errors[stat];
    if (codes === undefined) continue;
    if (codes.length === 0 || codes.some((c) => !Number.isInteger(c) || c < 0 || c > 0xffff)) {
      throw new RangeError(`the error codes of ${stat} must be integers 0..65535`);
    }
    merged[stat] = codes;
  }
  return { steps, errors: merged };
}

/** The outcome for two random numbers in [0, 1): one picks the state, the other its error code. */
export function pickOutcome(table: OutcomeTable, r1: number, r2: number): Outcome {
  let stat = (table.steps[table.steps.length - 1] as { stat: OutcomeStat }).stat;
  for (const step of table.steps) {
    if (r1 < step.upTo) {
      stat = step.stat;
      break;
    }
  }
  const codes = table.errors[stat];
  return { stat, err: codes[Math.min(codes.length - 1, Math.floor(r2 * codes.length))] ?? 0 };
}
