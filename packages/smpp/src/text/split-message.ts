/**
 * A message cut into parts ready for submit_sm, in one of four concatenation modes:
 *   udh8 / udh16  a concatenation IE (IEI 0x00 / 0x08) in each part's UDH, esm_class UDHI set;
 *   sar           no UDH, the sar_* TLV values per part (each part holds a full 160/70/140);
 *   payload       one submit with everything in message_payload, cut by the SMSC.
 * The reference is passed in so the function stays pure. In udh8, udh16 and sar modes a message
 * that fits one segment goes as a single plain part, with no UDH or SAR values.
 */
import { chooseCoding, gsm7WireCeiling } from './choose-coding.ts';
import type { CharsetOptions, Coding, WireCharset } from './coding.ts';
import type { TextCoding } from './count-segments.ts';
import { dataCodingFor } from './data-coding-for.ts';
import { encodeForWire } from './encode-for-wire.ts';
import { encodeUdh } from './encode-udh.ts';
import { unrepresentable } from './gsm7.ts';
import { planSegments } from './plan-segments.ts';
import { MAX_SEGMENTS, segmentCapacity, type Concatenation } from './segment-capacity.ts';
import { fillBitsAfterUdh } from './septet-packing.ts';
import { fail, ok, type TextResult } from './text-result.ts';
import { wireCharsetOf } from './wire-charset-of.ts';

/** Values for the sar_msg_ref_num, sar_total_segments and sar_segment_seqnum TLVs. */
export interface SarValues {
  readonly sarMsgRefNum: number;
  readonly sarTotalSegments: number;
  readonly sarSegmentSeqnum: number;
}

export interface SubmitPart {
  readonly shortMessage: Buffer;
  readonly esmClassUdhi: boolean;
  readonly sar?: SarValues;
  /** Payload mode: the whole message for message_payload; short_message is then empty. */
  readonly messagePayload?: Buffer;
}

export interface SplitMessage {
  readonly coding: Coding;
  readonly dataCoding: number;
  readonly parts: readonly SubmitPart[];
}

export interface SplitOptions extends CharsetOptions {
  readonly mode: Concatenation;
  /** The concatenation reference: 0..255 for udh8, 0..65535 for udh16 and sar. */
  readonly reference?: number;
  /** Force a coding; by default `chooseCoding` picks GSM 7-bit or UCS-2. */
  readonly coding?: TextCoding;
}

export const MAX_MESSAGE_PAYLOAD = 65535;

const CARRIERS: Readonly<Record<Coding, readonly WireCharset[]>> = {
  gsm7: ['gsm7', 'gsm7-packed', 'latin1', 'ascii'],
  ucs2: ['ucs2'],
  latin1: ['latin1'],
  binary: ['binary'],
};

function wireFor(coding: Coding, dataCoding: number, options: CharsetOptions): TextResult<WireCharset> {
  const wire = wireCharsetOf(dataCoding, options);
  if (!wire.ok) return wire;
  if (!CARRIERS[coding].includes(wire.value)) {
    return fail({ kind: 'unsupported-data-coding', dataCoding, reason: `data_coding 0x${dataCoding.toString(16)} does not carry ${coding}` });
  }
  return wire;
}

function body(content: string | Uint8Array, start: number, end: number, wire: WireCharset, fillBits: number): TextResult<Buffer> {
  if (typeof content !== 'string') return ok(Buffer.from(content.subarray(start, end)));
  return encodeForWire(content.slice(start, end), wire, fillBits);
}

function checkReference(mode: Concatenation, reference: number | undefined): TextResult<number> {
  const max = mode === 'udh8' ? 0xff : 0xffff;
  if (reference === undefined || !Number.isInteger(reference) || reference < 0 || reference > max) {
    return fail({ kind: 'invalid-reference', reference: reference ?? Number.NaN, max });
  }
  return ok(reference);
}

function payloadPart(content: string | Uint8Array, wire: WireCharset): TextResult<SubmitPart> {
  const encoded = body(content, 0, content.length, wire, 0);
  if (!encoded.ok) return encoded;
  if (encoded.value.length > MAX_MESSAGE_PAYLOAD) return fail({ kind: 'payload-too-long', octets: encoded.value.length, max: MAX_MESSAGE_PAYLOAD });
  return ok({ shortMessage: Buffer.alloc(0), esmClassUdhi: false, messagePayload: encoded.value });
}

export function splitMessage(content: string | Uint8Array, options: SplitOptions): TextResult<SplitMessage> {
  const coding: Coding = typeof content === 'string' ? (options.coding ?? chooseCoding(content, options)) : 'binary';
  const dataCoding = dataCodingFor(coding, options);
  const wire = wireFor(coding, dataCoding, options);
  if (!wire.ok) return wire;

  const ends: number[] = [];
  const ceiling = coding === 'gsm7' ? gsm7WireCeiling(options) : 0xffff;
  const plan = planSegments({ content, coding, capacity: segmentCapacity(coding, options.mode), ceiling }, ends);
  if (plan.badIndex !== -1 && typeof content === 'string') {
    return fail({ kind: 'unrepresentable-character', coding, character: unrepresentable(content, plan.badIndex), index: plan.badIndex });
  }
  if (options.mode === 'payload') {
    const part = payloadPart(content, wire.value);
    return part.ok ? ok({ coding, dataCoding, parts: [part.value] }) : part;
  }
  if (plan.segments === 1) {
    const whole = body(content, 0, content.length, wire.value, 0);
    return whole.ok ? ok({ coding, dataCoding, parts: [{ shortMessage: whole.value, esmClassUdhi: false }] }) : whole;
  }
  if (plan.segments > MAX_SEGMENTS) return fail({ kind: 'too-many-segments', segments: plan.segments, max: MAX_SEGMENTS });
  const reference = checkReference(options.mode, options.reference);
  if (!reference.ok) return reference;

  const parts: SubmitPart[] = [];
  let start = 0;
  for (const [index, end] of ends.entries()) {
    const part = concatenatedPart(content, start, end, wire.value, options.mode, reference.value, index + 1, ends.length);
    if (!part.ok) return part;
    parts.push(part.value);
    start = end;
  }
  return ok({ coding, dataCoding, parts });
}

function concatenatedPart(
  content: string | Uint8Array,
  start: number,
  end: number,
  wire: WireCharset,
  mode: Concatenation,
  reference: number,
  sequence: number,
  total: number,
): TextResult<SubmitPart> {
  if (mode === 'sar') {
    const encoded = body(content, start, end, wire, 0);
    if (!encoded.ok) return encoded;
    return ok({ shortMessage: encoded.value, esmClassUdhi: false, sar: { sarMsgRefNum: reference, sarTotalSegments: total, sarSegmentSeqnum: sequence } });
  }
  const udh = encodeUdh([{ kind: 'concatenation', referenceBits: mode === 'udh16' ? 16 : 8, reference, total, sequence }]);
  const encoded = body(content, start, end, wire, fillBitsAfterUdh(udh.length));
  if (!encoded.ok) return encoded;
  return ok({ shortMessage: Buffer.concat([udh, encoded.value]), esmClassUdhi: true });
}
