import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limiter.ts';

const takes = (limiter: RateLimiter, at: number, n: number): number => {
  let ok = 0;
  for (let i = 0; i < n; i++) if (limiter.tryTake(at)) ok++;
  return ok;
};

describe('RateLimiter', () => {
  it('lets a burst of one second through, then the rate', () => {
    const limiter = new RateLimiter(100, 0);
    expect(takes(limiter, 0, 500)).toBe(100);
    expect(takes(limiter, 100, 500)).toBe(10);
    expect(takes(limiter, 1100, 500)).toBe(100);
    expect(takes(limiter, 60_000, 500)).toBe(100); // an idle minute does not bank more than a second
  });

  it('lets a rate below one a second through now and then', () => {
    const limiter = new RateLimiter(0.5, 0);
    expect(takes(limiter, 0, 5)).toBe(1);
    expect(takes(limiter, 1000, 5)).toBe(0);
    expect(takes(limiter, 2000, 5)).toBe(1);
  });

  it('does not run backwards when the clock does', () => {
    const limiter = new RateLimiter(10, 1000);
    expect(takes(limiter, 1000, 20)).toBe(10);
    expect(takes(limiter, 500, 20)).toBe(0);
  });
});
