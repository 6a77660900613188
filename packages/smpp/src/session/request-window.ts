import type { RespondedCommand } from '../codec/command-ids.ts';
import type { Pdu } from '../codec/pdu.ts';

/** sequence_number runs 1..0x7FFFFFFF and wraps (SMPP 3.4 §5.1.4). */
export const MAX_SEQUENCE = 0x7fffffff;

/** A request sent and awaiting its response. */
export interface Outstanding {
  readonly command: RespondedCommand;
  readonly deadline: number;
  readonly resolve: (response: Pdu) => void;
  readonly reject: (error: Error) => void;
}

/** A request waiting for room in the window; `send` puts it on the wire. */
export interface Waiting {
  readonly send: () => void;
  readonly reject: (error: Error) => void;
}

/**
 * The send window: requests in flight by sequence number, and the ones waiting for room, in the
 * order they were asked for. Time comes in as arguments; the session owns the clock and the timer.
 */
export class RequestWindow {
  private readonly inFlight = new Map<number, Outstanding>();
  private waiting: Waiting[] = [];
  private waitingHead = 0;
  private lastSequence = 0;

  constructor(readonly size: number) {}

  get outstanding(): number {
    return this.inFlight.size;
  }

  get queued(): number {
    return this.waiting.length - this.waitingHead;
  }

  /** True when a new request may go out now without overtaking queued ones. */
  hasRoom(): boolean {
    return this.inFlight.size < this.size && this.queued === 0;
  }

  /** The next sequence number, skipping any still in flight after a wrap. */
  nextSequence(): number {
    do {
      this.lastSequence = this.lastSequence >= MAX_SEQUENCE ? 1 : this.lastSequence + 1;
    } while (this.inFlight.has(this.lastSequence));
    return this.lastSequence;
  }

  /** Continue the numbering from `sequence` (used by tests to exercise the wrap). */
  resumeAfter(sequence: number): void {
    this.lastSequence = sequence;
  }

  add(sequenceNumber: number, outstanding: Outstanding): void {
    this.inFlight.set(sequenceNumber, outstanding);
  }

  take(sequenceNumber: number): Outstanding | undefined {
    const found = this.inFlight.get(sequenceNumber);
    if (found !== undefined) this.inFlight.delete(sequenceNumber);
    return found;
  }

  enqueue(item: Waiting): void {
    this.waiting.push(item);
  }

  /** The next waiting request if the window has room for it. */
  dequeue(): Waiting | undefined {
    if (this.inFlight.size >= this.size || this.queued === 0) return undefined;
    const item = this.waiting[this.waitingHead] as Waiting;
    this.waitingHead++;
    if (this.waitingHead === this.waiting.length) {
      this.waiting = [];
      this.waitingHead = 0;
    } else if (this.waitingHead > 1024 && this.waitingHead * 2 > this.waiting.length) {
      this.waiting = this.waiting.slice(this.waitingHead);
      this.waitingHead = 0;
    }
    return item;
  }

  /** Removes and returns the requests whose deadline has passed. */
  expire(now: number): Outstanding[] {
    const expired: Outstanding[] = [];
    for (const [sequence, outstanding] of this.inFlight) {
      if (outstanding.deadline <= now) {
        this.inFlight.delete(sequence);
        expired.push(outstanding);
      }
    }
    return expired;
  }

  /** The earliest deadline in flight, or Infinity. */
  earliestDeadline(): number {
    let earliest = Infinity;
    // Deadlines are mostly in insertion order, so the first entries decide; scan all to be exact.
    for (const outstanding of this.inFlight.values()) if (outstanding.deadline < earliest) earliest = outstanding.deadline;
    return earliest;
  }

  /** Empties the window, rejecting everything in flight and waiting. */
  rejectAll(error: Error): void {
    const inFlight = [...this.inFlight.values()];
    const waiting = this.waiting.slice(this.waitingHead);
    this.inFlight.clear();
    this.waiting = [];
    this.waitingHead = 0;
    for (const o of inFlight) o.reject(error);
    for (const w of waiting) w.reject(error);
  }
}
