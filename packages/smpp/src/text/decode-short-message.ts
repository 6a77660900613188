/**
 * Text of a short_message (or message_payload) body, the UDH already taken off.
 */
import { decodeAscii } from './ascii.ts';
import type { CharsetOptions, WireCharset } from './coding.ts';
import { gsm7Charset, type ShiftTables } from './gsm7-charset.ts';
import { decodeGsm7 } from './gsm7.ts';
import { decodeLatin1 } from './latin1.ts';
import { unpackSeptets } from './septet-packing.ts';
import { fail, ok, type TextResult } from './text-result.ts';
import { decodeUcs2 } from './ucs2.ts';
import { wireCharsetOf } from './wire-charset-of.ts';

export interface DecodeOptions extends CharsetOptions {
  /** Packed GSM only: the fill bits that follow the UDH (see `fillBitsAfterUdh`). */
  readonly fillBits?: number;
  /** National language tables announced in the UDH, for GSM text. */
  readonly shiftTables?: ShiftTables;
}

export function decodeBody(body: Uint8Array, charset: WireCharset, options: DecodeOptions = {}): TextResult<string> {
  switch (charset) {
    case 'gsm7':
      return decodeGsm7(body, gsm7Charset(options.shiftTables));
    case 'gsm7-packed':
      return decodeGsm7(unpackSeptets(body, options.fillBits ?? 0), gsm7Charset(options.shiftTables));
    case 'latin1':
      return ok(decodeLatin1(body));
    case 'ascii':
      return decodeAscii(body);
    case 'ucs2':
      return decodeUcs2(body);
    case 'binary':
      return fail({ kind: 'invalid-bytes', charset, offset: 0, reason: 'binary content has no text' });
  }
}

/** Binary data codings answer `binary-content`: the caller keeps the octets as they are. */
export function decodeShortMessage(body: Uint8Array, dataCoding: number, options: DecodeOptions = {}): TextResult<string> {
  const charset = wireCharsetOf(dataCoding, options);
  if (!charset.ok) return charset;
  if (charset.value === 'binary') return fail({ kind: 'binary-content', dataCoding });
  return decodeBody(body, charset.value, options);
}
