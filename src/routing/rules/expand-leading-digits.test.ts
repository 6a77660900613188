import { describe, expect, it } from 'vitest';
import { expandLeadingDigits } from './expand-leading-digits.ts';

describe('expandLeadingDigits', () => {
  it.each<[string, string[] | undefined]>([
    ['268', ['268']],
    ['658|876', ['658', '876']],
    ['8001|8[024]9', ['8001', '809', '829', '849']],
    ['[3489]', ['3', '4', '8', '9']],
    ['[5-8]', ['5', '6', '7', '8']],
    ['1[03-79]|[2-9]', ['10', '13', '14', '15', '16', '17', '19', '2', '3', '4', '5', '6', '7', '8', '9']],
    ['74576|(?:16|7[56])24', undefined], // a group: not cheap
    ['7\\d', undefined],
    ['7+', undefined],
    ['[9-3]', undefined],
    ['[', undefined],
    ['', undefined],
    ['[0-9][0-9][0-9]', undefined], // 1000 prefixes: over the limit
  ])('%j → %j', (pattern, expected) => {
    expect(expandLeadingDigits(pattern)).toEqual(expected);
  });
});
