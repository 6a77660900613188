import { describe, expect, it } from 'vitest';
import { TokenBucket } from './token-bucket.ts';

describe('TokenBucket', () => {
  it('lets a burst through, then one per 1/rate seconds, and says how long to wait', () => {
    const b = new TokenBucket(2, 0, 2);
    expect(b.take(0)).toBe(0);
    expect(b.take(0)).toBe(0);
    expect(b.take(0)).toBe(500);
    expect(b.take(250)).toBe(250);
    expect(b.take(500)).toBe(0);
    expect(b.idleSince(500)).toBe(false);
    expect(b.idleSince(1500)).toBe(true);
  });

  it('holds one second of the rate by default, and never more', () => {
    const b = new TokenBucket(10, 0);
    expect(Array.from({ length: 15 }, () => b.take(0)).filter((w) => w === 0)).toHaveLength(10);
    expect(b.take(50)).toBeGreaterThan(0); // half a token
    expect(b.take(100)).toBe(0); // 100 ms = one token
    expect(Array.from({ length: 20 }, (_, i) => b.take(1100 + i)).filter((w) => w === 0)).toHaveLength(10);
  });

  it('follows a rate that changes (a node whose share of the limit shrinks)', () => {
    let rate = 10;
    const b = new TokenBucket(() => rate, 0);
    expect(Array.from({ length: 15 }, () => b.take(0)).filter((w) => w === 0)).toHaveLength(10);
    rate = 2;
    // Refills at the new rate, and holds at most one second of it.
    expect(Array.from({ length: 10 }, (_, i) => b.take(5_000 + i)).filter((w) => w === 0)).toHaveLength(2);
  });

  it('gives its burst at once, then `rate` tokens a second', () => {
    const b = new TokenBucket(10, 0, 3);
    expect([b.take(0), b.take(0), b.take(0), b.take(0)]).toEqual([0, 0, 0, 100]);
    expect(b.waitMs(0)).toBe(100);
    expect(b.take(100)).toBe(0);
    expect(b.take(100)).toBe(100);
  });

  it('never holds more than its burst, however long it waits', () => {
    const b = new TokenBucket(100, 0, 5);
    expect(b.available(60_000)).toBe(5);
  });

  it('sends no faster than its rate over a second', () => {
    const b = new TokenBucket(50, 0, 5);
    let sent = 0;
    for (let t = 0; t < 1_000; t++) if (b.take(t) === 0) sent++;
    expect(sent).toBeGreaterThanOrEqual(50);
    expect(sent).toBeLessThanOrEqual(55);
  });

  it('takes a new rate without losing what it earned', () => {
    const b = new TokenBucket(10, 0, 10);
    for (let i = 0; i < 10; i++) b.take(0);
    b.setRate(1, 1, 500);
    expect(b.available(500)).toBe(1);
    expect(b.take(500)).toBe(0);
    expect(b.waitMs(500)).toBe(1_000);
  });
});
