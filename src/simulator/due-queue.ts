import { MinHeap } from './min-heap.ts';

/**
 * Work due at a time, for any number of items, driven by one timer armed for the earliest one
 * (never a timer per item, so 100k pending receipts cost a heap and not 100k timers). Items due
 * within `resolutionMs` of each other are handed over in one batch.
 */
export class DueQueue<T> {
  private readonly heap = new MinHeap<T>();
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Infinity;
  private stopped = false;

  constructor(
    private readonly onDue: (items: T[]) => void,
    private readonly now: () => number = Date.now,
    private readonly resolutionMs = 5,
  ) {}

  get size(): number {
    return this.heap.size;
  }

  add(dueAt: number, item: T): void {
    if (this.stopped) return;
    this.heap.push(dueAt, item);
    this.arm();
  }

  /** Drops everything and the timer; nothing more is accepted. */
  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.heap.clear();
  }

  private arm(): void {
    const due = this.heap.peekKey();
    if (due === Infinity || this.stopped || (this.timer !== undefined && this.timerAt <= due)) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timerAt = due;
    this.timer = setTimeout(this.fire, Math.max(0, due - this.now()));
    // The simulator's listener keeps the process alive, not its pending receipts.
    this.timer.unref();
  }

  private readonly fire = (): void => {
    this.timer = undefined;
    this.timerAt = Infinity;
    const horizon = this.now() + this.resolutionMs;
    const batch: T[] = [];
    while (this.heap.peekKey() <= horizon) batch.push(this.heap.pop() as T);
    this.arm();
    if (batch.length > 0) this.onDue(batch);
  };
}
