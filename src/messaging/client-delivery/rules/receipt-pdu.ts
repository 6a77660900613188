import { formatReceipt, MESSAGE_STATE, type ReceiptStat } from '@petrel/smpp';
import { isMessageState, isStat, STATE_TABLE } from '../../rules/message-states.ts';

/** A pending report with what its receipt quotes from the message. */
export interface PendingReport {
  readonly id: number;
  readonly messageId: number;
  /** A Petrel state ('delivered') or, as some writers keep it, the receipt stat ('DELIVRD'). */
  readonly state: string;
  readonly errorCode: number | null;
  /** The message's sender and number: the receipt travels back from the number to the sender. */
  readonly source: string;
  readonly sourceTon: number;
  readonly sourceNpi: number;
  readonly destination: string;
  readonly text: string;
  readonly submittedAt: Date;
  readonly doneAt: Date;
}

/** The fields of the deliver_sm that carries a receipt (interfaces.md, SMPP section). */
export interface ReceiptDeliverSm {
  readonly sourceAddrTon: number;
  readonly sourceAddrNpi: number;
  readonly sourceAddr: string;
  readonly destAddrTon: number;
  readonly destAddrNpi: number;
  readonly destinationAddr: string;
  readonly esmClass: number;
  readonly dataCoding: number;
  readonly shortMessage: Buffer;
  readonly tlvs: { readonly receiptedMessageId: string; readonly messageState: number };
}

/** esm_class 0x04: the short message is an SMSC delivery receipt. */
export const ESM_DELIVERY_RECEIPT = 0x04;

/** The receipt stat of a report's state (message-states.md); UNKNOWN for anything unreadable. */
export function statOf(state: string): ReceiptStat {
  if (isMessageState(state)) return STATE_TABLE[state].stat ?? 'ENROUTE';
  const upper = state.toUpperCase();
  return isStat(upper) ? upper : 'UNKNOWN';
}

/** The receipt deliver_sm of a report: the text of interfaces.md plus receipted_message_id and message_state. */
export function receiptDeliverSm(r: PendingReport): ReceiptDeliverSm {
  const stat = statOf(r.state);
  const id = String(r.messageId);
  const text = formatReceipt({ id, stat, err: r.errorCode ?? 0, submitDate: r.submittedAt, doneDate: r.doneAt, text: r.text });
  return {
    sourceAddrTon: 1,
    sourceAddrNpi: 1,
    sourceAddr: r.destination,
    destAddrTon: r.sourceTon,
    destAddrNpi: r.sourceNpi,
    destinationAddr: r.source,
    esmClass: ESM_DELIVERY_RECEIPT,
    dataCoding: 0,
    // The receipt text is ASCII apart from the quoted text; Latin-1 keeps it one octet a character.
    shortMessage: Buffer.from(text.replace(/[^\x20-\x7e]/g, '?'), 'latin1'),
    tlvs: { receiptedMessageId: id, messageState: MESSAGE_STATE[stat] },
  };
}
