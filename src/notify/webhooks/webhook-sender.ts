import type { Clock } from '../../platform/clock.ts';
import { LeaseRenewer } from '../../platform/lease-renewer.ts';
import { Pause } from '../../platform/pause.ts';
import type { AttemptOutcome, ClaimedDelivery, DeliveriesStore } from './deliveries.store.ts';
import type { CallResult, HttpCaller } from './http-call.ts';
import { retryDelayMs } from './rules/backoff.ts';
import type { DeliveryHandoff } from './report-relay.ts';
import { SIGNATURE_HEADER, signatureHeader } from './rules/sign-payload.ts';

export interface SenderOptions {
  /** How often an idle sender looks for due deliveries (wake() cuts it short). */
  readonly pollMs: number;
  /** Deliveries claimed per round. */
  readonly batch: number;
  /**
   * Deliveries handed over by the relay that it keeps waiting at most (default: a round's worth).
   * More than a round's worth lets a relay lot (up to the relay's batch) go in claimed while the
   * sender works through the previous one; each costs memory and a renewed lease while it waits.
   */
  readonly hold?: number;
  /** Calls in flight at once. */
  readonly concurrency: number;
  /** A claim holds this long; another node takes the row after it. */
  readonly leaseMs: number;
  /** Waits after each failed try; one more try than entries. */
  readonly backoffMs: readonly number[];
}

export interface SenderLog {
  (message: string, err?: unknown): void;
}

/**
 * Sends the outbox: the deliveries this node's relay hands over (committed already claimed by
 * this node) and, at every poll, the due ones it claims (retries, and what other nodes left);
 * calls each endpoint (signed when the client has a secret), and records every try; a 2xx answer
 * delivers, anything else waits for the next try by the back-off schedule until the last one
 * marks the delivery failed.
 */
export class WebhookSender implements DeliveryHandoff {
  private stopped = false;
  private loopDone: Promise<void> = Promise.resolve();
  private readonly pause = new Pause();
  /** Handed by the relay, claimed by this node, not sent yet. */
  private handed: ClaimedDelivery[] = [];
  private lastClaimAt = 0;
  /** Deliveries this sender holds (handed or claimed) and has not settled: their leases are renewed. */
  private readonly held = new Set<number>();
  private readonly renewer: LeaseRenewer;
  readonly counters = { attempts: 0, delivered: 0, failed: 0 };

  constructor(
    private readonly store: DeliveriesStore,
    private readonly caller: HttpCaller,
    private readonly clock: Clock,
    private readonly options: SenderOptions,
    private readonly log: SenderLog,
    private readonly userAgent: string,
  ) {
    // A round with slow endpoints (calls of up to the timeout, a batch over `concurrency` calls)
    // can take longer than a lease: renewing it keeps another node from sending the same again.
    this.renewer = new LeaseRenewer(
      options.leaseMs,
      clock,
      (until) => this.store.renew([...this.held], until),
      (err) => this.log('renewing webhook delivery leases failed; trying again', err),
    );
  }

  start(): void {
    this.renewer.start();
    this.loopDone = this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.loopDone;
    this.renewer.stop();
    await this.giveBack(this.handed.splice(0));
  }

  /** How many more handed deliveries it takes: `hold` waiting at most, none once stopped. */
  room(): number {
    return this.stopped ? 0 : Math.max(0, (this.options.hold ?? this.options.batch) - this.handed.length);
  }

  /** A handed delivery's lease, renewed like a claimed one's while this sender holds it. */
  leaseUntil(now: Date): Date {
    return new Date(now.getTime() + this.options.leaseMs);
  }

  /** Deliveries the relay committed claimed by this node: sent from here (a stopped sender gives them back). */
  take(deliveries: readonly ClaimedDelivery[]): void {
    if (deliveries.length === 0) return;
    if (this.stopped) {
      void this.giveBack(deliveries);
      return;
    }
    for (const d of deliveries) this.held.add(d.id);
    this.handed.push(...deliveries);
    this.wake();
  }

  private async giveBack(deliveries: readonly ClaimedDelivery[]): Promise<void> {
    for (const d of deliveries) this.held.delete(d.id);
    await this.store.release(deliveries.map((d) => d.id)).catch((err: unknown) => this.log('giving handed webhook deliveries back failed; their lease frees them', err));
  }

  /** New deliveries were committed: look now instead of at the next poll. */
  wake(): void {
    this.pause.wake();
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      let claimed: number;
      try {
        claimed = await this.round();
      } catch (err) {
        this.log('webhook round failed; trying again', err);
        await this.idle(1_000);
        continue;
      }
      if (claimed < this.options.batch) await this.idle(this.options.pollMs);
    }
  }

  /** One round: the handed deliveries, and a claim of due ones at every poll; returns how many it sent. */
  async round(): Promise<number> {
    this.pause.begin();
    const claimed = this.handed.splice(0, this.options.batch);
    if (claimed.length < this.options.batch && (claimed.length === 0 || Date.now() - this.lastClaimAt >= this.options.pollMs)) {
      this.lastClaimAt = Date.now();
      try {
        const due = await this.store.claimDue(this.clock.now(), this.options.batch - claimed.length, this.options.leaseMs);
        for (const d of due) this.held.add(d.id);
        claimed.push(...due);
      } catch (err) {
        this.handed.unshift(...claimed);
        throw err;
      }
    }
    if (claimed.length === 0) return 0;
    // The deliveries of one text (4, 8, final) go one after another, in the order they were queued.
    const byText = new Map<string, ClaimedDelivery[]>();
    for (const d of claimed) {
      const key = d.messageId === null ? `d${d.id}` : `m${d.messageId}`;
      byText.set(key, [...(byText.get(key) ?? []), d]);
    }
    const groups = [...byText.values()];
    const outcomes: AttemptOutcome[] = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < groups.length) {
        for (const d of groups[next++] as ClaimedDelivery[]) outcomes.push(this.outcome(d, await this.caller.call(this.request(d))));
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.options.concurrency, groups.length) }, worker));
    try {
      await this.store.settle(outcomes);
    } finally {
      // Settled, or (when that failed) left to its lease running out, as an unsettled claim always was.
      for (const d of claimed) this.held.delete(d.id);
    }
    return claimed.length;
  }

  private request(d: ClaimedDelivery) {
    const body = d.body ?? '';
    const headers: Record<string, string> = {
      'user-agent': this.userAgent,
      'x-petrel-event': d.event,
      'x-petrel-delivery': String(d.id),
      ...(d.body !== null ? { 'content-type': 'application/json' } : {}),
      ...(d.secret ? { [SIGNATURE_HEADER.toLowerCase()]: signatureHeader(d.secret, Math.floor(this.clock.now().getTime() / 1000), body) } : {}),
    };
    return { method: d.method, url: d.url, headers, body: d.body };
  }

  private outcome(d: ClaimedDelivery, r: CallResult): AttemptOutcome {
    const at = this.clock.now();
    const attempt = d.attempts + 1;
    this.counters.attempts++;
    const ok = r.status !== null && r.status >= 200 && r.status < 300;
    const error = ok ? null : (r.error ?? `answered HTTP ${r.status}`);
    if (ok) {
      this.counters.delivered++;
      return { id: d.id, attempt, at, statusCode: r.status, error, durationMs: r.durationMs, status: 'delivered', nextAttemptAt: null };
    }
    const wait = retryDelayMs(attempt, this.options.backoffMs);
    if (wait === undefined) {
      this.counters.failed++;
      return { id: d.id, attempt, at, statusCode: r.status, error, durationMs: r.durationMs, status: 'failed', nextAttemptAt: null };
    }
    return { id: d.id, attempt, at, statusCode: r.status, error, durationMs: r.durationMs, status: 'pending', nextAttemptAt: new Date(at.getTime() + wait) };
  }

  private idle(ms: number): Promise<void> {
    return this.stopped ? Promise.resolve() : this.pause.for(ms);
  }
}
