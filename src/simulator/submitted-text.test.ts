import { describe, expect, it } from 'vitest';
import { submittedText } from './submitted-text.ts';

describe('submittedText', () => {
  const cases: ReadonlyArray<[string, number, number, Buffer | undefined, string]> = [
    ['GSM', 0, 0, Buffer.from('Hello'), 'Hello'],
    ['IA5', 0, 1, Buffer.from('Hello'), 'Hello'],
    ['Latin-1', 0, 3, Buffer.from('café', 'latin1'), 'café'],
    ['UCS-2', 0, 8, Buffer.from('Привет', 'utf16le').swap16(), 'Привет'],
    ['a UDH part', 0x40, 0, Buffer.concat([Buffer.from([5, 0, 3, 1, 2, 1]), Buffer.from('part one')]), 'part one'],
    ['binary', 0, 4, Buffer.from([1, 2, 3]), ''],
    ['a broken UDH', 0x40, 0, Buffer.from([9, 0]), ''],
    ['nothing', 0, 0, undefined, ''],
  ];
  it.each(cases)('%s', (_name, esmClass, dataCoding, body, expected) => {
    expect(submittedText({ esmClass, dataCoding, body })).toBe(expected);
  });
});
