import { describe, expect, it } from 'vitest';
import { buildDestinationIndex, type Destination, resolveDestination } from './resolve-destination.ts';

const d = (id: number, country: string, prefixes: string[], mnc: string | null = null): Destination => ({
  id,
  country,
  name: mnc ? `${country} net ${mnc}` : country,
  network: mnc ? `net ${mnc}` : null,
  mcc: '000',
  mnc,
  prefixes,
});

const table = [
  d(1, 'UA', []), // country row: claims its calling code 380
  d(2, 'UA', ['38067', '38068'], '03'), // Kyivstar
  d(3, 'UA', ['38050'], '01'), // Vodafone
  d(4, 'US', ['1']),
  d(5, 'CA', ['1']),
  d(6, 'AG', ['1268']),
  d(7, 'RU', []), // claims 7
  d(8, 'KZ', ['77']),
  d(9, 'DE', ['49'], null),
  d(10, 'DE', ['49'], '01'), // same prefix as the country row: the network row wins the tie
  d(11, 'FR', [], '10'), // a network row without prefixes claims nothing
  d(12, 'ZZ', []), // not a country libphonenumber knows: claims nothing
];
const index = buildDestinationIndex(table);

describe('resolveDestination', () => {
  it.each([
    ['380671234567', undefined, 2, 'a network prefix beats the country code'],
    ['380681234567', undefined, 2, 'every prefix of a network counts'],
    ['380501234567', undefined, 3, 'another network'],
    ['380931234567', undefined, 1, 'no network prefix: the country row by calling code'],
    ['+380931234567', undefined, 1, 'a leading + is ignored'],
    ['12685551234', undefined, 6, 'a longer prefix inside +1 (Antigua)'],
    ['14165551234', undefined, 4, '+1 without a hint: the lower id of the tied rows'],
    ['14165551234', 'CA', 5, '+1 with the country libphonenumber found: that country'],
    ['12685551234', 'CA', 5, "the hint's country wins even over a longer prefix of another"],
    ['79161234567', undefined, 7, '+7 Russia by calling code'],
    ['77011234567', undefined, 8, '+7 7… Kazakhstan by its leading digits'],
    ['4915112345678', undefined, 10, 'same prefix length: the network row before the country row'],
    ['33612345678', undefined, undefined, 'France has only a network row without prefixes'],
    ['999', undefined, undefined, 'nothing matches'],
    ['', undefined, undefined, 'an empty number'],
    ['33612345678', 'FR', undefined, 'a hint with no matching row of any country'],
    ['380671234567', 'PL', 2, 'a hint without rows of its country falls back to the longest match'],
  ])('%s (hint %s) → %s: %s', (number: string, hint: string | undefined, expected: number | undefined, _why: string) => {
    expect(resolveDestination(index, number, hint)?.id).toBe(expected);
  });

  it('resolves nothing from an empty table', () => {
    expect(resolveDestination(buildDestinationIndex([]), '380671234567')).toBeUndefined();
  });
});
