import type { Clock } from '../../platform/clock.ts';
import { isDatabaseUnavailable } from '../../platform/database-unavailable.ts';
import { commitBatch, type CommitDeps, type CommittedBatch } from './commit-batch.ts';
import type { Handoff } from './handoff.ts';
import type { Intake, IntakeRefusal, IntakeRequest, IntakeResult } from './intake-request.ts';
import { RefusalLog } from './refusal-log.ts';

export interface BatcherOptions {
  /** How long the first request of a batch waits for company. */
  readonly maxDelayMs: number;
  /** A batch this big commits at once. */
  readonly maxBatch: number;
  /** Batches committing at the same time (each on its own connection). */
  readonly maxInFlight: number;
}

export const DEFAULT_BATCHER_OPTIONS: BatcherOptions = { maxDelayMs: 1, maxBatch: 500, maxInFlight: 2 };

interface Pending {
  readonly request: IntakeRequest;
  readonly resolve: (result: IntakeResult) => void;
}

export interface BatchListener {
  (batch: CommittedBatch, size: number): void;
}

/**
 * Group commit (DESIGN.md, "The path of one message"): requests arriving within `maxDelayMs`
 * (or until `maxBatch` of them) are decided and committed in one transaction; each promise
 * resolves only after COMMIT, so an acknowledged message is durable. A failed batch fails all of
 * its requests with `internal` (ESME_RSYSERR): nothing of it was stored or charged.
 */
export class IntakeBatcher implements Intake {
  private pending: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;
  private inFlight = 0;
  private closed = false;
  private readonly idle: (() => void)[] = [];
  private readonly listeners: BatchListener[] = [];
  private handoff: Handoff | undefined;
  /** Batches committed and requests seen, for metrics and the tests that prove batching. */
  readonly counters = { batches: 0, requests: 0, failedBatches: 0 };
  /** Messages accepted (stored and charged) per channel since start, for /metrics. */
  readonly acceptedByChannel: Partial<Record<IntakeRequest['channel'], number>> = {};
  /** The latest refusals, for the operator's Blocked SMS view. */
  readonly refusals = new RefusalLog();

  constructor(
    private readonly deps: CommitDeps,
    private readonly clock: Clock,
    private readonly options: BatcherOptions = DEFAULT_BATCHER_OPTIONS,
    private readonly log: (message: string, err?: unknown) => void = () => undefined,
  ) {}

  submit(request: IntakeRequest): Promise<IntakeResult> {
    if (this.closed) return Promise.resolve({ ok: false, code: 'unavailable', message: 'the platform is shutting down; retry' });
    return new Promise((resolve) => {
      this.pending.push({ request, resolve });
      if (this.pending.length >= this.options.maxBatch) this.flush();
      else this.timer ??= setTimeout(this.onTimer, this.options.maxDelayMs);
    });
  }

  /** Called with every committed batch (the client deliverer and metrics listen). */
  onCommitted(listener: BatchListener): void {
    this.listeners.push(listener);
  }

  /** New messages go straight to this node's dispatcher while it takes them (intake/handoff.ts). */
  handOffTo(handoff: Handoff): void {
    this.handoff = handoff;
  }

  /** Stops taking requests and waits for the ones already taken. */
  async close(): Promise<void> {
    this.closed = true;
    this.flush();
    if (this.inFlight === 0 && this.pending.length === 0) return;
    await new Promise<void>((resolve) => this.idle.push(resolve));
  }

  private refused(r: IntakeRequest, result: IntakeRefusal, at: Date): void {
    this.refusals.record({ at, clientId: r.clientId, channel: r.channel, source: r.source, destination: r.destination, code: result.code, message: result.message });
  }

  private readonly onTimer = (): void => {
    this.timer = undefined;
    this.flush();
  };

  private flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    while (this.pending.length > 0 && this.inFlight < this.options.maxInFlight) {
      const size = this.nextBatchSize();
      if (size === 0) break; // a text longer than a batch, its last parts still to come
      this.inFlight++;
      void this.run(this.pending.splice(0, size));
    }
  }

  /**
   * How many of the pending requests the next batch takes: up to maxBatch, but never a part of a
   * text without the others (IntakeRequest.textRecord: a text commits whole). A text's parts
   * arrive together, one after the other, so a text the limit would cut waits for the next batch;
   * one longer than a batch goes alone, once its last part is in.
   */
  private nextBatchSize(): number {
    const { pending } = this;
    let size = Math.min(pending.length, this.options.maxBatch);
    const last = pending[size - 1]?.request;
    const record = last?.textRecord;
    if (last === undefined || record === undefined) return size;
    const complete = size < pending.length ? pending[size]?.request.textRecord !== record : (last.textPart ?? 1) >= record.parts;
    if (complete) return size;
    while (size > 0 && pending[size - 1]?.request.textRecord === record) size--;
    if (size > 0) return size;
    while (size < pending.length && pending[size]?.request.textRecord === record) size++;
    const tail = pending[size - 1]?.request;
    return (tail?.textPart ?? 1) >= record.parts ? size : 0;
  }

  private async run(batch: Pending[]): Promise<void> {
    try {
      const committed = await commitBatch(this.deps, batch.map((p) => p.request), this.clock.now(), this.handoff);
      this.counters.batches++;
      this.counters.requests += batch.length;
      const at = this.clock.now();
      batch.forEach((p, i) => {
        const result = committed.results[i] as IntakeResult;
        if (result.ok) this.acceptedByChannel[p.request.channel] = (this.acceptedByChannel[p.request.channel] ?? 0) + 1;
        else this.refused(p.request, result, at);
        p.resolve(result);
      });
      for (const l of this.listeners) l(committed, batch.length);
    } catch (err) {
      this.counters.failedBatches++;
      this.log(`intake batch of ${batch.length} failed; nothing of it was stored`, err);
      const at = this.clock.now();
      const result: IntakeResult = isDatabaseUnavailable(err)
        ? { ok: false, code: 'unavailable', message: 'the platform cannot reach its database right now; nothing was stored; retry shortly' }
        : { ok: false, code: 'internal', message: 'the message could not be stored; retry' };
      for (const p of batch) {
        this.refused(p.request, result, at);
        p.resolve(result);
      }
    } finally {
      this.inFlight--;
      // What arrived while this batch committed goes now: it has waited at least that long.
      if (this.pending.length > 0) this.flush();
      else if (this.inFlight === 0) for (const resolve of this.idle.splice(0)) resolve();
    }
  }
}
