import { AppError } from '../../platform/errors.ts';
import type { ApiPrincipal } from './client-auth.ts';
import { TokenBucket } from '../../platform/token-bucket.ts';

/** What the limiter needs to share a key's limit with other nodes (rate-usage.store.ts). */
export interface SharedUse {
  note(key: string, now: number): void;
  share(key: string): number;
}

/** One node alone: the whole limit is its. */
const ALONE: SharedUse = { note: () => undefined, share: () => 1 };

/**
 * Requests per second per API key (or per client for Basic auth): a token bucket holding one
 * second's worth of this node's share of the limit (all of it unless other nodes see the key too).
 * Over it, 429 `too_many_requests` with Retry-After.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { bucket: TokenBucket; rate: number }>();

  constructor(
    private readonly defaultPerSecond: number,
    private readonly shared: SharedUse = ALONE,
  ) {}

  check(p: ApiPrincipal, now: number): void {
    const key = p.keyId === null ? `c${p.clientId}` : `k${p.keyId}`;
    const rate = p.ratePerSecond ?? this.defaultPerSecond;
    this.shared.note(key, now);
    let entry = this.buckets.get(key);
    if (entry === undefined || entry.rate !== rate) {
      if (this.buckets.size >= 10_000) this.prune(now);
      entry = { bucket: new TokenBucket(() => Math.max(1, rate * this.shared.share(key)), now), rate };
      this.buckets.set(key, entry);
    }
    const wait = entry.bucket.take(now);
    if (wait > 0) {
      const seconds = String(Math.max(1, Math.ceil(wait / 1000)));
      throw new AppError('too_many_requests', `more than ${rate} requests per second for this ${p.keyId === null ? 'client' : 'API key'}; retry in ${seconds} s`, undefined, { 'retry-after': seconds });
    }
  }

  private prune(now: number): void {
    for (const [key, b] of this.buckets) if (b.bucket.idleSince(now)) this.buckets.delete(key);
  }
}
