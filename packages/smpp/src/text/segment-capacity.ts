/**
 * How many units one SMS segment holds (TS 23.040 §9.2.3.24: 140 octets of user data, the UDH
 * included). GSM counts septets, UCS-2 counts 16-bit units, Latin-1 and binary count octets.
 */
import type { Coding } from './coding.ts';

/** udh8/udh16: a concatenation IE in the UDH; sar: SAR TLVs, no UDH; payload: one message_payload. */
export type Concatenation = 'udh8' | 'udh16' | 'sar' | 'payload';

export const USER_DATA_OCTETS = 140;
export const MAX_SEGMENTS = 255;

/** IEI + length + reference (1 or 2 octets) + total + sequence. */
export function concatenationIeOctets(concatenation: Concatenation): number {
  switch (concatenation) {
    case 'udh8':
    case 'payload': // the SMSC splits a message_payload itself, and usually with 8-bit references
      return 5;
    case 'udh16':
      return 6;
    case 'sar':
      return 0;
  }
}

/** A UDH is its length octet (UDHL) plus its IEs; no IEs means no UDH at all. */
export function udhOctets(ieOctets: number): number {
  return ieOctets === 0 ? 0 : ieOctets + 1;
}

export function unitsPerSegment(coding: Coding, udhLength: number): number {
  const octets = USER_DATA_OCTETS - udhLength;
  switch (coding) {
    case 'gsm7':
      return Math.floor((octets * 8) / 7); // the UDH plus fill bits take whole septets
    case 'ucs2':
      return Math.floor(octets / 2);
    case 'latin1':
    case 'binary':
      return octets;
  }
}

export interface SegmentCapacity {
  /** Units when the message fits in one segment (no concatenation needed). */
  readonly single: number;
  /** Units in each part of a concatenated message. */
  readonly multi: number;
}

/** `otherIeOctets`: IEs every segment carries besides concatenation (national shift IEs: 3 each). */
export function segmentCapacity(coding: Coding, concatenation: Concatenation, otherIeOctets = 0): SegmentCapacity {
  return {
    single: unitsPerSegment(coding, udhOctets(otherIeOctets)),
    multi: unitsPerSegment(coding, udhOctets(otherIeOctets + concatenationIeOctets(concatenation))),
  };
}
