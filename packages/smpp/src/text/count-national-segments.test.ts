import { describe, expect, it } from 'vitest';
import { countNationalSegments } from './count-national-segments.ts';
import type { NationalLanguage } from './national-language-tables.ts';

interface Case {
  readonly name: string;
  readonly text: string;
  readonly language: NationalLanguage;
  readonly expected: object | undefined;
}

const cases: Case[] = [
  {
    name: 'Turkish letters cost one septet each with the locking table',
    text: 'Şişli',
    language: 'turkish',
    expected: { shiftTables: { locking: 'turkish' }, segments: 1, unitsUsed: 5, unitsPerSegment: 155, udhOctets: 4 },
  },
  {
    name: 'a default-only letter (è) rules out the Turkish locking table: single shift then',
    text: 'Şè',
    language: 'turkish',
    expected: { shiftTables: { singleShift: 'turkish' }, segments: 1, unitsUsed: 3, unitsPerSegment: 155, udhOctets: 4 },
  },
  {
    name: 'Turkish locking table carries € in one septet',
    text: 'ğ€',
    language: 'turkish',
    expected: { shiftTables: { locking: 'turkish' }, unitsUsed: 2 },
  },
  {
    name: 'Turkish past one segment: 9 UDH octets (UDHL, concatenation, one shift IE) leave 149 septets',
    text: 'ş'.repeat(156),
    language: 'turkish',
    expected: { shiftTables: { locking: 'turkish' }, segments: 2, unitsUsed: 156, unitsPerSegment: 149, udhOctets: 9 },
  },
  {
    name: 'Turkish 155 septets still fit one segment beside the shift IE',
    text: 'ş'.repeat(155),
    language: 'turkish',
    expected: { segments: 1, unitsPerSegment: 155, unitsLeft: 0 },
  },
  {
    name: 'both Turkish tables: locking ı and a single-shift-only character together',
    text: 'ı{',
    language: 'turkish',
    expected: { shiftTables: { locking: 'turkish' }, unitsUsed: 3 },
  },
  {
    name: 'Spanish has a single shift table only',
    text: 'Información útil',
    language: 'spanish',
    expected: { shiftTables: { singleShift: 'spanish' }, segments: 1, unitsUsed: 18, unitsPerSegment: 155, udhOctets: 4 },
  },
  {
    name: 'Spanish cannot carry Portuguese ã',
    text: 'Não',
    language: 'spanish',
    expected: undefined,
  },
  {
    name: 'Portuguese ã is one septet with the locking table',
    text: 'Não',
    language: 'portuguese',
    expected: { shiftTables: { locking: 'portuguese' }, unitsUsed: 3 },
  },
  {
    name: 'Greek capitals and ã: the default locking table with the Portuguese single shift is cheapest',
    text: 'ΦãΩ',
    language: 'portuguese',
    expected: { shiftTables: { singleShift: 'portuguese' }, unitsUsed: 4, unitsPerSegment: 155, udhOctets: 4 },
  },
  {
    name: 'ª (Portuguese locking only) with Φ (Portuguese single shift only) needs both: 7 UDH octets leave 152',
    text: 'ªΦ',
    language: 'portuguese',
    expected: { shiftTables: { locking: 'portuguese', singleShift: 'portuguese' }, unitsUsed: 3, unitsPerSegment: 152, udhOctets: 7 },
  },
  {
    name: 'both tables and concatenation: 12 UDH octets leave 146 septets',
    text: 'ªΦ'.repeat(60),
    language: 'portuguese',
    expected: { shiftTables: { locking: 'portuguese', singleShift: 'portuguese' }, segments: 2, unitsUsed: 180, unitsPerSegment: 146, udhOctets: 12 },
  },
  {
    name: 'Chinese is carried by no table',
    text: '你好',
    language: 'turkish',
    expected: undefined,
  },
];

describe('countNationalSegments', () => {
  it.each(cases)('$name', ({ text, language, expected }) => {
    const count = countNationalSegments(text, language);
    if (expected === undefined) return expect(count).toBeUndefined();
    expect(count).toMatchObject({ language, ...expected });
  });

  it('with SAR every part keeps only the shift IEs in its UDH', () => {
    expect(countNationalSegments('ş'.repeat(156), 'turkish', 'sar')).toMatchObject({ segments: 2, unitsPerSegment: 155, udhOctets: 4 });
  });
});
