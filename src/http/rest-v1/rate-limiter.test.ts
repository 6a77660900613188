import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import type { ApiPrincipal } from './client-auth.ts';
import { RateLimiter, type SharedUse } from './rate-limiter.ts';

const principal = (over: Partial<ApiPrincipal> = {}): ApiPrincipal => ({ clientId: 7, login: 'acme', keyId: 3, ratePerSecond: 100, ...over });

/** Requests let through at one instant before the first 429. */
function burst(limiter: RateLimiter, p: ApiPrincipal, now: number): number {
  for (let n = 0; n < 10_000; n++) {
    try {
      limiter.check(p, now);
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).headers?.['retry-after']).toBe('1');
      return n;
    }
  }
  return Infinity;
}

/** Other nodes as rate-usage.store.ts reports them: a fixed share, and every request noted. */
function sharedWith(share: number): SharedUse & { noted: number } {
  return { noted: 0, note() { this.noted++; }, share: () => share };
}

describe('the REST rate limit per key', () => {
  it("lets a second's worth through, then answers 429 with Retry-After", () => {
    expect(burst(new RateLimiter(50), principal(), 0)).toBe(100);
    expect(burst(new RateLimiter(50), principal({ ratePerSecond: null }), 0)).toBe(50);
  });

  it("holds the node to its share of the key's limit when other nodes see the key too, and notes every request", () => {
    const shared = sharedWith(0.25);
    const limiter = new RateLimiter(50, shared);
    expect(burst(limiter, principal(), 0)).toBe(25);
    expect(shared.noted).toBe(26);
    // Half a second later, half a second's worth of the share is back.
    expect(burst(limiter, principal(), 500)).toBe(12);
  });

  it('never goes below one request a second, however small the share', () => {
    expect(burst(new RateLimiter(50, sharedWith(0)), principal(), 0)).toBe(1);
  });
});
