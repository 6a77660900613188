/**
 * Reads the User Data Header at the start of a short message whose esm_class has UDHI set.
 * Input comes from peers, so every way it can be short or inconsistent answers a typed
 * `malformed-udh` error with the offset, and nothing reads past the buffer.
 */
import type { ShiftTables } from './gsm7-charset.ts';
import { nationalLanguageOf } from './national-language-tables.ts';
import { fail, ok, type TextResult } from './text-result.ts';
import { IEI, type ConcatenationElement, type UdhElement } from './udh-element.ts';

export interface ParsedUdh {
  /** Octets the UDH takes, its length octet (UDHL) included. */
  readonly udhLength: number;
  readonly elements: readonly UdhElement[];
  /** The concatenation IE; the last one wins if a peer repeats it (TS 23.040 §9.2.3.24). */
  readonly concatenation?: ConcatenationElement;
  readonly shiftTables: ShiftTables;
  /** The user data after the UDH (a view, not a copy). */
  readonly body: Uint8Array;
}

function concatenation(iei: number, data: Uint8Array, offset: number): TextResult<ConcatenationElement> {
  const wide = iei === IEI.CONCATENATION_16;
  if (data.length !== (wide ? 4 : 3)) {
    return fail({ kind: 'malformed-udh', offset, reason: `concatenation IE 0x0${iei} needs ${wide ? 4 : 3} octets, has ${data.length}` });
  }
  const reference = wide ? ((data[0] ?? 0) << 8) | (data[1] ?? 0) : (data[0] ?? 0);
  const total = data[wide ? 2 : 1] ?? 0;
  const sequence = data[wide ? 3 : 2] ?? 0;
  if (total === 0) return fail({ kind: 'malformed-udh', offset, reason: 'concatenation IE says 0 parts' });
  if (sequence === 0 || sequence > total) {
    return fail({ kind: 'malformed-udh', offset, reason: `concatenation IE part ${sequence} of ${total} is out of range` });
  }
  return ok({ kind: 'concatenation', referenceBits: wide ? 16 : 8, reference, total, sequence });
}

function element(iei: number, data: Uint8Array, offset: number): TextResult<UdhElement> {
  if (iei === IEI.CONCATENATION_8 || iei === IEI.CONCATENATION_16) return concatenation(iei, data, offset);
  if ((iei === IEI.NATIONAL_SINGLE_SHIFT || iei === IEI.NATIONAL_LOCKING_SHIFT) && data.length === 1) {
    const language = nationalLanguageOf(data[0] ?? 0);
    // A language Petrel has no table for reads with the default table (TS 23.038 §6.2.1.2.4).
    if (language !== undefined) {
      return ok(iei === IEI.NATIONAL_SINGLE_SHIFT ? { kind: 'national-single-shift', language } : { kind: 'national-locking-shift', language });
    }
  }
  return ok({ kind: 'raw', iei, data });
}

export function parseUdh(shortMessage: Uint8Array): TextResult<ParsedUdh> {
  const udhl = shortMessage[0];
  if (udhl === undefined) return fail({ kind: 'malformed-udh', offset: 0, reason: 'UDHI is set but the message is empty' });
  const end = 1 + udhl;
  if (end > shortMessage.length) {
    return fail({ kind: 'malformed-udh', offset: 0, reason: `UDH length ${udhl} runs past the ${shortMessage.length}-octet message` });
  }
  const elements: UdhElement[] = [];
  let found: ConcatenationElement | undefined;
  let shiftTables: ShiftTables = {};
  for (let at = 1; at < end; ) {
    const iei = shortMessage[at] ?? 0;
    const length = shortMessage[at + 1];
    if (length === undefined || at + 2 > end) return fail({ kind: 'malformed-udh', offset: at, reason: `IE 0x${iei.toString(16)} has no length octet` });
    if (at + 2 + length > end) return fail({ kind: 'malformed-udh', offset: at, reason: `IE 0x${iei.toString(16)} of ${length} octets runs past the UDH` });
    const parsed = element(iei, shortMessage.subarray(at + 2, at + 2 + length), at);
    if (!parsed.ok) return parsed;
    const value = parsed.value;
    elements.push(value);
    if (value.kind === 'concatenation') found = value;
    if (value.kind === 'national-single-shift') shiftTables = { ...shiftTables, singleShift: value.language };
    if (value.kind === 'national-locking-shift') shiftTables = { ...shiftTables, locking: value.language };
    at += 2 + length;
  }
  return ok({ udhLength: end, elements, concatenation: found, shiftTables, body: shortMessage.subarray(end) });
}
