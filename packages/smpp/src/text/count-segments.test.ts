import { describe, expect, it } from 'vitest';
import { countSegments, type CountOptions } from './count-segments.ts';

const a = (n: number): string => 'a'.repeat(n);
const ya = (n: number): string => 'я'.repeat(n);

interface Case {
  readonly name: string;
  readonly content: string | Uint8Array;
  readonly options?: CountOptions;
  readonly coding: string;
  readonly segments: number;
  readonly unitsUsed: number;
  readonly unitsPerSegment: number;
  readonly unitsLeft?: number;
}

const cases: Case[] = [
  { name: 'empty text is one segment', content: '', coding: 'gsm7', segments: 1, unitsUsed: 0, unitsPerSegment: 160, unitsLeft: 160 },
  { name: 'GSM 160 fits one', content: a(160), coding: 'gsm7', segments: 1, unitsUsed: 160, unitsPerSegment: 160, unitsLeft: 0 },
  { name: 'GSM 161 needs two of 153', content: a(161), coding: 'gsm7', segments: 2, unitsUsed: 161, unitsPerSegment: 153, unitsLeft: 145 },
  { name: 'GSM 153*2 fills two', content: a(306), coding: 'gsm7', segments: 2, unitsUsed: 306, unitsPerSegment: 153, unitsLeft: 0 },
  { name: 'GSM 153*2+1 needs three', content: a(307), coding: 'gsm7', segments: 3, unitsUsed: 307, unitsPerSegment: 153, unitsLeft: 152 },
  { name: '158 + € is 160 septets: one', content: a(158) + '€', coding: 'gsm7', segments: 1, unitsUsed: 160, unitsPerSegment: 160 },
  { name: '159 + € is 161 septets: two', content: a(159) + '€', coding: 'gsm7', segments: 2, unitsUsed: 161, unitsPerSegment: 153 },
  { name: '80 × € is 160 septets: one', content: '€'.repeat(80), coding: 'gsm7', segments: 1, unitsUsed: 160, unitsPerSegment: 160 },
  {
    name: 'an escape pair at a part boundary moves whole to the next part',
    content: a(152) + '€' + a(152),
    coding: 'gsm7',
    segments: 3, // 306 septets, but 152 | €+151 | 1
    unitsUsed: 306,
    unitsPerSegment: 153,
    unitsLeft: 152,
  },
  { name: 'GSM 16-bit reference: 152 per part', content: a(304), options: { concatenation: 'udh16' }, coding: 'gsm7', segments: 2, unitsUsed: 304, unitsPerSegment: 152 },
  { name: 'GSM 16-bit reference: 305 needs three', content: a(305), options: { concatenation: 'udh16' }, coding: 'gsm7', segments: 3, unitsUsed: 305, unitsPerSegment: 152 },
  { name: 'GSM SAR: full 160 per part', content: a(320), options: { concatenation: 'sar' }, coding: 'gsm7', segments: 2, unitsUsed: 320, unitsPerSegment: 160 },
  { name: 'GSM SAR: 321 needs three', content: a(321), options: { concatenation: 'sar' }, coding: 'gsm7', segments: 3, unitsUsed: 321, unitsPerSegment: 160 },
  { name: 'payload counts as the SMSC will cut it', content: a(161), options: { concatenation: 'payload' }, coding: 'gsm7', segments: 2, unitsUsed: 161, unitsPerSegment: 153 },
  { name: 'UCS-2 70 fits one', content: ya(70), coding: 'ucs2', segments: 1, unitsUsed: 70, unitsPerSegment: 70, unitsLeft: 0 },
  { name: 'UCS-2 71 needs two of 67', content: ya(71), coding: 'ucs2', segments: 2, unitsUsed: 71, unitsPerSegment: 67, unitsLeft: 63 },
  { name: 'UCS-2 67*2 fills two', content: ya(134), coding: 'ucs2', segments: 2, unitsUsed: 134, unitsPerSegment: 67, unitsLeft: 0 },
  { name: 'UCS-2 67*2+1 needs three', content: ya(135), coding: 'ucs2', segments: 3, unitsUsed: 135, unitsPerSegment: 67 },
  { name: 'UCS-2 16-bit reference: 66 per part', content: ya(133), options: { concatenation: 'udh16' }, coding: 'ucs2', segments: 3, unitsUsed: 133, unitsPerSegment: 66 },
  { name: 'an emoji counts two units', content: ya(68) + '😀', coding: 'ucs2', segments: 1, unitsUsed: 70, unitsPerSegment: 70 },
  { name: 'an emoji pushing past 70', content: ya(69) + '😀', coding: 'ucs2', segments: 2, unitsUsed: 71, unitsPerSegment: 67 },
  {
    name: 'a surrogate pair at a part boundary moves whole to the next part',
    content: ya(66) + '😀' + ya(66),
    coding: 'ucs2',
    segments: 3, // 134 units, but 66 | 😀+65 | 1
    unitsUsed: 134,
    unitsPerSegment: 67,
  },
  { name: 'one emoji forces UCS-2 on a GSM text', content: a(100) + '😀', coding: 'ucs2', segments: 2, unitsUsed: 102, unitsPerSegment: 67 },
  { name: 'Latin-1 140 fits one', content: 'é'.repeat(140), options: { coding: 'latin1' }, coding: 'latin1', segments: 1, unitsUsed: 140, unitsPerSegment: 140 },
  { name: 'Latin-1 141 needs two of 134', content: 'é'.repeat(141), options: { coding: 'latin1' }, coding: 'latin1', segments: 2, unitsUsed: 141, unitsPerSegment: 134, unitsLeft: 127 },
  { name: 'Latin-1 134*2+1 needs three', content: 'é'.repeat(269), options: { coding: 'latin1' }, coding: 'latin1', segments: 3, unitsUsed: 269, unitsPerSegment: 134 },
  { name: 'binary 140 fits one', content: new Uint8Array(140), coding: 'binary', segments: 1, unitsUsed: 140, unitsPerSegment: 140 },
  { name: 'binary 141 needs two of 134', content: new Uint8Array(141), coding: 'binary', segments: 2, unitsUsed: 141, unitsPerSegment: 134 },
  { name: 'binary 16-bit reference: 133 per part', content: new Uint8Array(267), options: { concatenation: 'udh16' }, coding: 'binary', segments: 3, unitsUsed: 267, unitsPerSegment: 133 },
  { name: 'GSM forced as UCS-2', content: a(71), options: { coding: 'ucs2' }, coding: 'ucs2', segments: 2, unitsUsed: 71, unitsPerSegment: 67 },
];

describe('countSegments', () => {
  it.each(cases)('$name', ({ content, options, coding, segments, unitsUsed, unitsPerSegment, unitsLeft }) => {
    const result = countSegments(content, options);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({ coding, segments, unitsUsed, unitsPerSegment });
    if (unitsLeft !== undefined) expect(result.value.unitsLeft).toBe(unitsLeft);
  });

  it.each([
    { text: 'ok 😀', options: { coding: 'gsm7' as const }, coding: 'gsm7', character: '😀', index: 3 },
    { text: 'ok 😀', options: { coding: 'latin1' as const }, coding: 'latin1', character: '😀', index: 3 },
    { text: '5€', options: { coding: 'gsm7' as const, dataCoding0: 'latin1' as const }, coding: 'gsm7', character: '€', index: 1 },
  ])('refuses "$text" forced to $coding instead of substituting', ({ text, options, coding, character, index }) => {
    expect(countSegments(text, options)).toEqual({ ok: false, error: { kind: 'unrepresentable-character', coding, character, index } });
  });

  it('counts extension characters as 2 septets for a Latin-1 data_coding 0 peer too', () => {
    expect(countSegments('{}', { dataCoding0: 'latin1' })).toMatchObject({ ok: true, value: { coding: 'gsm7', unitsUsed: 4 } });
  });
});
