import { describe, expect, it } from 'vitest';
import { decodeUcs2, encodeUcs2 } from './ucs2.ts';

describe('UCS-2 (big-endian UTF-16)', () => {
  it.each([
    { text: 'A', hex: '0041' },
    { text: 'é€', hex: '00e920ac' },
    { text: 'Привет', hex: '041f04400438043204350442' },
    { text: '😀', hex: 'd83dde00', why: 'a surrogate pair is two units' },
    { text: '👍🏽', hex: 'd83ddc4dd83cdffd', why: 'emoji with a skin-tone modifier: two pairs' },
    { text: '', hex: '' },
  ])('encodes "$text" as $hex and back', ({ text, hex }) => {
    expect(encodeUcs2(text).toString('hex')).toBe(hex);
    expect(decodeUcs2(Buffer.from(hex, 'hex'))).toEqual({ ok: true, value: text });
  });

  it('refuses an odd number of octets', () => {
    expect(decodeUcs2(Uint8Array.of(0x00, 0x41, 0x00))).toMatchObject({ ok: false, error: { kind: 'invalid-bytes', charset: 'ucs2', offset: 2 } });
  });

  it('keeps a lone surrogate a peer sent instead of dropping it', () => {
    expect(decodeUcs2(Uint8Array.of(0xd8, 0x3d, 0x00, 0x41))).toEqual({ ok: true, value: '\ud83dA' });
  });

  it('decodes long texts (beyond one String.fromCharCode batch)', () => {
    const text = 'ж😀'.repeat(5000);
    expect(decodeUcs2(encodeUcs2(text))).toEqual({ ok: true, value: text });
  });
});
