/**
 * National language shift tables of 3GPP TS 23.038 Annex A for the languages Petrel counts
 * for: Turkish (A.2.1, A.3.1), Spanish (A.2.2, single shift only) and Portuguese (A.2.3, A.3.3).
 * The identifiers are the National Language Identifier values of §6.2.1.2.4 that go in the
 * National Language Single/Locking Shift information elements of the UDH.
 */
import { extendSingleShift, type LockingTable, type SingleShiftTable } from './gsm7-alphabet.ts';

export type NationalLanguage = 'turkish' | 'spanish' | 'portuguese';

export interface NationalLanguageTables {
  readonly identifier: number;
  readonly locking?: LockingTable;
  readonly singleShift: SingleShiftTable;
}

const TURKISH_LOCKING: LockingTable = [
  '@£$¥€éùıòÇ\nĞğ\rÅå',
  'Δ_ΦΓΛΩΠΨΣΘΞ\x1bŞşßÉ',
  ' !"#¤%&\'()*+,-./',
  '0123456789:;<=>?',
  'İABCDEFGHIJKLMNO',
  'PQRSTUVWXYZÄÖÑÜ§',
  'çabcdefghijklmno',
  'pqrstuvwxyzäöñüà',
].join('');

const PORTUGUESE_LOCKING: LockingTable = [
  '@£$¥êéúíóç\nÔô\rÁá',
  'Δ_ªÇÀ∞^\\€Ó|\x1bÂâÊÉ',
  ' !"#º%&\'()*+,-./',
  '0123456789:;<=>?',
  'ÍABCDEFGHIJKLMNO',
  'PQRSTUVWXYZÃÕÚÜ§',
  '~abcdefghijklmno',
  'pqrstuvwxyzãõ`üà',
].join('');

export const NATIONAL_LANGUAGES: Readonly<Record<NationalLanguage, NationalLanguageTables>> = {
  turkish: {
    identifier: 0x01,
    locking: TURKISH_LOCKING,
    singleShift: extendSingleShift([
      [0x47, 'Ğ'], [0x49, 'İ'], [0x53, 'Ş'], [0x63, 'ç'], [0x67, 'ğ'], [0x69, 'ı'], [0x73, 'ş'],
    ]),
  },
  spanish: {
    identifier: 0x02,
    singleShift: extendSingleShift([
      [0x09, 'ç'], [0x41, 'Á'], [0x49, 'Í'], [0x4f, 'Ó'], [0x55, 'Ú'],
      [0x61, 'á'], [0x69, 'í'], [0x6f, 'ó'], [0x75, 'ú'],
    ]),
  },
  portuguese: {
    identifier: 0x03,
    locking: PORTUGUESE_LOCKING,
    singleShift: extendSingleShift([
      [0x05, 'ê'], [0x09, 'ç'], [0x0b, 'Ô'], [0x0c, 'ô'], [0x0e, 'Á'], [0x0f, 'á'],
      [0x12, 'Φ'], [0x13, 'Γ'], [0x15, 'Ω'], [0x16, 'Π'], [0x17, 'Ψ'], [0x18, 'Σ'], [0x19, 'Θ'],
      [0x1f, 'Ê'], [0x41, 'À'], [0x49, 'Í'], [0x4f, 'Ó'], [0x55, 'Ú'], [0x5b, 'Ã'], [0x5c, 'Õ'],
      [0x61, 'Â'], [0x69, 'í'], [0x6f, 'ó'], [0x75, 'ú'], [0x7b, 'ã'], [0x7c, 'õ'], [0x7f, 'â'],
    ]),
  },
};

/** Reverse of the identifiers, for reading the shift IEs of an incoming UDH. */
export function nationalLanguageOf(identifier: number): NationalLanguage | undefined {
  for (const [language, tables] of Object.entries(NATIONAL_LANGUAGES)) {
    if (tables.identifier === identifier) return language as NationalLanguage;
  }
  return undefined;
}
