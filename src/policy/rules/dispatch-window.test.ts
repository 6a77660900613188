import { describe, expect, it } from 'vitest';
import { type DispatchWindow, nextDispatchTime } from './dispatch-window.ts';

const nineToNine: DispatchWindow[] = [{ from: '09:00', to: '21:00' }];
const weekdays: DispatchWindow[] = [{ from: '09:00', to: '18:00', days: [1, 2, 3, 4, 5] }];
const night: DispatchWindow[] = [{ from: '22:00', to: '06:00' }];
const fridayNight: DispatchWindow[] = [{ from: '22:00', to: '02:00', days: [5] }];
const split: DispatchWindow[] = [
  { from: '08:00', to: '12:00' },
  { from: '14:00', to: '18:00' },
];

// 2026-03-13 is a Friday. Kyiv: UTC+2 in winter, UTC+3 from 2026-03-29 03:00 local (01:00 UTC)
// back to UTC+2 on 2026-10-25 04:00 local (01:00 UTC). New York: EST → EDT on 2026-03-08 at
// 02:00 local (07:00 UTC), back on 2026-11-01 at 02:00 local (06:00 UTC).
describe('nextDispatchTime', () => {
  it.each<[string, DispatchWindow[] | null, string, string, string]>([
    ['no windows: now', null, 'Europe/Kyiv', '2026-03-13T03:00:00Z', '2026-03-13T03:00:00Z'],
    ['an empty list: now', [], 'Europe/Kyiv', '2026-03-13T03:00:00Z', '2026-03-13T03:00:00Z'],
    ['inside: now', nineToNine, 'Europe/Kyiv', '2026-03-13T10:00:00Z', '2026-03-13T10:00:00Z'],
    ['at the opening minute: now', nineToNine, 'Europe/Kyiv', '2026-03-13T07:00:00Z', '2026-03-13T07:00:00Z'],
    ['before the opening: today 09:00 local', nineToNine, 'Europe/Kyiv', '2026-03-13T05:00:00Z', '2026-03-13T07:00:00Z'],
    ['at the closing minute: tomorrow', nineToNine, 'Europe/Kyiv', '2026-03-13T19:00:00Z', '2026-03-14T07:00:00Z'],
    ['after the close: tomorrow 09:00 local', nineToNine, 'Europe/Kyiv', '2026-03-13T20:30:00Z', '2026-03-14T07:00:00Z'],
    ['the local day, not the UTC day, decides', nineToNine, 'Europe/Kyiv', '2026-03-13T22:30:00Z', '2026-03-14T07:00:00Z'],
    ['Friday evening: Monday morning', weekdays, 'Europe/Kyiv', '2026-03-13T17:00:00Z', '2026-03-16T07:00:00Z'],
    ['Saturday: Monday', weekdays, 'Europe/Kyiv', '2026-03-14T10:00:00Z', '2026-03-16T07:00:00Z'],
    ['Sunday just before midnight local: Monday', weekdays, 'Europe/Kyiv', '2026-03-15T21:59:00Z', '2026-03-16T07:00:00Z'],
    ['between two windows of a day: the second', split, 'UTC', '2026-03-13T12:30:00Z', '2026-03-13T14:00:00Z'],
    ['inside the second window', split, 'UTC', '2026-03-13T15:00:00Z', '2026-03-13T15:00:00Z'],
    ['a window passing midnight: inside before midnight', night, 'UTC', '2026-03-13T23:00:00Z', '2026-03-13T23:00:00Z'],
    ['a window passing midnight: inside after midnight', night, 'UTC', '2026-03-14T05:59:00Z', '2026-03-14T05:59:00Z'],
    ['a window passing midnight: closed at 06:00', night, 'UTC', '2026-03-14T06:00:00Z', '2026-03-14T22:00:00Z'],
    ['Friday-night window still open early Saturday', fridayNight, 'UTC', '2026-03-14T01:00:00Z', '2026-03-14T01:00:00Z'],
    ['Friday-night window is not open early Friday', fridayNight, 'UTC', '2026-03-13T01:00:00Z', '2026-03-13T22:00:00Z'],
    ['Saturday after it closed: next Friday', fridayNight, 'UTC', '2026-03-14T03:00:00Z', '2026-03-20T22:00:00Z'],
    ['spring forward: 09:00 the day after the change is UTC+3', nineToNine, 'Europe/Kyiv', '2026-03-28T20:00:00Z', '2026-03-29T06:00:00Z'],
    ['spring forward, New York: 09:00 EDT', nineToNine, 'America/New_York', '2026-03-08T03:00:00Z', '2026-03-08T13:00:00Z'],
    ['the hour before the change is still EST', nineToNine, 'America/New_York', '2026-03-07T03:00:00Z', '2026-03-07T14:00:00Z'],
    ['fall back, Kyiv: 09:00 is UTC+2 again', nineToNine, 'Europe/Kyiv', '2026-10-24T20:00:00Z', '2026-10-25T07:00:00Z'],
    ['a window opening inside the spring gap opens when the gap ends', [{ from: '03:30', to: '05:00' }], 'Europe/Kyiv', '2026-03-28T23:00:00Z', '2026-03-29T01:00:00Z'],
    ['a window wholly inside the gap is skipped that day', [{ from: '03:10', to: '03:50' }], 'Europe/Kyiv', '2026-03-28T23:00:00Z', '2026-03-30T00:10:00Z'],
    ['in the repeated hour the first 03:30 opens it', [{ from: '03:30', to: '05:00' }], 'Europe/Kyiv', '2026-10-24T23:00:00Z', '2026-10-25T00:30:00Z'],
    ['the repeated hour, second pass, is inside too', [{ from: '03:30', to: '05:00' }], 'Europe/Kyiv', '2026-10-25T01:45:00Z', '2026-10-25T01:45:00Z'],
    ['half-hour zone', nineToNine, 'Asia/Kolkata', '2026-03-13T02:00:00Z', '2026-03-13T03:30:00Z'],
    ['across a year end', [{ from: '09:00', to: '10:00', days: [1] }], 'UTC', '2026-12-31T12:00:00Z', '2027-01-04T09:00:00Z'],
  ])('%s', (_name, windows, zone, now, expected) => {
    expect(nextDispatchTime(windows, zone, new Date(now)).toISOString()).toBe(new Date(expected).toISOString());
  });

  it('returns the very same Date when inside, so callers can compare by identity', () => {
    const now = new Date('2026-03-13T10:00:00Z');
    expect(nextDispatchTime(nineToNine, 'UTC', now)).toBe(now);
  });
});
