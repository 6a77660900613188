import { describe, expect, it } from 'vitest';
import { fromMicros, type StatsKey, StatsTally, toMicros } from './stats-delta.ts';

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

describe('StatsTally', () => {
  it('sums the moves of one group, drops groups that cancel out, and sorts by key', () => {
    const tally = new StatsTally();
    tally.move(key({ state: 'queued' }), key({ state: 'sent' }), 1, '0.001');
    tally.move(key({ state: 'sent' }), key({ state: 'delivered' }), 1, '0.001');
    tally.move(key({ clientId: 3, state: 'queued' }), key({ clientId: 3, state: 'sent' }), 2, '0.010');
    const rows = tally.rows();
    expect(rows.map((r) => [r.clientId, r.state, r.messages, r.segments, r.amount])).toEqual([
      [1, 'delivered', 1, 1, '0.001000'],
      [1, 'queued', -1, -1, '-0.001000'],
      [3, 'queued', -1, -2, '-0.010000'],
      [3, 'sent', 1, 2, '0.010000'],
    ]);
  });

  it('keeps apart keys that differ in any one field, one after another (the group of the last add is reused only for the same key)', () => {
    const tally = new StatsTally();
    const fields: Partial<StatsKey>[] = [{}, { day: '2026-03-02' }, { clientId: 9 }, { vendorId: 7 }, { country: 'PL' }, { network: '260-01' }, { state: 'sent' }, { isTest: true }];
    for (const over of fields) tally.add(key(over), 1, 1, '0.001');
    tally.add({ ...key() }, 1, 1, '0.001'); // an equal key, another object: the first group again
    const rows = tally.rows();
    expect(rows).toHaveLength(fields.length);
    expect(rows.map((r) => r.messages).sort()).toEqual([1, 1, 1, 1, 1, 1, 1, 2]);
    expect(rows.find((r) => r.messages === 2)).toMatchObject(key());
  });

  it('sums moves that alternate between two groups and a third, as a batch of transitions makes them', () => {
    const tally = new StatsTally();
    for (let i = 0; i < 3; i++) tally.move(key({ state: 'queued' }), key({ state: 'sent' }), 1, '0.001');
    tally.move(key({ state: 'queued' }), key({ state: 'rejected' }), 1, '0.001');
    tally.move(key({ state: 'queued' }), key({ state: 'sent' }), 1, '0.001');
    expect(tally.rows().map((r) => [r.state, r.messages, r.amount])).toEqual([
      ['queued', -5, '-0.005000'],
      ['rejected', 1, '0.001000'],
      ['sent', 4, '0.004000'],
    ]);
  });

  it('orders groups by number where the key is a number (client 10 after client 3)', () => {
    const tally = new StatsTally();
    tally.move(undefined, key({ clientId: 10 }), 1, '0.5');
    tally.move(undefined, key({ clientId: 3 }), 1, '0.5');
    tally.move(undefined, key({ clientId: 3, isTest: true }), 1, '0');
    expect(tally.rows().map((r) => [r.clientId, r.isTest])).toEqual([
      [3, false],
      [3, true],
      [10, false],
    ]);
  });

  it('adds several messages at once and takes messages out of a group', () => {
    const tally = new StatsTally();
    tally.add(key(), 3, 2, '0.010');
    tally.add(key(), -1, 2, '0.010');
    tally.move(key(), undefined, 1, '0.5');
    expect(tally.rows().map((r) => [r.messages, r.segments, r.amount])).toEqual([[1, 3, '-0.480000']]);
  });

  it('keeps a group whose amounts cancel out but whose counts do not, and the reverse', () => {
    const tally = new StatsTally();
    tally.add(key({ state: 'queued' }), 1, 1, '0');
    tally.add(key({ state: 'sent' }), 1, 1, '0.2');
    tally.add(key({ state: 'sent' }), -1, 1, '0.1');
    expect(tally.rows().map((r) => [r.state, r.messages, r.segments, r.amount])).toEqual([
      ['queued', 1, 1, '0.000000'],
      ['sent', 0, 0, '0.100000'],
    ]);
  });
});
