import { describe, expect, it } from 'vitest';
import { formatReceipt, type ReceiptFields, type ReceiptFormat } from './format-receipt.ts';
import { parseReceipt } from './parse-receipt.ts';

const submitDate = new Date(Date.UTC(2024, 0, 31, 23, 59, 7));
const doneDate = new Date(Date.UTC(2024, 1, 1, 0, 1, 45));
const base: ReceiptFields = { id: '12345', stat: 'DELIVRD', err: 0, submitDate, doneDate, text: 'Hello world, this is longer than twenty' };

describe('formatReceipt', () => {
  const cases: ReadonlyArray<[string, Partial<ReceiptFields>, Partial<ReceiptFormat>, string]> = [
    [
      'the Appendix B form with 10-digit dates',
      {},
      {},
      'id:12345 sub:001 dlvrd:001 submit date:2401312359 done date:2402010001 stat:DELIVRD err:000 text:Hello world, this is',
    ],
    [
      '12-digit dates carry seconds',
      {},
      { dateDigits: 12 },
      'id:12345 sub:001 dlvrd:001 submit date:240131235907 done date:240201000145 stat:DELIVRD err:000 text:Hello world, this is',
    ],
    [
      'upper-case keys, stat unchanged',
      { stat: 'UNDELIV', err: 1 },
      { case: 'upper' },
      'ID:12345 SUB:001 DLVRD:000 SUBMIT DATE:2401312359 DONE DATE:2402010001 STAT:UNDELIV ERR:001 TEXT:Hello world, this is',
    ],
    [
      'a numeric id in hex, lower case',
      { id: 0xabcdef12 },
      { idBase: 'hex' },
      'id:abcdef12 sub:001 dlvrd:001 submit date:2401312359 done date:2402010001 stat:DELIVRD err:000 text:Hello world, this is',
    ],
    [
      'a bigint id in hex, upper case',
      { id: 0xabcdef1234n },
      { idBase: 'hex', case: 'upper' },
      'ID:ABCDEF1234 SUB:001 DLVRD:001 SUBMIT DATE:2401312359 DONE DATE:2402010001 STAT:DELIVRD ERR:000 TEXT:Hello world, this is',
    ],
    [
      'a numeric id in decimal',
      { id: 987654321 },
      {},
      'id:987654321 sub:001 dlvrd:001 submit date:2401312359 done date:2402010001 stat:DELIVRD err:000 text:Hello world, this is',
    ],
    [
      'a string id is never rewritten',
      { id: 'AbC-12' },
      { idBase: 'hex', case: 'upper' },
      'ID:AbC-12 SUB:001 DLVRD:001 SUBMIT DATE:2401312359 DONE DATE:2402010001 STAT:DELIVRD ERR:000 TEXT:Hello world, this is',
    ],
    [
      'err wider than three digits, explicit sub and dlvrd, no text',
      { stat: 'EXPIRED', err: 1234, sub: 2, dlvrd: 0, text: undefined },
      {},
      'id:12345 sub:002 dlvrd:000 submit date:2401312359 done date:2402010001 stat:EXPIRED err:1234 text:',
    ],
    [
      'an emoji at the cut is kept whole',
      { text: '1234567890123456789😀tail' },
      {},
      'id:12345 sub:001 dlvrd:001 submit date:2401312359 done date:2402010001 stat:DELIVRD err:000 text:1234567890123456789😀',
    ],
  ];
  it.each(cases)('%s', (_name, fields, format, expected) => {
    expect(formatReceipt({ ...base, ...fields }, { dateDigits: 10, idBase: 'decimal', case: 'lower', ...format })).toBe(expected);
  });

  it('quotes the first 20 characters as code points, lone surrogates counting as one', () => {
    const texts = ['😀'.repeat(25), `${'a'.repeat(19)}\ud83d`, `${'a'.repeat(19)}\ud83dx${'b'.repeat(5)}`, `\ude00${'c'.repeat(30)}`, `${'é'.repeat(18)}😀😀😀`, 'x'.repeat(20), 'y'.repeat(21)];
    for (const text of texts) {
      const quoted = formatReceipt({ ...base, text }).split(' text:')[1];
      expect(quoted).toBe(Array.from(text).slice(0, 20).join(''));
    }
  });

  it('writes dates with leading zeros in every field', () => {
    const early = new Date(Date.UTC(2005, 0, 2, 3, 4, 5));
    expect(formatReceipt({ ...base, submitDate: early, doneDate: early }, { dateDigits: 12, idBase: 'decimal', case: 'lower' })).toContain('submit date:050102030405 done date:050102030405');
    expect(formatReceipt({ ...base, submitDate: early, doneDate: early })).toContain('submit date:0501020304 done date:0501020304');
  });

  it('reads back what it writes, in every format', () => {
    for (const dateDigits of [10, 12] as const) {
      for (const letterCase of ['lower', 'upper'] as const) {
        const text = formatReceipt({ ...base, id: 0xbeef, stat: 'REJECTD', err: 7 }, { dateDigits, idBase: 'hex', case: letterCase });
        const receipt = parseReceipt(text);
        expect(receipt?.id).toBe(letterCase === 'upper' ? 'BEEF' : 'beef');
        expect(receipt?.stat).toBe('REJECTD');
        expect(receipt?.err).toBe(7);
        expect(receipt?.dlvrd).toBe(0);
        expect(receipt?.doneDate?.toISOString()).toBe(dateDigits === 12 ? '2024-02-01T00:01:45.000Z' : '2024-02-01T00:01:00.000Z');
      }
    }
  });
});
