import type { PduOf } from '../codec/pdu.ts';
import { DATA_CODING } from '../text/data-coding-for.ts';
import { decodeUcs2 } from '../text/ucs2.ts';
import { parseReceipt } from './parse-receipt.ts';
import type { Receipt } from './receipt.ts';
import { receiptFromTlvs } from './receipt-from-tlvs.ts';

/** esm_class message type bits (SMPP 3.4 §5.2.12). */
const MESSAGE_TYPE_MASK = 0x3c;
const SMSC_DELIVERY_RECEIPT = 0x04;
const INTERMEDIATE_NOTIFICATION = 0x20;

/** Whether a deliver_sm or data_sm is a delivery receipt rather than an MO message. */
export function isReceiptPdu(pdu: PduOf<'deliver_sm' | 'data_sm'>): boolean {
  const type = pdu.esmClass & MESSAGE_TYPE_MASK;
  return type === SMSC_DELIVERY_RECEIPT || type === INTERMEDIATE_NOTIFICATION || pdu.tlvs.receiptedMessageId !== undefined;
}

/**
 * The receipt a deliver_sm or data_sm carries: the TLVs decide id, state and error when present,
 * the text fills in what they lack (dates, sub, dlvrd, quoted text) or stands alone when they are
 * missing. Undefined for an MO message or an unreadable receipt.
 */
export function readReceipt(pdu: PduOf<'deliver_sm' | 'data_sm'>): Receipt | undefined {
  if (!isReceiptPdu(pdu)) return undefined;
  const fromTlvs = receiptFromTlvs(pdu.tlvs);
  const fromText = parseReceipt(receiptText(pdu));
  if (fromTlvs === undefined) return fromText;
  if (fromText === undefined) return fromTlvs;
  const err = pdu.tlvs.networkErrorCode === undefined ? fromText.err : fromTlvs.err;
  // The TLVs' id, stat and network type over the text's fields. Written so, not as two spreads and
  // a key after them, which V8 builds slowly (a receipt per message; see buildPdu).
  return { networkType: fromTlvs.networkType, ...fromText, id: fromTlvs.id, stat: fromTlvs.stat, err };
}

/**
 * SMSCs write receipt text as ASCII bytes whatever data_coding says (read as GSM, `submit_date`
 * would become `submit§date`), so only UCS-2 is decoded as such; everything else is Latin-1.
 */
function receiptText(pdu: PduOf<'deliver_sm' | 'data_sm'>): string {
  const body = pdu.command === 'deliver_sm' && pdu.shortMessage.length > 0 ? pdu.shortMessage : pdu.tlvs.messagePayload;
  if (body === undefined || body.length === 0) return '';
  if (pdu.dataCoding === DATA_CODING.UCS2) {
    const decoded = decodeUcs2(body);
    if (decoded.ok) return decoded.value;
  }
  return body.toString('latin1');
}
