import { describe, expect, it } from 'vitest';
import type { Receipt } from './receipt.ts';
import { parseReceipt, parseReceiptDate } from './parse-receipt.ts';

const d = (iso: string): Date => new Date(iso);

describe('parseReceipt reads the variants SMSCs send', () => {
  const cases: ReadonlyArray<[string, string, Partial<Receipt>]> = [
    [
      'Appendix B',
      'id:1234567890 sub:001 dlvrd:001 submit date:2401312359 done date:2402010001 stat:DELIVRD err:000 text:Hello',
      { id: '1234567890', sub: 1, dlvrd: 1, submitDate: d('2024-01-31T23:59:00Z'), doneDate: d('2024-02-01T00:01:00Z'), stat: 'DELIVRD', err: 0, text: 'Hello' },
    ],
    [
      '12-digit dates',
      'id:7 sub:001 dlvrd:000 submit date:240131235907 done date:240201000145 stat:UNDELIV err:001 text:',
      { id: '7', submitDate: d('2024-01-31T23:59:07Z'), doneDate: d('2024-02-01T00:01:45Z'), stat: 'UNDELIV', err: 1, text: '' },
    ],
    ['upper-case keys', 'ID:ab12 SUB:001 DLVRD:001 SUBMIT DATE:2401010000 DONE DATE:2401010001 STAT:DELIVRD ERR:000 TEXT:Hi', { id: 'ab12', stat: 'DELIVRD', text: 'Hi' }],
    ['lower-case stat', 'id:5 stat:delivrd err:000', { id: '5', stat: 'DELIVRD', err: 0 }],
    ['underscored dates', 'id:9 sub:1 dlvrd:1 submit_date:2403150930 done_date:2403150931 stat:DELIVRD err:0', { submitDate: d('2024-03-15T09:30:00Z'), doneDate: d('2024-03-15T09:31:00Z'), sub: 1, dlvrd: 1 }],
    ['fields in another order', 'stat:EXPIRED err:027 id:AA-BB done date:2402010001 sub:001', { id: 'AA-BB', stat: 'EXPIRED', err: 27, sub: 1 }],
    ['no text field', 'id:42 sub:001 dlvrd:000 submit date:2401010000 done date:2401010000 stat:REJECTD err:005', { id: '42', stat: 'REJECTD', err: 5, text: undefined }],
    ['Text: with a capital', 'id:42 stat:DELIVRD err:000 Text:Caps here', { text: 'Caps here' }],
    ['text with colons and spaces', 'id:1 stat:DELIVRD err:000 text:Code: 1234 at 10:30', { text: 'Code: 1234 at 10:30' }],
    ['text that quotes a key already read', 'id:1 stat:DELIVRD err:000 text:your id:99 stat:x', { id: '1', stat: 'DELIVRD', text: 'your id:99 stat:x' }],
    ['text before other fields', 'id:1 sub:001 text:early bird stat:DELIVRD err:002', { text: 'early bird', stat: 'DELIVRD', err: 2 }],
    ['extra fields', 'id:77 foo:bar sub:001 dlvrd:001 stat:DELIVRD err:000 mccmnc:20801 text:x', { id: '77', stat: 'DELIVRD', text: 'x' }],
    ['err with more than three digits', 'id:1 stat:UNDELIV err:1102', { err: 1102 }],
    ['no err at all', 'id:1 stat:ACCEPTD', { stat: 'ACCEPTD', err: 0 }],
    ['ENROUTE', 'id:1 stat:ENROUTE err:000', { stat: 'ENROUTE' }],
    ['DELETED', 'id:1 stat:DELETED err:000', { stat: 'DELETED' }],
    ['UNKNOWN', 'id:1 stat:UNKNOWN err:000', { stat: 'UNKNOWN' }],
    ['a long form of the stat', 'id:1 stat:DELIVERED err:000', { stat: 'DELIVRD' }],
    ['a space after the colon', 'id: 31 stat: DELIVRD err: 000', { id: '31', stat: 'DELIVRD', err: 0 }],
    ['trailing NULs', 'id:1 stat:DELIVRD err:000 text:abc\0\0', { text: 'abc' }],
    ['msgid: is not id:', 'msgid:5 id:6 stat:DELIVRD err:000', { id: '6' }],
    ['white space before a colon', 'id :5 stat :DELIVRD err : 001', { id: '5', stat: 'DELIVRD', err: 1 }],
    ['dates written as one word', 'id:1 submitdate:2401010000 DoneDate:2401010001 stat:DELIVRD', { submitDate: d('2024-01-01T00:00:00Z'), doneDate: d('2024-01-01T00:01:00Z') }],
    ['two spaces inside a date key make it no key', 'id:1 submit  date:2401010000 stat:DELIVRD', { submitDate: undefined, stat: 'DELIVRD' }],
    ['tabs, line breaks and no-break spaces separate fields', 'id:8\tstat:DELIVRD\nerr:004\u00a0sub:002', { id: '8', stat: 'DELIVRD', err: 4, sub: 2 }],
    ['a key word without its colon is text', 'id:3 stat stat:DELIVRD text', { id: '3', stat: 'DELIVRD', text: undefined }],
    ['a long run of spaces', `id:4 stat:DELIVRD${' '.repeat(300)}err:006`, { err: 6 }],
    ['an impossible date is left out', 'id:1 submit date:2413450000 stat:DELIVRD err:000', { submitDate: undefined }],
  ];
  it.each(cases)('%s', (_name, text, expected) => {
    const receipt = parseReceipt(text);
    expect(receipt).toBeDefined();
    for (const [key, value] of Object.entries(expected)) expect(receipt?.[key as keyof Receipt], key).toEqual(value);
  });

  const refused: ReadonlyArray<[string, string]> = [
    ['empty', ''],
    ['an MO text', 'hello there'],
    ['no id', 'sub:001 dlvrd:001 stat:DELIVRD err:000'],
    ['an empty id', 'id: stat:DELIVRD err:000'],
    ['no stat', 'id:1 err:000'],
    ['an unknown stat', 'id:1 stat:FOO err:000'],
  ];
  it.each(refused)('gives undefined for %s', (_name, text) => {
    expect(parseReceipt(text)).toBeUndefined();
  });
});

describe('parseReceiptDate', () => {
  const cases: ReadonlyArray<[string, string | undefined]> = [
    ['2402290000', '2024-02-29T00:00:00.000Z'],
    ['230229000000', undefined],
    ['2401012460', undefined],
    ['240101000060', undefined],
    ['24010100', undefined],
    ['24010100000', undefined],
    ['abcdefghij', undefined],
    ['991231235959', '2099-12-31T23:59:59.000Z'],
  ];
  it.each(cases)('%s → %s', (text, iso) => {
    expect(parseReceiptDate(text)?.toISOString()).toBe(iso);
  });
});
