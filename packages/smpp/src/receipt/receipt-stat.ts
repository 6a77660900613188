/**
 * The stat names of a delivery receipt (SMPP 3.4 Appendix B) and the message_state values of the
 * same states (§5.3.2.35), so a receipt read from its text and one read from its TLVs agree.
 */
export const MESSAGE_STATE = {
  ENROUTE: 1,
  DELIVRD: 2,
  EXPIRED: 3,
  DELETED: 4,
  UNDELIV: 5,
  ACCEPTD: 6,
  UNKNOWN: 7,
  REJECTD: 8,
} as const;

export type ReceiptStat = keyof typeof MESSAGE_STATE;

const STAT_BY_STATE = new Map<number, ReceiptStat>((Object.keys(MESSAGE_STATE) as ReceiptStat[]).map((stat) => [MESSAGE_STATE[stat], stat]));

/** Long forms some SMSCs write instead of the seven-letter names. */
const ALIASES: Readonly<Record<string, ReceiptStat>> = {
  DELIVERED: 'DELIVRD',
  UNDELIVERABLE: 'UNDELIV',
  UNDELIVERED: 'UNDELIV',
  REJECTED: 'REJECTD',
  ACCEPTED: 'ACCEPTD',
};

/** The receipt stat of a message_state value; undefined for 0 (SCHEDULED), 9 (SKIPPED) and others. */
export function statOfMessageState(state: number): ReceiptStat | undefined {
  return STAT_BY_STATE.get(state);
}

/** A stat as written in the wild (any case, a few long forms) to its standard name. */
export function normalizeStat(value: string): ReceiptStat | undefined {
  const upper = value.toUpperCase();
  if (Object.hasOwn(MESSAGE_STATE, upper)) return upper as ReceiptStat;
  return ALIASES[upper];
}
