import { describe, expect, it } from 'vitest';
import { parseDestinationCsv, splitCsvLine } from './parse-destination-csv.ts';

const isCountry = (c: string) => ['UA', 'DE', 'US'].includes(c);
const countryName = (c: string) => ({ UA: 'Ukraine', DE: 'Germany', US: 'United States' })[c] ?? c;
const parse = (text: string) => parseDestinationCsv(text, isCountry, countryName);

describe('parseDestinationCsv', () => {
  it('reads good lines, skipping a header, blanks and comments', () => {
    const csv = ['country,name,network,mcc,mnc,prefixes', '', '# Ukraine', 'UA,Ukraine — Kyivstar,Kyivstar,255,03,38067 38068 +38096', 'ua,,,255,,380', '"DE","Germany, Telekom",Telekom,262,01,49151'].join('\n');
    expect(parse(csv)).toEqual({
      rows: [
        { line: 4, country: 'UA', name: 'Ukraine — Kyivstar', network: 'Kyivstar', mcc: '255', mnc: '03', prefixes: ['38067', '38068', '38096'] },
        { line: 5, country: 'UA', name: 'Ukraine', network: null, mcc: '255', mnc: null, prefixes: ['380'] },
        { line: 6, country: 'DE', name: 'Germany, Telekom', network: 'Telekom', mcc: '262', mnc: '01', prefixes: ['49151'] },
      ],
      refused: [],
    });
  });

  it.each([
    ['XX,Nowhere,,,,1', 'country "XX" is not an ISO 3166-1 alpha-2 code'],
    ['UA,Ukraine,,25,,380', 'MCC "25" is not 3 digits'],
    ['UA,Ukraine,,255,3,380', 'MNC "3" is not 2 or 3 digits'],
    ['UA,Ukraine,,,03,380', 'an MNC needs its MCC'],
    ['UA,Ukraine,,255,,38a', 'prefixes must be 1–15 digits: 38a'],
    ['UA,Ukraine,,255,,380,381', '6 fields expected (country,name,network,mcc,mnc,prefixes), found 7; separate prefixes with spaces, not commas'],
    ['UA,Ukraine', '6 fields expected (country,name,network,mcc,mnc,prefixes), found 2'],
    ['"UA,Ukraine,,255,,380', 'unbalanced quotes'],
    ['XX,Nowhere,,1,,', 'country "XX" is not an ISO 3166-1 alpha-2 code; MCC "1" is not 3 digits'],
  ])('refuses %j: %s', (line, reason) => {
    expect(parse(`UA,Ukraine,,255,,380\n${line}`).refused).toEqual([{ line: 2, reason }]);
  });

  it('refuses a second line for the same country, MCC and MNC', () => {
    const r = parse('UA,A,,255,03,38067\nUA,B,,255,03,38068');
    expect(r.rows.map((x) => x.line)).toEqual([1]);
    expect(r.refused).toEqual([{ line: 2, reason: 'the same country, MCC and MNC as line 1' }]);
  });

  it('accepts Windows line ends and a byte-order mark', () => {
    expect(parse('\uFEFFUA,Ukraine,,255,,380\r\nDE,Germany,,262,,49\r\n').rows.map((r) => r.country)).toEqual(['UA', 'DE']);
  });
});

describe('splitCsvLine', () => {
  it.each<[string, string[] | undefined]>([
    ['a,b,c', ['a', 'b', 'c']],
    ['"a,b",c', ['a,b', 'c']],
    ['"say ""hi""",x', ['say "hi"', 'x']],
    [',,', ['', '', '']],
    ['"open', undefined],
  ])('%j → %j', (line, expected) => {
    expect(splitCsvLine(line)).toEqual(expected);
  });
});
