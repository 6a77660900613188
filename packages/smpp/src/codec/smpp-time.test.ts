import { describe, expect, it } from 'vitest';
import { absoluteSmppTime, parseSmppTime } from './smpp-time.ts';

const NOW = new Date('2026-03-02T10:00:00Z');

describe('parseSmppTime', () => {
  const cases: [value: string, expected: string | 'none' | 'invalid'][] = [
    ['', 'none'],
    ['260302180000000+', '2026-03-02T18:00:00.000Z'],
    ['260302180000008+', '2026-03-02T16:00:00.000Z'], // 18:00 at UTC+2 (8 quarter hours)
    ['260302180000004-', '2026-03-02T19:00:00.000Z'], // 18:00 at UTC−1
    ['260302180000500+', '2026-03-02T18:00:00.500Z'],
    ['000000013000000R', '2026-03-02T11:30:00.000Z'], // in 1 h 30 min
    ['000001000000000R', '2026-03-03T10:00:00.000Z'], // in a day
    ['261302180000000+', 'invalid'], // month 13
    ['260230180000000+', 'invalid'], // 30 February
    ['2603021800', 'invalid'],
    ['260302180000000X', 'invalid'],
  ];
  it.each(cases)('%s → %s', (value, expected) => {
    const r = parseSmppTime(value, NOW);
    if (expected === 'none' || expected === 'invalid') expect(r.kind).toBe(expected);
    else expect(r).toEqual({ kind: 'at', at: new Date(expected) });
  });
});

describe('absoluteSmppTime', () => {
  it('rounds a validity up to the next tenth of a second, never earlier than asked', () => {
    expect(absoluteSmppTime(new Date(Date.UTC(2026, 0, 1, 23, 59, 59, 950)))).toBe('260102000000000+');
  });

  it('reads back as the same instant', () => {
    const at = new Date(Date.UTC(2026, 10, 27, 11, 59, 18, 300));
    expect(parseSmppTime(absoluteSmppTime(at), at)).toEqual({ kind: 'at', at });
  });
});
