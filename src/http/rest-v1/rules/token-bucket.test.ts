import { describe, expect, it } from 'vitest';
import { TokenBucket } from './token-bucket.ts';

describe('token bucket', () => {
  it('lets a burst through, then one per 1/rate seconds, and says how long to wait', () => {
    const b = new TokenBucket(2, 2, 0);
    expect(b.take(0)).toBe(0);
    expect(b.take(0)).toBe(0);
    expect(b.take(0)).toBe(500);
    expect(b.take(250)).toBe(250);
    expect(b.take(500)).toBe(0);
    expect(b.idleSince(500)).toBe(false);
    expect(b.idleSince(1500)).toBe(true);
  });
});
