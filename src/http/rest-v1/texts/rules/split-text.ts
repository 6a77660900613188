import { chooseCoding, dataCodingFor, describeTextError, encodeForWire, gsm7Length, parseUdh, splitMessage } from '@petrel/smpp';

/** SMPP esm_class bit 6: the short message starts with a User Data Header. */
const ESM_UDHI = 0x40;
const USER_DATA_OCTETS = 140;

export type Body =
  /** Text: GSM 7-bit when every character fits, else UCS-2, unless a coding is forced. */
  | { readonly kind: 'text'; readonly text: string; readonly coding?: 'gsm7' | 'ucs2' | undefined }
  | { readonly kind: 'binary'; readonly bytes: Uint8Array };

export type Content = Body | { readonly kind: 'udh'; readonly udh: Uint8Array; readonly body: Body };

/** One part of a text as intake takes it: the octets (UDH first when esmClass has UDHI) and their data_coding. */
export interface TextPart {
  readonly shortMessage: Buffer;
  readonly dataCoding: number;
  readonly esmClass: number;
}

export type SplitText = { readonly ok: true; readonly parts: readonly TextPart[] } | { readonly ok: false; readonly reason: string };

/**
 * A text as the parts Petrel sends (message-states.md: multipart over HTTP and REST is split by
 * Petrel; each part is a message of its own inside the one text the client holds an id for). A
 * text that fits one segment is one part without a UDH; a longer one gets concatenation UDHs with
 * `reference`. A caller-given UDH (`/sendsms` udh=) makes the message one part as given. Pure.
 */
export function splitText(content: Content, reference: number): SplitText {
  if (content.kind === 'udh') return withUdh(content.udh, content.body);
  const split = content.kind === 'text' ? splitMessage(content.text, { mode: 'udh8', reference, ...(content.coding ? { coding: content.coding } : {}) }) : splitMessage(content.bytes, { mode: 'udh8', reference });
  if (!split.ok) return { ok: false, reason: describeTextError(split.error) };
  return { ok: true, parts: split.value.parts.map((p) => ({ shortMessage: p.shortMessage, dataCoding: split.value.dataCoding, esmClass: p.esmClassUdhi ? ESM_UDHI : 0 })) };
}

function withUdh(udh: Uint8Array, body: Body): SplitText {
  const parsed = parseUdh(Buffer.concat([udh, Buffer.alloc(1)]));
  if (!parsed.ok || parsed.value.udhLength !== udh.length) return { ok: false, reason: 'udh is not a valid User Data Header (its first octet is the length of the rest)' };
  let octets: Buffer;
  let dataCoding: number;
  let bits: number;
  if (body.kind === 'binary') {
    octets = Buffer.from(body.bytes);
    dataCoding = dataCodingFor('binary');
    bits = octets.length * 8;
  } else {
    const coding = body.coding ?? chooseCoding(body.text);
    const encoded = encodeForWire(body.text, coding === 'gsm7' ? 'gsm7' : 'ucs2');
    if (!encoded.ok) return { ok: false, reason: describeTextError(encoded.error) };
    octets = encoded.value;
    dataCoding = dataCodingFor(coding);
    bits = coding === 'gsm7' ? (gsm7Length(body.text) ?? octets.length) * 7 : octets.length * 8;
  }
  const room = (USER_DATA_OCTETS - udh.length) * 8;
  if (bits > room) return { ok: false, reason: `with a ${udh.length}-octet UDH the text must fit one segment (${Math.floor(room / 8)} octets); send it without udh and Petrel splits it` };
  return { ok: true, parts: [{ shortMessage: Buffer.concat([udh, octets]), dataCoding, esmClass: ESM_UDHI }] };
}
