import { describe, expect, it } from 'vitest';
import { TokenBucket } from './token-bucket.ts';

describe('TokenBucket', () => {
  it('lets a second of burst through, then refills at the rate', () => {
    const b = new TokenBucket(10, 0);
    const burst = Array.from({ length: 15 }, () => b.take(0)).filter(Boolean).length;
    expect(burst).toBe(10);
    expect(b.take(50)).toBe(false); // half a token
    expect(b.take(100)).toBe(true); // 100 ms = one token
    expect(Array.from({ length: 20 }, (_, i) => b.take(1100 + i)).filter(Boolean).length).toBe(10); // never more than one second's worth
  });

  it('follows a rate that changes (a node whose share of the limit shrinks)', () => {
    let rate = 10;
    const b = new TokenBucket(() => rate, 0);
    expect(Array.from({ length: 15 }, () => b.take(0)).filter(Boolean).length).toBe(10);
    rate = 2;
    // Refills at the new rate, and holds at most one second of it.
    expect(Array.from({ length: 10 }, (_, i) => b.take(5_000 + i)).filter(Boolean).length).toBe(2);
  });
});
