import { describe, expect, it } from 'vitest';
import { aggregateDeltas, fromMicros, moveDeltas, type StatsKey, toMicros } from './stats-delta.ts';

const key = (over: Partial<StatsKey> = {}): StatsKey => ({ day: '2026-03-01', clientId: 1, vendorId: 2, country: 'UA', network: '255-01', state: 'queued', isTest: false, ...over });

describe('exact amounts', () => {
  it.each([
    ['0.001', 1_000n, '0.001000'],
    ['-0.020000', -20_000n, '-0.020000'],
    ['12', 12_000_000n, '12.000000'],
    ['.5', 500_000n, '0.500000'],
  ])('%s ↔ %s micro-units', (text, micros, back) => {
    expect(toMicros(text)).toBe(micros);
    expect(fromMicros(micros)).toBe(back);
  });
});

describe('aggregateDeltas', () => {
  it('sums the moves of one group, drops groups that cancel out, and sorts by key', () => {
    const rows = aggregateDeltas([
      ...moveDeltas(key({ state: 'queued' }), key({ state: 'sent' }), 1, '0.001'),
      ...moveDeltas(key({ state: 'sent' }), key({ state: 'delivered' }), 1, '0.001'),
      ...moveDeltas(key({ clientId: 3, state: 'queued' }), key({ clientId: 3, state: 'sent' }), 2, '0.010'),
    ]);
    expect(rows.map((r) => [r.clientId, r.state, r.messages, r.segments, r.amount])).toEqual([
      [1, 'delivered', 1, 1, '0.001000'],
      [1, 'queued', -1, -1, '-0.001000'],
      [3, 'queued', -1, -2, '-0.010000'],
      [3, 'sent', 1, 2, '0.010000'],
    ]);
  });

  it('orders groups by number where the key is a number (client 10 after client 3)', () => {
    const rows = aggregateDeltas([...moveDeltas(undefined, key({ clientId: 10 }), 1, '0.5'), ...moveDeltas(undefined, key({ clientId: 3 }), 1, '0.5'), ...moveDeltas(undefined, key({ clientId: 3, isTest: true }), 1, '0')]);
    expect(rows.map((r) => [r.clientId, r.isTest])).toEqual([
      [3, false],
      [3, true],
      [10, false],
    ]);
  });
});
