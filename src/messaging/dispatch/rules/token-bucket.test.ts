import { describe, expect, it } from 'vitest';
import { TokenBucket } from './token-bucket.ts';

describe('TokenBucket', () => {
  it('gives its burst at once, then `rate` tokens a second', () => {
    const b = new TokenBucket(10, 3, 0);
    expect([b.tryTake(0), b.tryTake(0), b.tryTake(0), b.tryTake(0)]).toEqual([true, true, true, false]);
    expect(b.waitMs(0)).toBe(100);
    expect(b.tryTake(100)).toBe(true);
    expect(b.tryTake(100)).toBe(false);
  });

  it('never holds more than its burst, however long it waits', () => {
    const b = new TokenBucket(100, 5, 0);
    expect(b.available(60_000)).toBe(5);
  });

  it('sends no faster than its rate over a second', () => {
    const b = new TokenBucket(50, 5, 0);
    let sent = 0;
    for (let t = 0; t < 1_000; t++) if (b.tryTake(t)) sent++;
    expect(sent).toBeGreaterThanOrEqual(50);
    expect(sent).toBeLessThanOrEqual(55);
  });

  it('takes a new rate without losing what it earned', () => {
    const b = new TokenBucket(10, 10, 0);
    for (let i = 0; i < 10; i++) b.tryTake(0);
    b.setRate(1, 1, 500);
    expect(b.available(500)).toBe(1);
    expect(b.tryTake(500)).toBe(true);
    expect(b.waitMs(500)).toBe(1_000);
  });
});
