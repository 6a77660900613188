/**
 * A GSM 7-bit character set (a locking table plus a single shift table) with the reverse lookup
 * built once, so encoding and counting cost one array read per character and no allocation.
 */
import { DEFAULT_LOCKING, DEFAULT_SINGLE_SHIFT, ESC, type LockingTable, type SingleShiftTable } from './gsm7-alphabet.ts';
import { NATIONAL_LANGUAGES, type NationalLanguage } from './national-language-tables.ts';

export interface Gsm7Charset {
  readonly locking: LockingTable;
  readonly singleShift: SingleShiftTable;
  /**
   * Indexed by UTF-16 code unit: 0 when the character is not in the set, otherwise the septet
   * cost (1 in the locking table, 2 via ESC) in the high byte and the septet in the low byte.
   */
  readonly lookup: Uint16Array;
}

export const BASIC = 0x100;
export const EXTENDED = 0x200;

export function buildGsm7Charset(locking: LockingTable, singleShift: SingleShiftTable): Gsm7Charset {
  let size = 0;
  for (let i = 0; i < locking.length; i++) size = Math.max(size, locking.charCodeAt(i) + 1);
  for (const character of singleShift.values()) size = Math.max(size, character.charCodeAt(0) + 1);
  const lookup = new Uint16Array(size);
  // Extension first: a character present in both tables must cost one septet, not two.
  for (const [septet, character] of singleShift) lookup[character.charCodeAt(0)] = EXTENDED | septet;
  for (let septet = 0; septet < locking.length; septet++) {
    if (septet !== ESC) lookup[locking.charCodeAt(septet)] = BASIC | septet;
  }
  return { locking, singleShift, lookup };
}

export const DEFAULT_GSM7: Gsm7Charset = buildGsm7Charset(DEFAULT_LOCKING, DEFAULT_SINGLE_SHIFT);

/** Which tables a message uses; `undefined` means the default table for that role. */
export interface ShiftTables {
  readonly locking?: NationalLanguage;
  readonly singleShift?: NationalLanguage;
}

const cache = new Map<string, Gsm7Charset>();

/** The character set for a combination of national tables, built on first use and kept. */
export function gsm7Charset(tables: ShiftTables = {}): Gsm7Charset {
  if (tables.locking === undefined && tables.singleShift === undefined) return DEFAULT_GSM7;
  const key = `${tables.locking ?? ''}/${tables.singleShift ?? ''}`;
  let charset = cache.get(key);
  if (charset === undefined) {
    const locking = tables.locking === undefined ? undefined : NATIONAL_LANGUAGES[tables.locking].locking;
    const singleShift = tables.singleShift === undefined ? undefined : NATIONAL_LANGUAGES[tables.singleShift].singleShift;
    charset = buildGsm7Charset(locking ?? DEFAULT_LOCKING, singleShift ?? DEFAULT_SINGLE_SHIFT);
    cache.set(key, charset);
  }
  return charset;
}

/** 1 or 2 septets for a UTF-16 code unit, 0 when the set cannot carry it. */
export function septetCost(charset: Gsm7Charset, codeUnit: number): number {
  return (charset.lookup[codeUnit] ?? 0) >> 8;
}
