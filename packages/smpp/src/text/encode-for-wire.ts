/**
 * Text to the octets of a short_message body in a given wire charset.
 */
import { encodeAscii } from './ascii.ts';
import type { WireCharset } from './coding.ts';
import { encodeGsm7 } from './gsm7.ts';
import { encodeLatin1 } from './latin1.ts';
import { packSeptets } from './septet-packing.ts';
import { fail, ok, type TextResult } from './text-result.ts';
import { encodeUcs2 } from './ucs2.ts';

/** `fillBits`: packed GSM after a UDH only (see `fillBitsAfterUdh`). */
export function encodeForWire(text: string, charset: WireCharset, fillBits = 0): TextResult<Buffer> {
  switch (charset) {
    case 'gsm7':
      return encodeGsm7(text);
    case 'gsm7-packed': {
      const septets = encodeGsm7(text);
      return septets.ok ? ok(packSeptets(septets.value, fillBits)) : septets;
    }
    case 'latin1':
      return encodeLatin1(text);
    case 'ascii':
      return encodeAscii(text);
    case 'ucs2':
      return ok(encodeUcs2(text));
    case 'binary':
      return fail({ kind: 'unrepresentable-character', coding: 'binary', character: text.slice(0, 1), index: 0 });
  }
}
