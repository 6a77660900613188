import { describe, expect, it } from 'vitest';
import { chooseCoding } from './choose-coding.ts';
import type { CharsetOptions } from './coding.ts';

describe('chooseCoding', () => {
  it.each([
    { text: 'Your code is 1234', coding: 'gsm7' },
    { text: '', coding: 'gsm7' },
    { text: 'Total: 12€ [VAT incl.] {ok} ~ ^ | \\', coding: 'gsm7', why: 'extension characters are GSM' },
    { text: 'ΔΦΓΛΩΠΨΣΘΞ', coding: 'gsm7', why: 'the Greek capitals of the default alphabet' },
    { text: 'Müller, Ñoño, Øresund, Ålesund, Ça', coding: 'gsm7' },
    { text: 'ça', coding: 'ucs2', why: 'small ç is not in the default alphabet; no substitution by Ç' },
    { text: 'Αθήνα', coding: 'ucs2', why: 'Greek small letters are not' },
    { text: 'I ❤ SMS', coding: 'ucs2' },
    { text: 'ok 😀', coding: 'ucs2' },
    { text: 'a`b', coding: 'ucs2', why: 'grave accent' },
    { text: 'Ñandú', coding: 'ucs2', why: 'ú (acute) is not in the alphabet, only ù (grave)' },
    { text: 'tab\there', coding: 'ucs2' },
  ])('"$text" → $coding', ({ text, coding }) => {
    expect(chooseCoding(text)).toBe(coding);
  });

  it.each<{ text: string; options: CharsetOptions; coding: string }>([
    { text: 'Ä ü é', options: { dataCoding0: 'latin1' }, coding: 'gsm7' },
    { text: 'Price 5€', options: { dataCoding0: 'latin1' }, coding: 'ucs2' },
    { text: 'ΔΣ', options: { dataCoding0: 'latin1' }, coding: 'ucs2' },
    { text: 'Ä', options: { dataCoding0: 'ascii' }, coding: 'ucs2' },
    { text: '{a}', options: { dataCoding0: 'ascii' }, coding: 'gsm7' },
    { text: 'Price 5€', options: { dataCoding0: 'latin1', gsm7DataCoding: 0xf1 }, coding: 'gsm7' },
  ])('for a peer reading data_coding 0 as $options: "$text" → $coding', ({ text, options, coding }) => {
    expect(chooseCoding(text, options)).toBe(coding);
  });
});
