/**
 * UCS-2 as SMSCs and handsets actually use it (data_coding 8): big-endian UTF-16, so characters
 * beyond the BMP (emoji) travel as surrogate pairs of two 16-bit units.
 */
import { textOfUnits, unitBuffer } from './code-units.ts';
import { fail, ok, type TextResult } from './text-result.ts';

export function encodeUcs2(text: string): Buffer {
  const out = Buffer.allocUnsafe(text.length * 2);
  for (let i = 0; i < text.length; i++) out.writeUInt16BE(text.charCodeAt(i), i * 2);
  return out;
}

/** Units are copied as they are: a lone surrogate from a peer stays visible rather than lost. */
export function decodeUcs2(bytes: Uint8Array): TextResult<string> {
  if (bytes.length % 2 !== 0) {
    return fail({ kind: 'invalid-bytes', charset: 'ucs2', offset: bytes.length - 1, reason: 'UCS-2 needs an even number of octets' });
  }
  const count = bytes.length / 2;
  const units = unitBuffer(count);
  for (let i = 0; i < count; i++) units[i] = ((bytes[2 * i] ?? 0) << 8) | (bytes[2 * i + 1] ?? 0);
  return ok(textOfUnits(units, count));
}

export function isHighSurrogate(codeUnit: number): boolean {
  return codeUnit >= 0xd800 && codeUnit <= 0xdbff;
}

export function isLowSurrogate(codeUnit: number): boolean {
  return codeUnit >= 0xdc00 && codeUnit <= 0xdfff;
}
