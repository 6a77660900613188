import { describe, expect, it } from 'vitest';
import { DEFAULT_LOCKING, DEFAULT_SINGLE_SHIFT, ESC } from './gsm7-alphabet.ts';
import { NATIONAL_LANGUAGES, nationalLanguageOf } from './national-language-tables.ts';

/** Where a locking table differs from the default one, per TS 23.038 A.3.1 and A.3.3. */
function differences(table: string): Record<number, string> {
  const out: Record<number, string> = {};
  for (let septet = 0; septet < 128; septet++) if (table[septet] !== DEFAULT_LOCKING[septet]) out[septet] = table[septet] ?? '';
  return out;
}

describe('locking shift tables', () => {
  it.each([
    { name: 'default', table: DEFAULT_LOCKING },
    { name: 'turkish', table: NATIONAL_LANGUAGES.turkish.locking ?? '' },
    { name: 'portuguese', table: NATIONAL_LANGUAGES.portuguese.locking ?? '' },
  ])('$name: 128 septets, ESC at 0x1B, no character twice', ({ table }) => {
    expect(table).toHaveLength(128);
    expect(table.charCodeAt(ESC)).toBe(0x1b);
    expect(new Set(table).size).toBe(128);
  });

  it('Turkish differs from the default in exactly eight places', () => {
    expect(differences(NATIONAL_LANGUAGES.turkish.locking ?? '')).toEqual({
      0x04: '€', 0x07: 'ı', 0x0b: 'Ğ', 0x0c: 'ğ', 0x1c: 'Ş', 0x1d: 'ş', 0x40: 'İ', 0x60: 'ç',
    });
  });

  it('Portuguese differs from the default where A.3.3 says', () => {
    expect(differences(NATIONAL_LANGUAGES.portuguese.locking ?? '')).toEqual({
      0x04: 'ê', 0x06: 'ú', 0x07: 'í', 0x08: 'ó', 0x09: 'ç', 0x0b: 'Ô', 0x0c: 'ô', 0x0e: 'Á', 0x0f: 'á',
      0x12: 'ª', 0x13: 'Ç', 0x14: 'À', 0x15: '∞', 0x16: '^', 0x17: '\\', 0x18: '€', 0x19: 'Ó', 0x1a: '|',
      0x1c: 'Â', 0x1d: 'â', 0x1e: 'Ê', 0x24: 'º', 0x40: 'Í', 0x5b: 'Ã', 0x5c: 'Õ', 0x5d: 'Ú', 0x60: '~',
      0x7b: 'ã', 0x7c: 'õ', 0x7d: '`',
    });
  });

  it('Spanish has no locking table', () => expect(NATIONAL_LANGUAGES.spanish.locking).toBeUndefined());
});

describe('single shift tables', () => {
  it.each(['turkish', 'spanish', 'portuguese'] as const)('%s keeps every default extension character', (language) => {
    for (const [septet, character] of DEFAULT_SINGLE_SHIFT) expect(NATIONAL_LANGUAGES[language].singleShift.get(septet)).toBe(character);
  });

  it.each([
    { language: 'turkish' as const, added: 'ĞİŞçğış' },
    { language: 'spanish' as const, added: 'çÁÍÓÚáíóú' },
    { language: 'portuguese' as const, added: 'êçÔôÁáΦΓΩΠΨΣΘÊÀÍÓÚÃÕÂíóúãõâ' },
  ])('$language adds $added', ({ language, added }) => {
    const extra = [...NATIONAL_LANGUAGES[language].singleShift].filter(([septet]) => !DEFAULT_SINGLE_SHIFT.has(septet));
    expect(extra.map(([, character]) => character).join('')).toBe(added);
  });

  it('the National Language Identifiers are 1, 2 and 3 (TS 23.038 §6.2.1.2.4)', () => {
    expect([1, 2, 3, 4].map(nationalLanguageOf)).toEqual(['turkish', 'spanish', 'portuguese', undefined]);
  });
});
