/**
 * A message's states and how every interface names them: the one table of
 * shared/spec/message-states.md, as data. SMPP, HTTP, REST, statistics and billing read it here so
 * they cannot disagree.
 */
export const MESSAGE_STATES = ['scheduled', 'queued', 'moderation', 'sent', 'delivered', 'undelivered', 'expired', 'rejected', 'failed', 'deleted', 'unknown'] as const;

export type MessageState = (typeof MESSAGE_STATES)[number];

/** Receipt stat names (SMPP 3.4 Appendix B). */
export type Stat = 'ENROUTE' | 'DELIVRD' | 'EXPIRED' | 'DELETED' | 'UNDELIV' | 'ACCEPTD' | 'UNKNOWN' | 'REJECTD';

export interface StateInfo {
  readonly final: boolean;
  /** SMPP message_state (§5.3.2.35) in receipts and query_sm_resp. */
  readonly messageState: number;
  /** The stat of a receipt for this state; undefined while no receipt is sent for it. */
  readonly stat: Stat | undefined;
  /** The `/sendsms` dlr-mask bit (`%d`). */
  readonly dlrMaskBit: number | undefined;
  /** The charge goes back to the client when the message enters this state. */
  readonly refunded: boolean;
  /** Forward order: a message moves only to a higher rank (see `mayMove`). */
  readonly rank: number;
}

const ENROUTE = 1;

export const STATE_TABLE: Readonly<Record<MessageState, StateInfo>> = {
  moderation: { final: false, messageState: ENROUTE, stat: undefined, dlrMaskBit: 4, refunded: false, rank: 0 },
  scheduled: { final: false, messageState: ENROUTE, stat: undefined, dlrMaskBit: undefined, refunded: false, rank: 1 },
  queued: { final: false, messageState: ENROUTE, stat: undefined, dlrMaskBit: 4, refunded: false, rank: 2 },
  sent: { final: false, messageState: ENROUTE, stat: 'ACCEPTD', dlrMaskBit: 8, refunded: false, rank: 3 },
  delivered: { final: true, messageState: 2, stat: 'DELIVRD', dlrMaskBit: 1, refunded: false, rank: 4 },
  undelivered: { final: true, messageState: 5, stat: 'UNDELIV', dlrMaskBit: 2, refunded: false, rank: 4 },
  expired: { final: true, messageState: 3, stat: 'EXPIRED', dlrMaskBit: 2, refunded: false, rank: 4 },
  rejected: { final: true, messageState: 8, stat: 'REJECTD', dlrMaskBit: 16, refunded: true, rank: 4 },
  failed: { final: true, messageState: 5, stat: 'UNDELIV', dlrMaskBit: 2, refunded: true, rank: 4 },
  deleted: { final: true, messageState: 4, stat: 'DELETED', dlrMaskBit: 2, refunded: true, rank: 4 },
  unknown: { final: true, messageState: 7, stat: 'UNKNOWN', dlrMaskBit: 2, refunded: false, rank: 4 },
};

export const FINAL_STATES: readonly MessageState[] = MESSAGE_STATES.filter((s) => STATE_TABLE[s].final);

/** States a message waits in before it reaches a vendor (the dispatcher claims queued and due scheduled ones). */
export const WAITING_STATES: readonly MessageState[] = ['scheduled', 'queued'];

/** States Days of waiting DLR ends. */
export const OPEN_STATES: readonly MessageState[] = ['queued', 'scheduled', 'sent'];

export function isFinal(state: MessageState): boolean {
  return STATE_TABLE[state].final;
}

export function isMessageState(value: string): value is MessageState {
  return Object.hasOwn(STATE_TABLE, value);
}

/** How statistics count a state: delivered; not delivered (final, charged); refunded (final, refunded); in progress (not final). */
export type StatsGroup = 'delivered' | 'notDelivered' | 'refunded' | 'pending';

/** The Statistics page's and the daily statistics mail's grouping of a state (a name it does not know counts as not delivered). */
export function statsGroupOf(state: string): StatsGroup {
  if (state === 'delivered') return 'delivered';
  if (!isMessageState(state)) return 'notDelivered';
  const info = STATE_TABLE[state];
  if (!info.final) return 'pending';
  return info.refunded ? 'refunded' : 'notDelivered';
}

/**
 * Whether a message in `from` may move to `to`: forward only, never out of a final state. Staying
 * in a waiting state is allowed (a reroute or a retry changes the vendor, not the state).
 * `sent → queued` is the one way back, and only for a reroute (the vendor's receipt carried a
 * code that sends the message to its next route).
 */
export function mayMove(from: MessageState, to: MessageState, reroute = false): boolean {
  if (isFinal(from)) return false;
  if (reroute) return to === 'queued';
  const a = STATE_TABLE[from].rank;
  const b = STATE_TABLE[to].rank;
  return b > a || (b === a && !isFinal(to));
}

/**
 * The state a vendor receipt moves a message to; undefined for ACCEPTD and ENROUTE, which are
 * recorded in the history and change nothing.
 */
export function stateOfStat(stat: Stat): MessageState | undefined {
  switch (stat) {
    case 'DELIVRD':
      return 'delivered';
    case 'UNDELIV':
      return 'undelivered';
    case 'EXPIRED':
      return 'expired';
    case 'REJECTD':
      return 'rejected';
    case 'DELETED':
      return 'deleted';
    case 'UNKNOWN':
      return 'unknown';
    case 'ACCEPTD':
    case 'ENROUTE':
      return undefined;
  }
}

/** A client's Delivery Status (expiredDlrStatus) as the state its expired messages end in. */
export function stateOfExpiredDlrStatus(status: string): MessageState {
  const state = isStat(status) ? stateOfStat(status) : undefined;
  return state ?? 'expired';
}

export function isStat(value: string): value is Stat {
  return ['ENROUTE', 'DELIVRD', 'EXPIRED', 'DELETED', 'UNDELIV', 'ACCEPTD', 'UNKNOWN', 'REJECTD'].includes(value);
}

/**
 * Whether SMPP registered_delivery asks for a receipt of a message that ended in `state`: bits 1..0
 * are 01 (every final outcome) or 10 (failures only, SMPP 3.4 §5.2.17).
 */
export function wantsReceipt(registeredDelivery: number, state: MessageState): boolean {
  if (!isFinal(state)) return false;
  const smsc = registeredDelivery & 0x03;
  if (smsc === 1) return true;
  if (smsc === 2) return state !== 'delivered';
  return false;
}
