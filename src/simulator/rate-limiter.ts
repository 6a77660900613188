/**
 * A token bucket: `ratePerSecond` tokens a second, holding at most one second's worth (at least one), so a
 * burst of up to `ratePerSecond` passes and the long-run rate never exceeds it. Time is passed in.
 */
export class RateLimiter {
  private tokens: number;
  private lastMs: number;
  private readonly burst: number;

  constructor(
    private readonly ratePerSecond: number,
    nowMs: number,
  ) {
    if (!(ratePerSecond > 0)) throw new RangeError('the rate must be above 0');
    this.burst = Math.max(1, ratePerSecond);
    this.tokens = this.burst;
    this.lastMs = nowMs;
  }

  /** Takes a token if one is there. */
  tryTake(nowMs: number): boolean {
    const elapsed = Math.max(0, nowMs - this.lastMs);
    this.lastMs = Math.max(this.lastMs, nowMs);
    this.tokens = Math.min(this.burst, this.tokens + (elapsed * this.ratePerSecond) / 1000);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
