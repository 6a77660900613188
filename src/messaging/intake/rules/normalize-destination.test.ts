import { describe, expect, it } from 'vitest';
import { normalizeDestination, TON } from './normalize-destination.ts';

describe('normalizeDestination', () => {
  const cases: [address: string, ton: number, clientCountry: string | null, expected: string | undefined][] = [
    // international: digits after the country code, with or without '+' / '00'
    ['380501234567', TON.INTERNATIONAL, null, '380501234567'],
    ['+380501234567', TON.INTERNATIONAL, null, '380501234567'],
    ['00380501234567', TON.INTERNATIONAL, null, '380501234567'],
    ['+380 50 123-45-67', TON.INTERNATIONAL, null, '380501234567'],
    ['3805012345', TON.INTERNATIONAL, null, undefined], // too short for Ukraine
    ['0501234567', TON.INTERNATIONAL, 'UA', undefined], // a national number sent as international
    // unknown TON: tried as international, then as a national number of the client's country
    ['380501234567', TON.UNKNOWN, null, '380501234567'],
    ['0501234567', TON.UNKNOWN, 'UA', '380501234567'],
    ['0501234567', TON.UNKNOWN, null, undefined],
    ['+0501234567', TON.UNKNOWN, 'UA', undefined], // '+' written: never read as national
    // national TON needs the client's country
    ['0501234567', TON.NATIONAL, 'UA', '380501234567'],
    ['0501234567', TON.NATIONAL, null, undefined],
    ['+4915112345678', TON.NATIONAL, 'UA', '4915112345678'],
    // not phone numbers
    ['INFO', TON.ALPHANUMERIC, null, undefined],
    ['12345', TON.ABBREVIATED, 'UA', undefined],
    ['', TON.INTERNATIONAL, null, undefined],
    ['38050abc4567', TON.INTERNATIONAL, null, undefined],
  ];
  it.each(cases)('%s (TON %i, client country %s) → %s', (address, ton, country, expected) => {
    const r = normalizeDestination(address, ton, country);
    if (expected === undefined) {
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toContain(address);
    } else expect(r).toMatchObject({ ok: true, digits: expected });
  });

  it('tells the country of the number for destination resolution', () => {
    expect(normalizeDestination('12025550123', TON.INTERNATIONAL, null)).toEqual({ ok: true, digits: '12025550123', country: 'US' });
  });
});
