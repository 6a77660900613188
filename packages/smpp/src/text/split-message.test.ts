import { describe, expect, it } from 'vitest';
import { decodeUcs2 } from './ucs2.ts';
import { packSeptets } from './septet-packing.ts';
import { countSegments } from './count-segments.ts';
import { splitMessage, type SplitOptions } from './split-message.ts';

const a = (n: number): string => 'a'.repeat(n);
const ya = (n: number): string => 'я'.repeat(n);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const hex = (octets: Uint8Array): string => Buffer.from(octets).toString('hex');

function split(content: string | Uint8Array, options: SplitOptions) {
  const result = splitMessage(content, options);
  if (!result.ok) throw new Error(`unexpected ${result.error.kind}`);
  return result.value;
}

describe('splitMessage', () => {
  it('sends a message that fits one segment as one plain part, whatever the mode', () => {
    for (const mode of ['udh8', 'udh16', 'sar'] as const) {
      expect(split('Hello', { mode })).toEqual({
        coding: 'gsm7',
        dataCoding: 0,
        parts: [{ shortMessage: Buffer.from('Hello'), esmClassUdhi: false }],
      });
    }
  });

  it('udh8: 161 GSM characters become 153 + 8 behind IEI 0x00', () => {
    const { parts } = split(a(161), { mode: 'udh8', reference: 0x2a });
    expect(parts.map((p) => hex(p.shortMessage))).toEqual(['0500032a0201' + '61'.repeat(153), '0500032a0202' + '61'.repeat(8)]);
    expect(parts.every((p) => p.esmClassUdhi)).toBe(true);
  });

  it('udh16: 16-bit reference behind IEI 0x08, 152 per part', () => {
    const { parts } = split(a(305), { mode: 'udh16', reference: 0x1234 });
    expect(parts.map((p) => hex(p.shortMessage.subarray(0, 7)))).toEqual(['06080412340301', '06080412340302', '06080412340303']);
    expect(parts.map((p) => p.shortMessage.length - 7)).toEqual([152, 152, 1]);
  });

  it('sar: no UDH, full 160 per part, and the values for the three sar_* TLVs', () => {
    const { parts } = split(a(321), { mode: 'sar', reference: 0xbeef });
    expect(parts.map((p) => [p.shortMessage.length, p.esmClassUdhi, p.sar])).toEqual([
      [160, false, { sarMsgRefNum: 0xbeef, sarTotalSegments: 3, sarSegmentSeqnum: 1 }],
      [160, false, { sarMsgRefNum: 0xbeef, sarTotalSegments: 3, sarSegmentSeqnum: 2 }],
      [1, false, { sarMsgRefNum: 0xbeef, sarTotalSegments: 3, sarSegmentSeqnum: 3 }],
    ]);
  });

  it('payload: one submit, everything in message_payload, short_message empty', () => {
    const { parts } = split(a(400), { mode: 'payload' });
    expect(parts).toEqual([{ shortMessage: Buffer.alloc(0), esmClassUdhi: false, messagePayload: Buffer.from(a(400)) }]);
  });

  it('packs GSM after the UDH with one fill bit, filling exactly 140 octets', () => {
    const { parts } = split(a(161), { mode: 'udh8', reference: 1, gsm7Packed: true });
    const first = parts[0]?.shortMessage ?? Buffer.alloc(0);
    expect(first).toHaveLength(140);
    expect(hex(first.subarray(6))).toBe(hex(packSeptets(Buffer.from(a(153)), 1)));
  });

  it('never leaves an escape at the end of a part: the extension character moves whole', () => {
    const { parts } = split(a(152) + '€' + a(10), { mode: 'udh8', reference: 1 });
    expect(hex(parts[0]?.shortMessage.subarray(6) ?? Buffer.alloc(0))).toBe('61'.repeat(152));
    expect(hex(parts[1]?.shortMessage.subarray(6, 8) ?? Buffer.alloc(0))).toBe('1b65');
  });

  it.each(Array.from({ length: 12 }, (_, i) => ({ before: 60 + i })))(
    'never splits a surrogate pair ($before characters before a run of emoji)',
    ({ before }) => {
      const { coding, parts } = split(ya(before) + '😀'.repeat(40), { mode: 'udh8', reference: 1 });
      expect(coding).toBe('ucs2');
      for (const part of parts) {
        const text = decodeUcs2(part.shortMessage.subarray(6));
        expect(text.ok && !LONE_SURROGATE.test(text.value)).toBe(true);
        expect(part.shortMessage.length - 6).toBeLessThanOrEqual(134);
      }
    },
  );

  it('UCS-2 emoji at the boundary go whole to the next part', () => {
    const { parts } = split(ya(66) + '😀' + ya(10), { mode: 'udh8', reference: 1 });
    expect(parts.map((p) => p.shortMessage.length - 6)).toEqual([132, 24]);
    expect(hex(parts[1]?.shortMessage.subarray(6, 10) ?? Buffer.alloc(0))).toBe('d83dde00');
  });

  it('Latin-1 goes as data_coding 3 in 134-octet parts', () => {
    const result = split('é'.repeat(141), { mode: 'udh8', reference: 9, coding: 'latin1' });
    expect(result.dataCoding).toBe(3);
    expect(result.parts.map((p) => hex(p.shortMessage.subarray(0, 6)))).toEqual(['050003090201', '050003090202']);
    expect(result.parts.map((p) => hex(p.shortMessage.subarray(6)))).toEqual(['e9'.repeat(134), 'e9'.repeat(7)]);
  });

  it('binary goes as data_coding 4, octets untouched', () => {
    const content = Uint8Array.from({ length: 300 }, (_, i) => i & 0xff);
    const result = split(content, { mode: 'udh8', reference: 3 });
    expect(result).toMatchObject({ coding: 'binary', dataCoding: 4 });
    expect(Buffer.concat(result.parts.map((p) => p.shortMessage.subarray(6)))).toEqual(Buffer.from(content));
  });

  it('writes GSM text as Latin-1 octets, counted in septets, for a peer reading data_coding 0 as Latin-1', () => {
    const result = split('Ä{' + a(156) + '}', { mode: 'udh8', reference: 1, dataCoding0: 'latin1' });
    expect(result).toMatchObject({ coding: 'gsm7', dataCoding: 0 });
    expect(result.parts.map((p) => hex(p.shortMessage.subarray(6)))).toEqual(['c47b' + '61'.repeat(150), '61'.repeat(6) + '7d']);
  });

  it.each<{ name: string; content: string; options: SplitOptions; error: object }>([
    { name: 'a missing reference', content: a(161), options: { mode: 'udh8' }, error: { kind: 'invalid-reference', max: 255 } },
    { name: 'an 8-bit reference of 256', content: a(161), options: { mode: 'udh8', reference: 256 }, error: { kind: 'invalid-reference', reference: 256 } },
    { name: 'a 16-bit reference of 65536', content: a(161), options: { mode: 'udh16', reference: 65536 }, error: { kind: 'invalid-reference', max: 65535 } },
    { name: 'a fractional reference', content: a(161), options: { mode: 'sar', reference: 1.5 }, error: { kind: 'invalid-reference' } },
    { name: '256 segments', content: a(153 * 255 + 1), options: { mode: 'udh8', reference: 1 }, error: { kind: 'too-many-segments', segments: 256, max: 255 } },
    { name: 'a message_payload over 65535 octets', content: a(65536), options: { mode: 'payload' }, error: { kind: 'payload-too-long', octets: 65536 } },
    { name: 'an emoji forced into GSM', content: 'hi 😀', options: { mode: 'udh8', coding: 'gsm7' }, error: { kind: 'unrepresentable-character', character: '😀', index: 3 } },
    { name: '€ for a Latin-1 data_coding 0, forced GSM', content: '5€', options: { mode: 'udh8', coding: 'gsm7', dataCoding0: 'latin1' }, error: { kind: 'unrepresentable-character', character: '€' } },
    { name: 'a GSM data_coding that is not GSM', content: 'hi', options: { mode: 'udh8', gsm7DataCoding: 0x08 }, error: { kind: 'unsupported-data-coding', dataCoding: 8 } },
  ])('refuses $name', ({ content, options, error }) => {
    expect(splitMessage(content, options)).toMatchObject({ ok: false, error });
  });

  it('accepts 255 segments', () => {
    expect(split(a(153 * 255), { mode: 'udh8', reference: 1 }).parts).toHaveLength(255);
  });
});

describe('countSegments and splitMessage agree', () => {
  const samples = [
    '', 'Hi', a(160), a(161), a(152) + '€' + a(152), '€'.repeat(200), ya(70), ya(71), ya(66) + '😀' + ya(66),
    '😀'.repeat(100), 'Ä{' + a(156) + '}', '5€ ' + a(200), a(153 * 10 + 1),
  ];
  const modes = ['udh8', 'udh16', 'sar'] as const;
  const peers = [{}, { dataCoding0: 'latin1' as const }, { dataCoding0: 'ascii' as const }];
  const cases = samples.flatMap((text) => modes.flatMap((mode) => peers.map((peer) => ({ text, mode, peer }))));
  it.each(cases)('on coding and segment count ($mode, $peer, %#)', ({ text, mode, peer }) => {
    const count = countSegments(text, { concatenation: mode, ...peer });
    const { coding, parts } = split(text, { mode, reference: 1, ...peer });
    expect(count).toMatchObject({ ok: true, value: { coding, segments: parts.length } });
  });
});
