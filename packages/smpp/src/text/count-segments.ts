/**
 * How many SMS a message costs, counted the way `splitMessage` will cut it. The intake calls
 * this for every message, so GSM text is walked once, through a lookup table, allocating only
 * the answer; other text stops at its first non-GSM character and is walked again as UCS-2.
 */
import { gsm7WireCeiling } from './choose-coding.ts';
import type { CharsetOptions, Coding } from './coding.ts';
import { unrepresentable } from './gsm7.ts';
import { planSegments, type SegmentPlan } from './plan-segments.ts';
import { segmentCapacity, type Concatenation, type SegmentCapacity } from './segment-capacity.ts';
import { fail, ok, type TextResult } from './text-result.ts';

export type TextCoding = Exclude<Coding, 'binary'>;

export interface CountOptions extends CharsetOptions {
  /** Force a coding; by default `chooseCoding` picks GSM 7-bit or UCS-2. */
  readonly coding?: TextCoding;
  /** Default 'udh8'. With 'sar' every part holds a full 160/70/140 (no UDH). */
  readonly concatenation?: Concatenation;
}

export type SegmentUnit = 'septet' | 'ucs2-unit' | 'octet';

export interface SegmentCount {
  readonly coding: Coding;
  readonly unit: SegmentUnit;
  readonly segments: number;
  /** Units of the whole message (an extension character is 2 septets, an emoji 2 UCS-2 units). */
  readonly unitsUsed: number;
  /** Capacity of each segment: the single-message size when one segment, else the part size. */
  readonly unitsPerSegment: number;
  /** Units still free in the last segment before another one is needed. */
  readonly unitsLeft: number;
}

export const UNIT_OF: Readonly<Record<Coding, SegmentUnit>> = { gsm7: 'septet', ucs2: 'ucs2-unit', latin1: 'octet', binary: 'octet' };

function planWith(content: string | Uint8Array, coding: Coding, options: CountOptions): { capacity: SegmentCapacity; plan: SegmentPlan } {
  const capacity = segmentCapacity(coding, options.concatenation ?? 'udh8');
  const ceiling = coding === 'gsm7' && options.dataCoding0 !== undefined ? gsm7WireCeiling(options) : 0xffff;
  return { capacity, plan: planSegments({ content, coding, capacity, ceiling }) };
}

export function countSegments(content: string | Uint8Array, options: CountOptions = {}): TextResult<SegmentCount> {
  let coding: Coding = typeof content === 'string' ? (options.coding ?? 'gsm7') : 'binary';
  let planned = planWith(content, coding, options);
  // Trying GSM first is the coding choice itself, made in the same walk (chooseCoding's rule).
  if (planned.plan.badIndex !== -1 && options.coding === undefined) {
    coding = 'ucs2';
    planned = planWith(content, coding, options);
  }
  const { capacity, plan: { badIndex } } = planned;
  if (badIndex !== -1 && typeof content === 'string') {
    return fail({ kind: 'unrepresentable-character', coding, character: unrepresentable(content, badIndex), index: badIndex });
  }
  const { segments, units, lastUnits } = planned.plan;
  const unitsPerSegment = segments === 1 ? capacity.single : capacity.multi;
  return ok({
    coding,
    unit: UNIT_OF[coding],
    segments,
    unitsUsed: units,
    unitsPerSegment,
    unitsLeft: unitsPerSegment - lastUnits,
  });
}
