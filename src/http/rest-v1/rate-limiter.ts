import { AppError } from '../../platform/errors.ts';
import type { ApiPrincipal } from './client-auth.ts';
import { TokenBucket } from '../../platform/token-bucket.ts';

/**
 * Requests per second per API key (or per client for Basic auth), on this node: a token bucket
 * holding one second's worth. Over it, 429 `too_many_requests` with Retry-After.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(private readonly defaultPerSecond: number) {}

  check(p: ApiPrincipal, now: number): void {
    const key = p.keyId === null ? `c${p.clientId}` : `k${p.keyId}`;
    const rate = p.ratePerSecond ?? this.defaultPerSecond;
    let bucket = this.buckets.get(key);
    if (bucket === undefined || bucket.ratePerSecond !== rate) {
      if (this.buckets.size >= 10_000) this.prune(now);
      bucket = new TokenBucket(rate, now);
      this.buckets.set(key, bucket);
    }
    const wait = bucket.take(now);
    if (wait > 0) {
      const seconds = String(Math.max(1, Math.ceil(wait / 1000)));
      throw new AppError('too_many_requests', `more than ${rate} requests per second for this ${p.keyId === null ? 'client' : 'API key'}; retry in ${seconds} s`, undefined, { 'retry-after': seconds });
    }
  }

  private prune(now: number): void {
    for (const [key, b] of this.buckets) if (b.idleSince(now)) this.buckets.delete(key);
  }
}
