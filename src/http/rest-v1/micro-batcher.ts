export interface MicroBatcherOptions {
  /** How long the first item of a batch waits for company. */
  readonly maxDelayMs: number;
  readonly maxBatch: number;
  /** Batches running at once. */
  readonly maxInFlight: number;
}

interface Pending<I, O> {
  readonly item: I;
  readonly resolve: (o: O) => void;
  readonly reject: (err: unknown) => void;
}

/**
 * Runs what arrives within a few milliseconds as one call of `run` (one transaction instead of
 * one per request), the same way intake's group commit does. `run` answers one output per item,
 * in order; when it throws, every item of the batch fails with its error.
 */
export class MicroBatcher<I, O> {
  private pending: Pending<I, O>[] = [];
  private timer: NodeJS.Timeout | undefined;
  private inFlight = 0;

  constructor(
    private readonly run: (items: readonly I[]) => Promise<readonly O[]>,
    private readonly options: MicroBatcherOptions = { maxDelayMs: 1, maxBatch: 500, maxInFlight: 2 },
  ) {}

  submit(item: I): Promise<O> {
    return new Promise((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (this.pending.length >= this.options.maxBatch) this.flush();
      else this.timer ??= setTimeout(() => {
        this.timer = undefined;
        this.flush();
      }, this.options.maxDelayMs);
    });
  }

  private flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    while (this.pending.length > 0 && this.inFlight < this.options.maxInFlight) {
      const batch = this.pending.splice(0, this.options.maxBatch);
      this.inFlight++;
      void this.execute(batch);
    }
  }

  private async execute(batch: Pending<I, O>[]): Promise<void> {
    try {
      const out = await this.run(batch.map((p) => p.item));
      batch.forEach((p, i) => p.resolve(out[i] as O));
    } catch (err) {
      for (const p of batch) p.reject(err);
    } finally {
      this.inFlight--;
      if (this.pending.length > 0) this.flush();
    }
  }
}
