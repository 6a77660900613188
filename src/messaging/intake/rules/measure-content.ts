import { chooseCoding, countSegments, dataCodingFor, decodeShortMessage, encodeForWire, parseUdh, wireCharsetOf } from '@petrel/smpp';

/** SMPP esm_class bit 6: the short message starts with a User Data Header. */
export const ESM_UDHI = 0x40;

export interface MeasuredContent {
  /** The octets stored and sent to the vendor (UDH included when esmClass has UDHI). */
  readonly shortMessage: Buffer;
  readonly dataCoding: number;
  readonly esmClass: number;
  /** Decoded, for people, route filters and the receipt's `text:` ('' for binary content). */
  readonly text: string;
  /** What the client pays for: 1 per part the client sent with its own UDH, else as the text splits. */
  readonly segments: number;
}

export type Measured = { readonly ok: true; readonly value: MeasuredContent } | { readonly ok: false; readonly reason: string };

/**
 * The coding and the segment count of a message. Octets from SMPP are kept as the client sent
 * them; a message that carries its own UDH is one part of a concatenated message and costs one
 * segment. Text from HTTP, REST and web gets GSM 7-bit when every character fits, else UCS-2.
 */
export function measureContent(content: Buffer | string, dataCoding: number, esmClass: number): Measured {
  if (typeof content === 'string') return measureText(content, esmClass);
  if ((esmClass & ESM_UDHI) !== 0) {
    const udh = parseUdh(content);
    if (!udh.ok) return { ok: false, reason: 'the User Data Header (esm_class UDHI) is malformed' };
    return ok(content, dataCoding, esmClass, decodeOrEmpty(udh.value.body, dataCoding), 1);
  }
  const decoded = decodeShortMessage(content, dataCoding);
  if (!decoded.ok) return ok(content, dataCoding, esmClass, '', octetSegments(content));
  const coding = codingOf(dataCoding);
  const count = countSegments(decoded.value, { coding });
  return ok(content, dataCoding, esmClass, decoded.value, count.ok ? count.value.segments : octetSegments(content));
}

function measureText(text: string, esmClass: number): Measured {
  const coding = chooseCoding(text);
  const dataCoding = dataCodingFor(coding);
  const bytes = encodeForWire(text, coding === 'gsm7' ? 'gsm7' : 'ucs2');
  const count = countSegments(text, { coding });
  if (!bytes.ok || !count.ok) return { ok: false, reason: 'the text cannot be encoded' };
  return ok(bytes.value, dataCoding, esmClass & ~ESM_UDHI, text, count.value.segments);
}

/** The text coding segments are counted in, for a data_coding whose octets decoded as text. */
function codingOf(dataCoding: number): 'gsm7' | 'ucs2' | 'latin1' {
  const wire = wireCharsetOf(dataCoding);
  if (!wire.ok) return 'gsm7';
  if (wire.value === 'ucs2') return 'ucs2';
  if (wire.value === 'latin1') return 'latin1';
  return 'gsm7';
}

function octetSegments(content: Uint8Array): number {
  const count = countSegments(content);
  return count.ok ? count.value.segments : Math.max(1, Math.ceil(content.length / 134));
}

function decodeOrEmpty(body: Uint8Array, dataCoding: number): string {
  const decoded = decodeShortMessage(body, dataCoding);
  return decoded.ok ? decoded.value : '';
}

function ok(shortMessage: Buffer, dataCoding: number, esmClass: number, text: string, segments: number): Measured {
  return { ok: true, value: { shortMessage, dataCoding, esmClass, text, segments } };
}
