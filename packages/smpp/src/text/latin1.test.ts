import { describe, expect, it } from 'vitest';
import { decodeAscii, encodeAscii } from './ascii.ts';
import { decodeLatin1, encodeLatin1 } from './latin1.ts';

describe('Latin-1 (ISO-8859-1)', () => {
  it.each([
    { text: 'Grüße, ça va? ¿Qué?', hex: '4772fcdf652c20e7612076613f20bf5175e93f' },
    { text: '\u00a0\u00ff\u0000', hex: 'a0ff00' },
    { text: '`{}|~', hex: '607b7d7c7e' },
  ])('encodes "$text" one octet per character and back', ({ text, hex }) => {
    expect(encodeLatin1(text)).toEqual({ ok: true, value: Buffer.from(hex, 'hex') });
    expect(decodeLatin1(Buffer.from(hex, 'hex'))).toBe(text);
  });

  it('decodes every octet 0x00..0xFF to the code point of the same value', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect([...decodeLatin1(all)].map((c) => c.charCodeAt(0))).toEqual([...all]);
  });

  it.each([
    { text: '5€', character: '€', index: 1 },
    { text: 'ΔΣ', character: 'Δ', index: 0 },
    { text: 'x😀', character: '😀', index: 1 },
  ])('refuses "$text": $character is not Latin-1', ({ text, character, index }) => {
    expect(encodeLatin1(text)).toEqual({ ok: false, error: { kind: 'unrepresentable-character', coding: 'latin1', character, index } });
  });
});

describe('ASCII (IA5)', () => {
  it('encodes and decodes 7-bit text', () => {
    expect(encodeAscii('Hi @ {x}')).toEqual({ ok: true, value: Buffer.from('Hi @ {x}') });
    expect(decodeAscii(Buffer.from('Hi @ {x}'))).toEqual({ ok: true, value: 'Hi @ {x}' });
  });

  it('refuses characters and octets above 0x7F', () => {
    expect(encodeAscii('£1')).toMatchObject({ ok: false, error: { kind: 'unrepresentable-character', coding: 'ascii', character: '£', index: 0 } });
    expect(decodeAscii(Uint8Array.of(0x41, 0xa3))).toMatchObject({ ok: false, error: { kind: 'invalid-bytes', charset: 'ascii', offset: 1 } });
  });
});
