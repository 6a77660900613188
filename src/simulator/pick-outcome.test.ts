import { describe, expect, it } from 'vitest';
import { outcomeTable, pickOutcome, type OutcomeMix } from './pick-outcome.ts';

describe('pickOutcome', () => {
  const table = outcomeTable({ DELIVRD: 0.9, UNDELIV: 0.05, EXPIRED: 0.03, REJECTD: 0.02 });
  const cases: ReadonlyArray<[number, number, string, number]> = [
    [0, 0, 'DELIVRD', 0],
    [0.8999, 0.5, 'DELIVRD', 0],
    [0.9, 0, 'UNDELIV', 1],
    [0.9, 0.99, 'UNDELIV', 32],
    [0.9499, 0.5, 'UNDELIV', 32],
    [0.951, 0, 'EXPIRED', 27],
    [0.981, 0, 'REJECTD', 13],
    [0.999999, 0.999999, 'REJECTD', 13],
  ];
  it.each(cases)('r1=%s r2=%s → %s err %s', (r1, r2, stat, err) => {
    expect(pickOutcome(table, r1, r2)).toEqual({ stat, err });
  });

  it('normalises weights and uses the error codes given', () => {
    const t = outcomeTable({ DELIVRD: 3, UNKNOWN: 1 }, { UNKNOWN: [99] });
    expect(pickOutcome(t, 0.74, 0)).toEqual({ stat: 'DELIVRD', err: 0 });
    expect(pickOutcome(t, 0.75, 0)).toEqual({ stat: 'UNKNOWN', err: 99 });
  });

  const bad: ReadonlyArray<[string, OutcomeMix, object?]> = [
    ['all zero', { DELIVRD: 0 }],
    ['empty', {}],
    ['negative', { DELIVRD: 1, UNDELIV: -0.1 }],
    ['not a number', { DELIVRD: Number.NaN }],
    ['no error codes', { DELIVRD: 1 }, { UNDELIV: [] }],
    ['an error code too big', { DELIVRD: 1 }, { UNDELIV: [70_000] }],
  ];
  it.each(bad)('refuses a mix that is %s', (_name, mix, errors) => {
    expect(() => outcomeTable(mix, errors)).toThrow(RangeError);
  });
});
