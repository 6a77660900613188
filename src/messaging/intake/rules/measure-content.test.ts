import { describe, expect, it } from 'vitest';
import { measureContent } from './measure-content.ts';

const ucs2 = (s: string) => Buffer.from(s, 'utf16le').swap16();
const udhPart = (ref: number, total: number, seq: number, body: Buffer) => Buffer.concat([Buffer.from([5, 0, 3, ref, total, seq]), body]);

describe('measureContent', () => {
  const cases: [name: string, content: Buffer | string, dataCoding: number, esmClass: number, segments: number, text: string][] = [
    ['GSM text that fits one SMS', Buffer.from('Hello'), 0, 0, 1, 'Hello'],
    ['160 GSM characters', Buffer.from('a'.repeat(160)), 0, 0, 1, 'a'.repeat(160)],
    ['161 GSM characters (message_payload)', Buffer.from('a'.repeat(161)), 0, 0, 2, 'a'.repeat(161)],
    ['UCS-2, 70 characters', ucs2('я'.repeat(70)), 8, 0, 1, 'я'.repeat(70)],
    ['UCS-2, 71 characters', ucs2('я'.repeat(71)), 8, 0, 2, 'я'.repeat(71)],
    ['a part with its own UDH costs one segment', udhPart(7, 3, 1, Buffer.from('a'.repeat(153))), 0, 0x40, 1, 'a'.repeat(153)],
    ['a UCS-2 part with its own UDH', udhPart(7, 2, 2, ucs2('щ'.repeat(67))), 8, 0x40, 1, 'щ'.repeat(67)],
    ['binary content counts octets', Buffer.alloc(140, 1), 4, 0, 1, ''],
    ['text from HTTP in GSM', 'Hello {world}', 0, 0, 1, 'Hello {world}'],
    ['text from HTTP that needs UCS-2', 'Привіт', 0, 0, 1, 'Привіт'],
    ['long text from HTTP', 'b'.repeat(200), 0, 0, 2, 'b'.repeat(200)],
  ];
  it.each(cases)('%s', (_name, content, dataCoding, esmClass, segments, text) => {
    const r = measureContent(content, dataCoding, esmClass);
    expect(r.ok).toBe(true);
    if (r.ok) expect({ segments: r.value.segments, text: r.value.text }).toEqual({ segments, text });
  });

  it('codes text from HTTP as UCS-2 when a character is not GSM', () => {
    const r = measureContent('Привіт', 0, 0);
    expect(r.ok && r.value.dataCoding).toBe(8);
    expect(r.ok && r.value.shortMessage).toEqual(ucs2('Привіт'));
  });

  it('refuses a malformed UDH', () => {
    expect(measureContent(Buffer.from([9, 0, 3]), 0, 0x40).ok).toBe(false);
  });
});
