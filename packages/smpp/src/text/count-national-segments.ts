/**
 * Could a text that is not plain GSM still go as 7-bit with a national language shift table
 * (TS 23.038 Annex A), and what would it cost? Each table in use adds a 3-octet National
 * Language Single or Locking Shift IE to the UDH of every segment (TS 23.040 §9.2.3.24.15/16).
 * For counting and quoting only: `splitMessage` sends such texts as UCS-2.
 */
import { gsm7Charset, type ShiftTables } from './gsm7-charset.ts';
import { NATIONAL_LANGUAGES, type NationalLanguage } from './national-language-tables.ts';
import { planSegments } from './plan-segments.ts';
import { segmentCapacity, udhOctets, concatenationIeOctets, type Concatenation } from './segment-capacity.ts';

export const SHIFT_IE_OCTETS = 3;

export interface NationalSegmentCount {
  readonly language: NationalLanguage;
  readonly shiftTables: ShiftTables;
  readonly segments: number;
  readonly unitsUsed: number;
  readonly unitsPerSegment: number;
  readonly unitsLeft: number;
  /** UDH octets in each segment (UDHL, shift IEs and, when split, the concatenation IE). */
  readonly udhOctets: number;
}

/** The combinations a language offers: its single shift table, its locking table, or both. */
function combinations(language: NationalLanguage): ShiftTables[] {
  const tables: ShiftTables[] = [{ singleShift: language }];
  if (NATIONAL_LANGUAGES[language].locking !== undefined) tables.push({ locking: language }, { locking: language, singleShift: language });
  return tables;
}

function tableCount(tables: ShiftTables): number {
  return (tables.locking === undefined ? 0 : 1) + (tables.singleShift === undefined ? 0 : 1);
}

function better(a: NationalSegmentCount, b: NationalSegmentCount | undefined): boolean {
  if (b === undefined) return true;
  if (a.segments !== b.segments) return a.segments < b.segments;
  if (a.udhOctets !== b.udhOctets) return a.udhOctets < b.udhOctets;
  return a.unitsUsed < b.unitsUsed;
}

/** The cheapest way to send `text` with this language's tables, or undefined if none carries it. */
export function countNationalSegments(text: string, language: NationalLanguage, concatenation: Concatenation = 'udh8'): NationalSegmentCount | undefined {
  let best: NationalSegmentCount | undefined;
  for (const shiftTables of combinations(language)) {
    const shiftIeOctets = SHIFT_IE_OCTETS * tableCount(shiftTables);
    const capacity = segmentCapacity('gsm7', concatenation, shiftIeOctets);
    const plan = planSegments({ content: text, coding: 'gsm7', capacity, charset: gsm7Charset(shiftTables) });
    if (plan.badIndex !== -1) continue;
    const single = plan.segments === 1;
    const candidate: NationalSegmentCount = {
      language,
      shiftTables,
      segments: plan.segments,
      unitsUsed: plan.units,
      unitsPerSegment: single ? capacity.single : capacity.multi,
      unitsLeft: (single ? capacity.single : capacity.multi) - plan.lastUnits,
      udhOctets: udhOctets(shiftIeOctets + (single ? 0 : concatenationIeOctets(concatenation))),
    };
    if (better(candidate, best)) best = candidate;
  }
  return best;
}
