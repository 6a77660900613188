import { describe, expect, it } from 'vitest';
import { SendRate } from './send-rate.ts';

describe('SendRate', () => {
  it('pauses once per throttle episode and halves the rate', () => {
    const r = new SendRate(100, 0);
    expect(r.throttled(1_000)).toBe(250);
    expect(r.throttled(1_010)).toBe(240); // an answer to a submit already in flight: same pause
    expect(r.rate).toBe(50);
    expect(r.tryTake(1_100)).toBe(false);
    expect(r.waitMs(1_100)).toBe(150);
  });

  it('pauses longer while the vendor keeps throttling, and starts over after a success', () => {
    const r = new SendRate(100, 0);
    expect([r.throttled(0), r.throttled(300), r.throttled(900)]).toEqual([250, 500, 1_000]);
    r.accepted(2_000);
    expect(r.throttled(3_000)).toBe(250);
  });

  it('climbs back to the TPS a tenth a second', () => {
    const r = new SendRate(100, 0);
    r.throttled(0);
    expect(r.rate).toBe(50);
    r.accepted(1_500);
    expect(r.rate).toBe(60);
    r.accepted(1_700);
    expect(r.rate).toBe(60);
    for (let t = 3_000; t < 10_000; t += 1_000) r.accepted(t);
    expect(r.rate).toBe(100);
  });

  it('takes a new TPS', () => {
    const r = new SendRate(100, 0);
    r.setTps(10, 0);
    expect(r.rate).toBe(10);
  });
});
