/**
 * A token bucket for a client's throughput limit (messages per second over all its binds): it
 * holds up to one second's worth, refills continuously, and time is passed in. The rate may be a
 * function, read at every take: a node's share of a limit that several nodes enforce together.
 */
export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    private readonly rate: number | (() => number),
    now: number,
  ) {
    this.tokens = this.perSecond();
    this.at = now;
  }

  /** Takes one token if there is one. */
  take(now: number): boolean {
    const perSecond = this.perSecond();
    this.tokens = Math.min(perSecond, this.tokens + ((now - this.at) / 1000) * perSecond);
    this.at = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  private perSecond(): number {
    return typeof this.rate === 'function' ? this.rate() : this.rate;
  }
}
