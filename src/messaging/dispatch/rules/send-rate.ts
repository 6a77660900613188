import { throttlePauseMs } from './submit-outcome.ts';
import { TokenBucket } from '../../../platform/token-bucket.ts';

/**
 * How fast one vendor may be sent to: its TPS as a token bucket over all its binds, lowered while
 * it answers ESME_RTHROTTLED. A throttle starts one pause per episode (the answers to submits
 * already in flight do not make it longer), growing while the vendor keeps throttling, and halves
 * the rate; each second without throttling gives back a tenth of the TPS. Time is passed in.
 */
export class SendRate {
  private readonly bucket: TokenBucket;
  private tps: number;
  private current: number;
  private changedAt = 0;
  private streak = 0;
  pausedUntil = 0;

  constructor(tps: number, now: number) {
    this.tps = tps;
    this.current = tps;
    this.bucket = new TokenBucket(tps, now, burstOf(tps));
  }

  /** The rate allowed now (≤ TPS). */
  get rate(): number {
    return this.current;
  }

  setTps(tps: number, now: number): void {
    if (tps === this.tps) return;
    this.tps = tps;
    this.set(tps, now);
  }

  paused(now: number): boolean {
    return now < this.pausedUntil;
  }

  /** Milliseconds until a submit may go (0: now). */
  waitMs(now: number): number {
    return Math.max(this.pausedUntil - now, this.bucket.waitMs(now), 0);
  }

  tryTake(now: number): boolean {
    return !this.paused(now) && this.bucket.take(now) === 0;
  }

  /** An ESME_RTHROTTLED: the pause (ms) the message should wait. */
  throttled(now: number): number {
    if (now < this.pausedUntil) return this.pausedUntil - now;
    this.streak++;
    const pause = throttlePauseMs(this.streak);
    this.pausedUntil = now + pause;
    this.set(Math.max(1, Math.floor(this.current / 2)), now);
    return pause;
  }

  /** A submit the vendor took. */
  accepted(now: number): void {
    if (now < this.pausedUntil) return;
    this.streak = 0;
    if (this.current >= this.tps || now - this.changedAt < 1_000) return;
    this.set(Math.min(this.tps, this.current + Math.max(1, Math.floor(this.tps / 10))), now);
  }

  private set(rate: number, now: number): void {
    this.current = rate;
    this.changedAt = now;
    this.bucket.setRate(rate, burstOf(rate), now);
  }
}

/** A tenth of a second's worth at once: smooth enough for a vendor, cheap enough for us. */
function burstOf(rate: number): number {
  return Math.max(1, Math.ceil(rate / 10));
}
