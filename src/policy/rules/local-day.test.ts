import { describe, expect, it } from 'vitest';
import { localDay } from './local-day.ts';

describe('localDay', () => {
  it.each([
    ['UTC', '2026-03-10T23:59:59Z', '2026-03-10'],
    ['Europe/Kyiv', '2026-03-10T21:59:59Z', '2026-03-10'],
    ['Europe/Kyiv', '2026-03-10T22:00:00Z', '2026-03-11'], // UTC+2 in winter
    ['Europe/Kyiv', '2026-07-10T21:00:00Z', '2026-07-11'], // UTC+3 in summer
    ['America/New_York', '2026-03-11T03:59:59Z', '2026-03-10'],
    ['America/New_York', '2026-03-11T04:00:00Z', '2026-03-11'], // EDT after 8 March 2026
    ['Pacific/Kiritimati', '2026-01-01T10:00:00Z', '2026-01-02'], // UTC+14
    ['Pacific/Pago_Pago', '2026-01-01T10:00:00Z', '2025-12-31'], // UTC−11
    ['Asia/Kolkata', '2026-01-01T18:30:00Z', '2026-01-02'], // half-hour offset
    ['Asia/Kathmandu', '2026-01-01T18:14:59Z', '2026-01-01'], // UTC+5:45
    ['Asia/Kathmandu', '2026-01-01T18:15:00Z', '2026-01-02'],
  ])('%s at %s is %s', (zone, instant, expected) => {
    expect(localDay(zone, new Date(instant))).toBe(expected);
  });

  it('throws for an unknown zone (zones are validated when saved)', () => {
    expect(() => localDay('Mars/Olympus', new Date())).toThrow(RangeError);
  });
});
