/**
 * A token bucket: `rate` tokens a second, holding at most `burst` (one second's worth unless
 * given). `take` spends one and answers 0, or answers how many milliseconds until one is there.
 * Time is passed in, so it is a pure rule. The rate may be a function, read at every use: a node's
 * share of a limit that several nodes enforce together.
 *
 * Used for a client's SMPP throughput limit, the REST API's requests per second per key, and a
 * vendor's TPS (dispatch's SendRate).
 */
export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    private rate: number | (() => number),
    now: number,
    private burst?: number,
  ) {
    this.tokens = this.capacity(this.ratePerSecond);
    this.at = now;
  }

  get ratePerSecond(): number {
    return typeof this.rate === 'function' ? this.rate() : this.rate;
  }

  /** Takes one token: 0 when there was one, else the milliseconds until there is. */
  take(now: number): number {
    const wait = this.waitMs(now);
    if (wait === 0) this.tokens -= 1;
    return wait;
  }

  /** Milliseconds until a token is there (0 when one is), taking none. */
  waitMs(now: number): number {
    const rate = this.refill(now);
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / rate) * 1000);
  }

  /** Whole tokens there now. */
  available(now: number): number {
    this.refill(now);
    return Math.floor(this.tokens);
  }

  /** Changes the rate (a vendor's TPS edited or lowered) without losing the tokens already earned. */
  setRate(rate: number, burst: number | undefined, now: number): void {
    this.refill(now);
    this.rate = rate;
    this.burst = burst;
    this.tokens = Math.min(this.tokens, this.capacity(rate));
  }

  /** Full again: nothing taken for as long as it takes to fill it. */
  idleSince(now: number): boolean {
    const rate = this.ratePerSecond;
    return this.tokens + (Math.max(0, now - this.at) / 1000) * rate >= this.capacity(rate);
  }

  private refill(now: number): number {
    const rate = this.ratePerSecond;
    this.tokens = Math.min(this.capacity(rate), this.tokens + (Math.max(0, now - this.at) / 1000) * rate);
    this.at = Math.max(this.at, now);
    return rate;
  }

  private capacity(rate: number): number {
    return this.burst ?? rate;
  }
}
