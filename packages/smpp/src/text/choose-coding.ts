/**
 * The automatic coding rule: GSM 7-bit when every character is in the default alphabet or its
 * extension table, otherwise UCS-2. Nothing is ever substituted (no 'ç'→'Ç', no '?').
 */
import type { CharsetOptions } from './coding.ts';
import { dataCodingFor } from './data-coding-for.ts';
import { DEFAULT_GSM7 } from './gsm7-charset.ts';
import { wireCharsetOf } from './wire-charset-of.ts';

/** The highest code unit a GSM message may contain when it travels as this peer's bytes. */
export function gsm7WireCeiling(options: CharsetOptions): number {
  const wire = wireCharsetOf(dataCodingFor('gsm7', options), options);
  if (!wire.ok) return 0xffff;
  switch (wire.value) {
    case 'latin1':
      return 0xff;
    case 'ascii':
      return 0x7f;
    default:
      return 0xffff;
  }
}

/**
 * For a peer that reads data_coding 0 as Latin-1 or ASCII, a GSM character that those bytes
 * cannot carry ('€', 'Δ' over Latin-1) also forces UCS-2: the peer could not convert it back.
 */
export function chooseCoding(text: string, options: CharsetOptions = {}): 'gsm7' | 'ucs2' {
  const ceiling = options.dataCoding0 === undefined || options.dataCoding0 === 'gsm7' ? 0xffff : gsm7WireCeiling(options);
  const lookup = DEFAULT_GSM7.lookup;
  const size = Math.min(lookup.length, ceiling + 1);
  for (let i = 0; i < text.length; i++) {
    const codeUnit = text.charCodeAt(i);
    if (codeUnit >= size || lookup[codeUnit] === 0) return 'ucs2';
  }
  return 'gsm7';
}
