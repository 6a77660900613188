/**
 * A token bucket: `ratePerSecond` tokens a second, holding at most `burst`. `take` spends one and
 * answers 0, or answers how many milliseconds until one is there. Time is passed in.
 */
export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    readonly ratePerSecond: number,
    readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.at = now;
  }

  take(now: number): number {
    this.tokens = Math.min(this.burst, this.tokens + (Math.max(0, now - this.at) / 1000) * this.ratePerSecond);
    this.at = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - this.tokens) / this.ratePerSecond) * 1000);
  }

  /** Full again: nothing taken for as long as it takes to fill it. */
  idleSince(now: number): boolean {
    return this.tokens + ((now - this.at) / 1000) * this.ratePerSecond >= this.burst;
  }
}
