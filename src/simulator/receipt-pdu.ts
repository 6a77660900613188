import { MAX_SHORT_MESSAGE, MESSAGE_STATE, formatReceipt, type PduFields, type ReceiptFormat } from '@petrel/smpp';
import type { OutcomeStat } from './pick-outcome.ts';

/** An address as it stood in the submit. */
export interface Address {
  readonly ton: number;
  readonly npi: number;
  readonly addr: string;
}

/** A receipt the simulator owes: what it needs to write the deliver_sm when its time comes. */
export interface OwedReceipt {
  readonly systemId: string;
  readonly messageId: string;
  readonly stat: OutcomeStat;
  readonly err: number;
  readonly submittedAt: number;
  /** The submit's source and destination; the receipt goes back the other way. */
  readonly source: Address;
  readonly destination: Address;
  readonly text: string;
}

const SMSC_DELIVERY_RECEIPT = 0x04;
const GSM_NETWORK = 3;
const DATA_CODING_LATIN1 = 0x03;
const DATA_CODING_UCS2 = 0x08;

// Characters that read the same as ASCII and as GSM 03.38 ('@', '_', '$' and brackets do not).
const SAME_IN_ASCII_AND_GSM = /^[A-Za-z0-9 !"#%&'()*+,\-./:;<=>?\r\n]*$/;
const BEYOND_LATIN1 = /[\u0100-\uffff]/;

/**
 * The deliver_sm of a delivery receipt (esm_class 0x04): the Appendix B text, and the TLVs
 * receipted_message_id, message_state and network_error_code when `withTlvs`. The text goes as
 * data_coding 0 when every reader agrees on its bytes, else Latin-1 (3) or UCS-2 (8), so the quoted
 * message is never altered.
 */
export function receiptPdu(owed: OwedReceipt, doneAt: number, format: ReceiptFormat, withTlvs: boolean): PduFields<'deliver_sm'> {
  const text = formatReceipt(
    { id: owed.messageId, stat: owed.stat, err: owed.err, submitDate: new Date(owed.submittedAt), doneDate: new Date(doneAt), text: owed.text },
    format,
  );
  const [dataCoding, body] = receiptBody(text);
  // A UCS-2 receipt can pass the 254 octets short_message holds; then it travels in message_payload.
  const inPayload = body.length > MAX_SHORT_MESSAGE;
  return {
    sourceAddrTon: owed.destination.ton,
    sourceAddrNpi: owed.destination.npi,
    sourceAddr: owed.destination.addr,
    destAddrTon: owed.source.ton,
    destAddrNpi: owed.source.npi,
    destinationAddr: owed.source.addr,
    esmClass: SMSC_DELIVERY_RECEIPT,
    dataCoding,
    shortMessage: inPayload ? Buffer.alloc(0) : body,
    tlvs: {
      ...(inPayload ? { messagePayload: body } : {}),
      ...(withTlvs ? { receiptedMessageId: owed.messageId, messageState: MESSAGE_STATE[owed.stat], networkErrorCode: { networkType: GSM_NETWORK, errorCode: owed.err } } : {}),
    },
  };
}

function receiptBody(text: string): [number, Buffer] {
  if (SAME_IN_ASCII_AND_GSM.test(text)) return [0, Buffer.from(text, 'latin1')];
  if (!BEYOND_LATIN1.test(text)) return [DATA_CODING_LATIN1, Buffer.from(text, 'latin1')];
  return [DATA_CODING_UCS2, Buffer.from(text, 'utf16le').swap16()];
}
