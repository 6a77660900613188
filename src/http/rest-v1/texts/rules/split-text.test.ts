import { decodeShortMessage, parseUdh } from '@petrel/smpp';
import { describe, expect, it } from 'vitest';
import { splitText } from './split-text.ts';

const bodyText = (part: { shortMessage: Buffer; dataCoding: number; esmClass: number }): string => {
  const body = part.esmClass & 0x40 ? (parseUdh(part.shortMessage) as { ok: true; value: { body: Uint8Array } }).value.body : part.shortMessage;
  const d = decodeShortMessage(body, part.dataCoding);
  if (!d.ok) throw new Error('undecodable');
  return d.value;
};

describe('splitting a text into parts', () => {
  it('keeps a short GSM text as one part without UDH', () => {
    const r = splitText({ kind: 'text', text: 'Hello' }, 7);
    expect(r).toMatchObject({ ok: true, parts: [{ dataCoding: 0, esmClass: 0 }] });
  });

  it('cuts 161 GSM characters into two parts of one reference', () => {
    const text = 'a'.repeat(161);
    const r = splitText({ kind: 'text', text }, 42);
    if (!r.ok) throw new Error(r.reason);
    expect(r.parts).toHaveLength(2);
    for (const [i, p] of r.parts.entries()) {
      expect(p.esmClass).toBe(0x40);
      expect([...p.shortMessage.subarray(0, 6)]).toEqual([5, 0, 3, 42, 2, i + 1]);
    }
    expect(r.parts.map(bodyText).join('')).toBe(text);
  });

  it('uses UCS-2 for Cyrillic, 70 per part alone and 67 when concatenated', () => {
    expect(splitText({ kind: 'text', text: 'ї'.repeat(70) }, 1)).toMatchObject({ ok: true, parts: [{ dataCoding: 8, esmClass: 0 }] });
    const r = splitText({ kind: 'text', text: 'ї'.repeat(71) }, 1);
    expect(r.ok && r.parts.length).toBe(2);
  });

  it('forces UCS-2 for a GSM text when asked', () => {
    expect(splitText({ kind: 'text', text: 'Hello', coding: 'ucs2' }, 1)).toMatchObject({ ok: true, parts: [{ dataCoding: 8 }] });
  });

  it('refuses a character GSM cannot carry when GSM is forced', () => {
    expect(splitText({ kind: 'text', text: 'ї', coding: 'gsm7' }, 1)).toMatchObject({ ok: false });
  });

  it('splits binary content over 140 octets', () => {
    const r = splitText({ kind: 'binary', bytes: new Uint8Array(200) }, 3);
    expect(r.ok && r.parts.map((p) => [p.dataCoding, p.esmClass, p.shortMessage.length])).toEqual([
      [4, 0x40, 140],
      [4, 0x40, 72],
    ]);
  });

  it('sends a caller-given UDH as one part, and refuses a text too long for it', () => {
    const udh = Uint8Array.from([5, 0, 3, 9, 2, 1]);
    expect(splitText({ kind: 'udh', udh, body: { kind: 'text', text: 'part one' } }, 0)).toMatchObject({ ok: true, parts: [{ esmClass: 0x40, dataCoding: 0 }] });
    expect(splitText({ kind: 'udh', udh, body: { kind: 'text', text: 'x'.repeat(154) } }, 0)).toMatchObject({ ok: false });
    expect(splitText({ kind: 'udh', udh: Uint8Array.from([9, 0]), body: { kind: 'text', text: 'x' } }, 0)).toMatchObject({ ok: false });
  });
});
