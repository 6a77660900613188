/**
 * GSM 03.38 text to and from unpacked septets (one septet per octet, the way SMPP usually
 * carries data_coding 0). Characters outside the set are refused, never replaced by '?'.
 */
import { textOfUnits, unitBuffer } from './code-units.ts';
import { ESC } from './gsm7-alphabet.ts';
import { DEFAULT_GSM7, EXTENDED, septetCost, type Gsm7Charset } from './gsm7-charset.ts';
import { fail, ok, type TextResult } from './text-result.ts';

/** Septets the text needs in this set, or the index of the first character it cannot carry. */
export function measureGsm7(text: string, charset: Gsm7Charset = DEFAULT_GSM7): { septets: number; badIndex: number } {
  let septets = 0;
  for (let i = 0; i < text.length; i++) {
    const cost = septetCost(charset, text.charCodeAt(i));
    if (cost === 0) return { septets, badIndex: i };
    septets += cost;
  }
  return { septets, badIndex: -1 };
}

/** Septets the text needs, or undefined when some character is not in the set. */
export function gsm7Length(text: string, charset: Gsm7Charset = DEFAULT_GSM7): number | undefined {
  const { septets, badIndex } = measureGsm7(text, charset);
  return badIndex === -1 ? septets : undefined;
}

/** The first character (a whole code point, so emoji read right) the set cannot carry. */
export function unrepresentable(text: string, index: number): string {
  return String.fromCodePoint(text.codePointAt(index) ?? 0xfffd);
}

export function encodeGsm7(text: string, charset: Gsm7Charset = DEFAULT_GSM7): TextResult<Buffer> {
  const { septets, badIndex } = measureGsm7(text, charset);
  if (badIndex !== -1) {
    return fail({ kind: 'unrepresentable-character', coding: 'gsm7', character: unrepresentable(text, badIndex), index: badIndex });
  }
  const out = Buffer.allocUnsafe(septets);
  let at = 0;
  for (let i = 0; i < text.length; i++) {
    const entry = charset.lookup[text.charCodeAt(i)] ?? 0;
    if ((entry & EXTENDED) !== 0) out[at++] = ESC;
    out[at++] = entry & 0x7f;
  }
  return ok(out);
}

/**
 * Unpacked septets to text. Per TS 23.038 §6.2.1.1 an escape followed by a septet the single
 * shift table does not define shows the locking table's character, and ESC ESC shows a space;
 * a dangling ESC at the end shows a space too rather than failing a whole message.
 */
export function decodeGsm7(septets: Uint8Array, charset: Gsm7Charset = DEFAULT_GSM7): TextResult<string> {
  const { locking, singleShift } = charset;
  const units = unitBuffer(septets.length);
  let count = 0;
  for (let i = 0; i < septets.length; i++) {
    const septet = septets[i] ?? 0;
    if (septet > 0x7f) return fail({ kind: 'invalid-bytes', charset: 'gsm7', offset: i, reason: 'an octet above 0x7F is not a septet' });
    if (septet !== ESC) {
      units[count++] = locking.charCodeAt(septet);
      continue;
    }
    const next = septets[++i];
    if (next === undefined || next === ESC) {
      units[count++] = SPACE;
    } else if (next > 0x7f) {
      return fail({ kind: 'invalid-bytes', charset: 'gsm7', offset: i, reason: 'an octet above 0x7F is not a septet' });
    } else {
      const shifted = singleShift.get(next);
      units[count++] = shifted === undefined ? locking.charCodeAt(next) : shifted.charCodeAt(0);
    }
  }
  return ok(textOfUnits(units, count));
}

const SPACE = 0x20;
