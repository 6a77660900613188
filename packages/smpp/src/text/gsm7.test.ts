import { describe, expect, it } from 'vitest';
import { gsm7Charset } from './gsm7-charset.ts';
import { decodeGsm7, encodeGsm7, gsm7Length } from './gsm7.ts';

// TS 23.038 §6.2.1, written out as code points column by column (septet = column * 16 + row),
// independently of the source's table; null is the escape septet 0x1B.
const SPEC_DEFAULT: readonly (number | null)[] = [
  0x40, 0xa3, 0x24, 0xa5, 0xe8, 0xe9, 0xf9, 0xec, 0xf2, 0xc7, 0x0a, 0xd8, 0xf8, 0x0d, 0xc5, 0xe5,
  0x394, 0x5f, 0x3a6, 0x393, 0x39b, 0x3a9, 0x3a0, 0x3a8, 0x3a3, 0x398, 0x39e, null, 0xc6, 0xe6, 0xdf, 0xc9,
  0x20, 0x21, 0x22, 0x23, 0xa4, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2a, 0x2b, 0x2c, 0x2d, 0x2e, 0x2f,
  0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x3b, 0x3c, 0x3d, 0x3e, 0x3f,
  0xa1, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4a, 0x4b, 0x4c, 0x4d, 0x4e, 0x4f,
  0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0xc4, 0xd6, 0xd1, 0xdc, 0xa7,
  0xbf, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f,
  0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0xe4, 0xf6, 0xf1, 0xfc, 0xe0,
];

const basicCases = SPEC_DEFAULT.flatMap((codePoint, septet) =>
  codePoint === null ? [] : [{ character: String.fromCodePoint(codePoint), septet }],
);

// TS 23.038 §6.2.1.1: the characters reached through ESC (0x1B).
const extensionCases = [
  { character: '\f', septet: 0x0a, name: 'form feed' },
  { character: '^', septet: 0x14, name: 'circumflex' },
  { character: '{', septet: 0x28, name: 'left brace' },
  { character: '}', septet: 0x29, name: 'right brace' },
  { character: '\\', septet: 0x2f, name: 'backslash' },
  { character: '[', septet: 0x3c, name: 'left bracket' },
  { character: '~', septet: 0x3d, name: 'tilde' },
  { character: ']', septet: 0x3e, name: 'right bracket' },
  { character: '|', septet: 0x40, name: 'vertical bar' },
  { character: '€', septet: 0x65, name: 'euro sign' },
];

const value = <T>(result: { ok: true; value: T } | { ok: false }): T => {
  if (!result.ok) throw new Error('expected ok');
  return result.value;
};

describe('GSM 03.38 default alphabet', () => {
  it('has 127 characters besides the escape', () => expect(basicCases).toHaveLength(127));

  it.each(basicCases)('encodes $character as septet $septet and decodes it back', ({ character, septet }) => {
    expect([...value(encodeGsm7(character))]).toEqual([septet]);
    expect(value(decodeGsm7(Uint8Array.of(septet)))).toBe(character);
  });

  it.each(extensionCases)('encodes the $name as ESC $septet, two septets, and decodes it back', ({ character, septet }) => {
    expect([...value(encodeGsm7(character))]).toEqual([0x1b, septet]);
    expect(gsm7Length(character)).toBe(2);
    expect(value(decodeGsm7(Uint8Array.of(0x1b, septet)))).toBe(character);
  });

  it('round-trips every character of both tables in one text', () => {
    const text = basicCases.map((c) => c.character).join('') + extensionCases.map((c) => c.character).join('');
    expect(value(decodeGsm7(value(encodeGsm7(text))))).toBe(text);
    expect(gsm7Length(text)).toBe(127 + 2 * extensionCases.length);
  });

  it('decodes long texts, past the reused buffer and one String.fromCharCode batch, and keeps earlier results', () => {
    const all = basicCases.map((c) => c.character).join('') + extensionCases.map((c) => c.character).join('');
    const short = value(decodeGsm7(value(encodeGsm7('first'))));
    const text = all.repeat(80); // about 11,000 characters
    expect(value(decodeGsm7(value(encodeGsm7(text))))).toBe(text);
    expect(short).toBe('first');
    expect(value(decodeGsm7(Uint8Array.of(0x41, 0x1b)))).toBe('A ');
  });

  it.each([
    { text: 'ΔΦΓΛΩΠΨΣΘΞ', septets: [0x10, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a] },
    { text: 'Price: 5€', septets: [0x50, 0x72, 0x69, 0x63, 0x65, 0x3a, 0x20, 0x35, 0x1b, 0x65] },
    { text: '@£$¥', septets: [0x00, 0x01, 0x02, 0x03] },
    { text: 'a\r\nb', septets: [0x61, 0x0d, 0x0a, 0x62] },
    { text: '', septets: [] },
  ])('encodes "$text"', ({ text, septets }) => {
    expect([...value(encodeGsm7(text))]).toEqual(septets);
  });
});

describe('characters outside GSM 03.38 are refused, never replaced', () => {
  it.each([
    { text: 'ok ç', character: 'ç', index: 3, why: 'only capital Ç is in the table' },
    { text: 'a`b', character: '`', index: 1, why: 'grave accent is not in the table' },
    { text: 'hi 😀', character: '😀', index: 3, why: 'emoji are reported whole' },
    { text: 'ΑΒΓ', character: 'Α', index: 0, why: 'Greek capital alpha is not Latin A' },
    { text: 'Привет', character: 'П', index: 0, why: 'Cyrillic' },
    { text: '\t', character: '\t', index: 0, why: 'tab' },
  ])('refuses "$text" ($why)', ({ text, character, index }) => {
    expect(encodeGsm7(text)).toEqual({ ok: false, error: { kind: 'unrepresentable-character', coding: 'gsm7', character, index } });
    expect(gsm7Length(text)).toBeUndefined();
  });
});

describe('decoding follows the fallbacks of TS 23.038 §6.2.1.1', () => {
  it.each([
    { septets: [0x1b, 0x41], text: 'A', rule: 'an undefined extension shows the default character' },
    { septets: [0x1b, 0x1b, 0x41], text: ' A', rule: 'ESC ESC shows a space' },
    { septets: [0x41, 0x1b], text: 'A ', rule: 'a dangling ESC shows a space' },
  ])('$rule', ({ septets, text }) => {
    expect(value(decodeGsm7(Uint8Array.from(septets)))).toBe(text);
  });

  it.each([
    { septets: [0x41, 0x80], offset: 1 },
    { septets: [0x1b, 0xff], offset: 1 },
  ])('refuses octets above 0x7F ($septets)', ({ septets, offset }) => {
    const result = decodeGsm7(Uint8Array.from(septets));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ kind: 'invalid-bytes', charset: 'gsm7', offset });
  });
});

describe('national language tables', () => {
  it.each([
    { tables: { locking: 'turkish' as const }, text: 'ŞşİıĞğç€', septets: [0x1c, 0x1d, 0x40, 0x07, 0x0b, 0x0c, 0x60, 0x04] },
    { tables: { singleShift: 'turkish' as const }, text: 'Şı', septets: [0x1b, 0x53, 0x1b, 0x69] },
    { tables: { singleShift: 'spanish' as const }, text: 'ñáÚ', septets: [0x7d, 0x1b, 0x61, 0x1b, 0x55] },
    { tables: { locking: 'portuguese' as const }, text: 'Não ê ~', septets: [0x4e, 0x7b, 0x6f, 0x20, 0x04, 0x20, 0x60] },
    { tables: { locking: 'portuguese' as const, singleShift: 'portuguese' as const }, text: 'Λ', septets: undefined },
  ])('encodes "$text" with $tables', ({ tables, text, septets }) => {
    const charset = gsm7Charset(tables);
    const encoded = encodeGsm7(text, charset);
    if (septets === undefined) return expect(encoded.ok).toBe(false);
    expect([...value(encoded)]).toEqual(septets);
    expect(value(decodeGsm7(value(encoded), charset))).toBe(text);
  });
});
