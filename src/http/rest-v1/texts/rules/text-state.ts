import { type MessageState, STATE_TABLE, isFinal } from '../../../../messaging/rules/message-states.ts';

/**
 * Final states from best to worst: a text is `delivered` only when every part is, otherwise it
 * takes its worst part's final state (message-states.md, multipart over HTTP/REST). A refusal by
 * the carrier outranks a failure to send, which outranks a plain non-delivery.
 */
export const FINAL_SEVERITY: readonly MessageState[] = ['delivered', 'unknown', 'expired', 'undelivered', 'deleted', 'failed', 'rejected'];

export interface PartState {
  readonly state: MessageState;
  readonly errorCode: number | null;
}

export interface TextState {
  readonly state: MessageState;
  readonly final: boolean;
  /** The error code of the part that decided the state (the worst one), when it has one. */
  readonly errorCode: number | null;
}

/**
 * The state of a text from its parts: while any part is on its way, the least advanced of those
 * (a text is `sent` once every part is); once all are final, the worst final state. Pure.
 */
export function textState(parts: readonly PartState[]): TextState {
  if (parts.length === 0) return { state: 'failed', final: true, errorCode: null };
  const open = parts.filter((p) => !isFinal(p.state));
  if (open.length > 0) {
    const least = open.reduce((a, b) => (STATE_TABLE[b.state].rank < STATE_TABLE[a.state].rank ? b : a));
    return { state: least.state, final: false, errorCode: null };
  }
  const worst = parts.reduce((a, b) => (FINAL_SEVERITY.indexOf(b.state) > FINAL_SEVERITY.indexOf(a.state) ? b : a));
  return { state: worst.state, final: true, errorCode: worst.errorCode };
}
