/**
 * Where a message's segments end: the one walk that both counting and splitting use, so the
 * count shown to a client is exactly what will be submitted. Greedy, with two rules: an escape
 * pair (GSM extension character) and a surrogate pair (UCS-2 emoji) never straddle two parts.
 */
import type { Coding } from './coding.ts';
import { DEFAULT_GSM7, type Gsm7Charset } from './gsm7-charset.ts';
import { firstAbove } from './latin1.ts';
import type { SegmentCapacity } from './segment-capacity.ts';
import { isHighSurrogate, isLowSurrogate } from './ucs2.ts';

export interface SegmentPlan {
  readonly segments: number;
  /** Units of the whole message: septets, UCS-2 units or octets. */
  readonly units: number;
  /** Units in the last segment. */
  readonly lastUnits: number;
  /** Index of the first character the coding cannot carry, -1 when all fit. */
  readonly badIndex: number;
}

function whole(units: number, length: number, ends: number[] | undefined): SegmentPlan {
  if (ends !== undefined) {
    ends.length = 0;
    ends.push(length);
  }
  return { segments: 1, units, lastUnits: units, badIndex: -1 };
}

/** `ceiling`: highest code unit the wire bytes can carry (a Latin-1 or ASCII data_coding 0). */
function planGsm7(text: string, charset: Gsm7Charset, capacity: SegmentCapacity, ceiling: number, ends?: number[]): SegmentPlan {
  const lookup = charset.lookup;
  const size = Math.min(lookup.length, ceiling + 1); // bounds-checked reads stay on V8's fast path
  const multi = capacity.multi;
  let units = 0;
  let segments = 1;
  let inSegment = 0;
  for (let i = 0; i < text.length; i++) {
    const codeUnit = text.charCodeAt(i);
    const cost = codeUnit < size ? (lookup[codeUnit] as number) >> 8 : 0;
    if (cost === 0) return { segments: 0, units, lastUnits: 0, badIndex: i };
    units += cost;
    if (inSegment + cost > multi) {
      ends?.push(i);
      segments++;
      inSegment = 0;
    }
    inSegment += cost;
  }
  if (units <= capacity.single) return whole(units, text.length, ends);
  ends?.push(text.length);
  return { segments, units, lastUnits: inSegment, badIndex: -1 };
}

function planUcs2(text: string, capacity: SegmentCapacity, ends?: number[]): SegmentPlan {
  if (text.length <= capacity.single) return whole(text.length, text.length, ends);
  let segments = 1;
  let inSegment = 0;
  for (let i = 0; i < text.length; ) {
    const cost = isHighSurrogate(text.charCodeAt(i)) && isLowSurrogate(text.charCodeAt(i + 1)) ? 2 : 1;
    if (inSegment + cost > capacity.multi) {
      ends?.push(i);
      segments++;
      inSegment = 0;
    }
    inSegment += cost;
    i += cost;
  }
  ends?.push(text.length);
  return { segments, units: text.length, lastUnits: inSegment, badIndex: -1 };
}

function planOctets(length: number, capacity: SegmentCapacity, ends?: number[]): SegmentPlan {
  if (length <= capacity.single) return whole(length, length, ends);
  const segments = Math.ceil(length / capacity.multi);
  if (ends !== undefined) for (let s = 1; s <= segments; s++) ends.push(Math.min(s * capacity.multi, length));
  return { segments, units: length, lastUnits: length - (segments - 1) * capacity.multi, badIndex: -1 };
}

export interface PlanInput {
  readonly content: string | Uint8Array;
  readonly coding: Coding;
  readonly capacity: SegmentCapacity;
  /** GSM only: the set to count in and the wire ceiling (see `gsm7WireCeiling`). */
  readonly charset?: Gsm7Charset;
  readonly ceiling?: number;
}

/**
 * `ends`, when given, is filled with the index (code unit, or octet for binary) where each
 * segment ends. Leave it out to count without allocating.
 */
export function planSegments(input: PlanInput, ends?: number[]): SegmentPlan {
  const { content, coding, capacity } = input;
  if (typeof content !== 'string') return planOctets(content.length, capacity, ends);
  switch (coding) {
    case 'gsm7':
      return planGsm7(content, input.charset ?? DEFAULT_GSM7, capacity, input.ceiling ?? 0xffff, ends);
    case 'ucs2':
      return planUcs2(content, capacity, ends);
    case 'latin1': {
      const bad = firstAbove(content, 0xff);
      if (bad !== -1) return { segments: 0, units: 0, lastUnits: 0, badIndex: bad };
      return planOctets(content.length, capacity, ends);
    }
    case 'binary':
      return planOctets(content.length, capacity, ends);
  }
}
