/**
 * Failed sign-ins per key (login and address) within a window; after `maxFailures` the key must
 * wait until the oldest failure leaves the window. Pure state with the time passed in.
 */
export class SignInThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures = 5,
    private readonly windowMs = 60_000,
  ) {}

  /** Milliseconds to wait before another try, or 0 when allowed. */
  retryAfterMs(key: string, nowMs: number): number {
    if (!this.failures.has(key)) return 0; // every good request asks: no array for it
    const recent = this.recent(key, nowMs);
    if (recent.length < this.maxFailures) return 0;
    return recent[0]! + this.windowMs - nowMs;
  }

  recordFailure(key: string, nowMs: number): void {
    const recent = this.recent(key, nowMs);
    recent.push(nowMs);
    this.failures.set(key, recent);
    if (this.failures.size > 10_000) this.prune(nowMs);
  }

  recordSuccess(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string, nowMs: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => t > nowMs - this.windowMs);
  }

  private prune(nowMs: number): void {
    for (const [key] of this.failures) if (this.recent(key, nowMs).length === 0) this.failures.delete(key);
  }
}
