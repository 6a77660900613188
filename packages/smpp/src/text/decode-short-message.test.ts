import { describe, expect, it } from 'vitest';
import type { CharsetOptions, DataCoding0 } from './coding.ts';
import { dataCodingFor } from './data-coding-for.ts';
import { decodeShortMessage } from './decode-short-message.ts';
import { packSeptets } from './septet-packing.ts';
import { wireCharsetOf } from './wire-charset-of.ts';

describe('data_coding 0 under each configured meaning', () => {
  const octets = Uint8Array.of(0x00, 0x10, 0x41, 0x7b, 0x1b, 0x65);
  it.each<{ meaning: DataCoding0; text: string | undefined }>([
    { meaning: 'gsm7', text: '@ΔAä€' },
    { meaning: 'latin1', text: '\u0000\u0010A{\u001be' },
    { meaning: 'ascii', text: '\u0000\u0010A{\u001be' },
  ])('reads 00 10 41 7B 1B 65 as $meaning', ({ meaning, text }) => {
    expect(decodeShortMessage(octets, 0, { dataCoding0: meaning })).toEqual({ ok: true, value: text });
  });

  it.each<{ meaning: DataCoding0; result: object }>([
    { meaning: 'gsm7', result: { ok: false, error: { kind: 'invalid-bytes', charset: 'gsm7', offset: 0 } } },
    { meaning: 'latin1', result: { ok: true, value: 'ée' } },
    { meaning: 'ascii', result: { ok: false, error: { kind: 'invalid-bytes', charset: 'ascii', offset: 0 } } },
  ])('reads E9 65 as $meaning', ({ meaning, result }) => {
    expect(decodeShortMessage(Uint8Array.of(0xe9, 0x65), 0, { dataCoding0: meaning })).toMatchObject(result);
  });

  it('reads packed GSM when the peer packs', () => {
    const packed = packSeptets(Uint8Array.from([...'hello'].map((c) => c.charCodeAt(0))));
    expect(decodeShortMessage(packed, 0, { gsm7Packed: true })).toEqual({ ok: true, value: 'hello' });
  });
});

describe('wireCharsetOf', () => {
  it.each([
    { dataCoding: 0x00, charset: 'gsm7' },
    { dataCoding: 0x01, charset: 'ascii' },
    { dataCoding: 0x02, charset: 'binary' },
    { dataCoding: 0x03, charset: 'latin1' },
    { dataCoding: 0x04, charset: 'binary' },
    { dataCoding: 0x08, charset: 'ucs2' },
    { dataCoding: 0x10, charset: 'gsm7', why: 'general group, class 0' },
    { dataCoding: 0x11, charset: 'gsm7' },
    { dataCoding: 0x15, charset: 'binary' },
    { dataCoding: 0x18, charset: 'ucs2' },
    { dataCoding: 0x48, charset: 'ucs2', why: 'automatic deletion group' },
    { dataCoding: 0xc0, charset: 'gsm7', why: 'message waiting, discard' },
    { dataCoding: 0xd8, charset: 'gsm7' },
    { dataCoding: 0xe0, charset: 'ucs2' },
    { dataCoding: 0xf0, charset: 'gsm7' },
    { dataCoding: 0xf1, charset: 'gsm7' },
    { dataCoding: 0xf4, charset: 'binary' },
    { dataCoding: 0xf7, charset: 'binary' },
  ])('data_coding $dataCoding is $charset', ({ dataCoding, charset }) => {
    expect(wireCharsetOf(dataCoding)).toEqual({ ok: true, value: charset });
  });

  it.each([
    { dataCoding: 0x05, kind: 'unsupported-data-coding' },
    { dataCoding: 0x06, kind: 'unsupported-data-coding' },
    { dataCoding: 0x0e, kind: 'unsupported-data-coding' },
    { dataCoding: 0x0b, kind: 'unknown-data-coding' },
    { dataCoding: 0x0f, kind: 'unknown-data-coding' },
    { dataCoding: 0x1c, kind: 'unknown-data-coding', why: 'alphabet bits 11 are reserved' },
    { dataCoding: 0x30, kind: 'unsupported-data-coding', why: 'compressed' },
    { dataCoding: 0x80, kind: 'unknown-data-coding' },
    { dataCoding: 0xbf, kind: 'unknown-data-coding' },
    { dataCoding: 0x100, kind: 'unknown-data-coding' },
    { dataCoding: -1, kind: 'unknown-data-coding' },
  ])('data_coding $dataCoding is refused as $kind', ({ dataCoding, kind }) => {
    expect(wireCharsetOf(dataCoding)).toMatchObject({ ok: false, error: { kind, dataCoding } });
    expect(decodeShortMessage(Uint8Array.of(0x41), dataCoding)).toMatchObject({ ok: false, error: { kind } });
  });

  it('gives binary content back as such, not as text', () => {
    expect(decodeShortMessage(Uint8Array.of(0x41), 0x04)).toEqual({ ok: false, error: { kind: 'binary-content', dataCoding: 4 } });
  });
});

describe('dataCodingFor', () => {
  it.each<{ coding: 'gsm7' | 'ucs2' | 'latin1' | 'binary'; options: CharsetOptions; dataCoding: number }>([
    { coding: 'gsm7', options: {}, dataCoding: 0x00 },
    { coding: 'gsm7', options: { dataCoding0: 'latin1' }, dataCoding: 0x00 },
    { coding: 'gsm7', options: { gsm7DataCoding: 0xf1 }, dataCoding: 0xf1 },
    { coding: 'ucs2', options: {}, dataCoding: 0x08 },
    { coding: 'latin1', options: {}, dataCoding: 0x03 },
    { coding: 'binary', options: {}, dataCoding: 0x04 },
    { coding: 'binary', options: { binaryDataCoding: 0xf5 }, dataCoding: 0xf5 },
  ])('$coding with $options goes as $dataCoding', ({ coding, options, dataCoding }) => {
    expect(dataCodingFor(coding, options)).toBe(dataCoding);
  });
});
