/**
 * The GSM 7-bit default alphabet and its extension table (3GPP TS 23.038 §6.2.1 and §6.2.1.1).
 *
 * A locking table is 128 characters indexed by septet; ESC (0x1B) is not a character but the
 * switch to the single shift (extension) table for the next septet.
 * A single shift table lists only the septets it defines; any other septet after ESC falls back
 * to the locking table's character (§6.2.1.1).
 */
export const ESC = 0x1b;

export type LockingTable = string;
export type SingleShiftTable = ReadonlyMap<number, string>;

export const DEFAULT_LOCKING: LockingTable = [
  '@£$¥èéùìòÇ\nØø\rÅå',
  'Δ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ',
  ' !"#¤%&\'()*+,-./',
  '0123456789:;<=>?',
  '¡ABCDEFGHIJKLMNO',
  'PQRSTUVWXYZÄÖÑÜ§',
  '¿abcdefghijklmno',
  'pqrstuvwxyzäöñüà',
].join('');

const DEFAULT_EXTENSION_ENTRIES: readonly (readonly [number, string])[] = [
  [0x0a, '\f'],
  [0x14, '^'],
  [0x28, '{'],
  [0x29, '}'],
  [0x2f, '\\'],
  [0x3c, '['],
  [0x3d, '~'],
  [0x3e, ']'],
  [0x40, '|'],
  [0x65, '€'],
];

export const DEFAULT_SINGLE_SHIFT: SingleShiftTable = new Map(DEFAULT_EXTENSION_ENTRIES);

/** National single shift tables all start from the default extension table and add to it. */
export function extendSingleShift(additions: readonly (readonly [number, string])[]): SingleShiftTable {
  return new Map([...DEFAULT_EXTENSION_ENTRIES, ...additions]);
}
