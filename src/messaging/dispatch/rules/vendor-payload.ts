import { decodeShortMessage, encodeForWire, parseUdh } from '@petrel/smpp';

const UDHI = 0x40;

/** What the vendor means by data_coding 0 (vendors.default_coding). */
export type DefaultCoding = 'gsm7' | 'latin1' | 'ascii';

export interface StoredContent {
  readonly esmClass: number;
  readonly dataCoding: number;
  /** As stored: data_coding 0 is unpacked GSM 03.38 septets, Petrel's own reading of it. */
  readonly shortMessage: Buffer;
  /** Segments the message was billed as: more than one without a UDH = Petrel must have it split. */
  readonly segments: number;
}

export interface VendorContent {
  readonly esmClass: number;
  readonly dataCoding: number;
  readonly shortMessage: Buffer;
  /** Set instead of shortMessage for a long text the vendor's SMSC splits (message_payload TLV). */
  readonly messagePayload?: Buffer;
  /** Characters the vendor's default alphabet lacks, sent as '?' (reported in the history). */
  readonly replaced: number;
}

/**
 * The content of a submit_sm to a vendor: GSM text (data_coding 0) re-coded into the vendor's
 * default alphabet when it reads data_coding 0 as Latin-1 or ASCII; a long text without a UDH
 * goes in message_payload so one vendor id (and one receipt) covers the whole text. Pure.
 */
export function vendorContent(m: StoredContent, defaultCoding: DefaultCoding): VendorContent {
  const recoded = defaultCoding === 'gsm7' || m.dataCoding !== 0 ? { bytes: m.shortMessage, replaced: 0 } : recode(m, defaultCoding);
  const esmClass = m.esmClass & UDHI;
  if ((m.esmClass & UDHI) === 0 && (m.segments > 1 || recoded.bytes.length > 254)) {
    return { esmClass, dataCoding: m.dataCoding, shortMessage: Buffer.alloc(0), messagePayload: recoded.bytes, replaced: recoded.replaced };
  }
  return { esmClass, dataCoding: m.dataCoding, shortMessage: recoded.bytes, replaced: recoded.replaced };
}

function recode(m: StoredContent, charset: 'latin1' | 'ascii'): { bytes: Buffer; replaced: number } {
  let udh: Buffer = Buffer.alloc(0);
  let body: Uint8Array = m.shortMessage;
  if ((m.esmClass & UDHI) !== 0) {
    const parsed = parseUdh(m.shortMessage);
    if (!parsed.ok) return { bytes: m.shortMessage, replaced: 0 };
    udh = m.shortMessage.subarray(0, parsed.value.udhLength);
    body = parsed.value.body;
  }
  const text = decodeShortMessage(body, 0);
  if (!text.ok) return { bytes: m.shortMessage, replaced: 0 };
  const whole = encodeForWire(text.value, charset);
  if (whole.ok) return { bytes: Buffer.concat([udh, whole.value]), replaced: 0 };
  let replaced = 0;
  const parts = Array.from(text.value, (ch) => {
    const one = encodeForWire(ch, charset);
    if (one.ok) return one.value;
    replaced += 1;
    return Buffer.from('?', 'latin1');
  });
  return { bytes: Buffer.concat([udh, ...parts]), replaced };
}
