import { percentiles } from './latency.ts';
import { round } from './proc-stats.ts';

/** What one bounded load measured, the same for SMPP and HTTP, Petrel and Kannel. */
export interface LoadResult {
  readonly count: number;
  readonly concurrency: number;
  /** Requests answered with an id (submit_sm_resp ESME_ROK, HTTP 2xx). */
  readonly accepted: number;
  /** Answered with a refusal, by status. */
  readonly refused: Readonly<Record<string, number>>;
  /** No answer: timeouts, closed connections. */
  readonly errors: number;
  /** Final receipts that came back for accepted messages (deliver_sm / DLR callbacks). */
  readonly receipts: number;
  /** accepted / (last answer − first request). */
  readonly intakeMsgPerSec: number;
  /** receipts / (last receipt − first request): the whole path, client to carrier and back. */
  readonly e2eMsgPerSec: number;
  readonly p50SubmitRespMs: number;
  readonly p99SubmitRespMs: number;
  readonly maxSubmitRespMs: number;
  readonly intakeSeconds: number;
  readonly e2eSeconds: number;
}

/** Times and counts as a load collects them; `result()` turns them into a LoadResult. */
export class LoadClock {
  readonly latencies: number[] = [];
  readonly refused: Record<string, number> = {};
  accepted = 0;
  errors = 0;
  receipts = 0;
  firstRequestAt = 0;
  lastAnswerAt = 0;
  lastReceiptAt = 0;

  constructor(
    readonly count: number,
    readonly concurrency: number,
  ) {}

  requested(at: number): void {
    if (this.firstRequestAt === 0) this.firstRequestAt = at;
  }

  answered(sentAt: number, at: number, outcome: 'accepted' | 'error' | string): void {
    this.lastAnswerAt = Math.max(this.lastAnswerAt, at);
    this.latencies.push(at - sentAt);
    if (outcome === 'accepted') this.accepted++;
    else if (outcome === 'error') this.errors++;
    else this.refused[outcome] = (this.refused[outcome] ?? 0) + 1;
  }

  receipt(at: number): void {
    this.receipts++;
    this.lastReceiptAt = Math.max(this.lastReceiptAt, at);
  }

  result(): LoadResult {
    const [p50 = 0, p99 = 0, max = 0] = percentiles(this.latencies, [50, 99, 100]);
    const intakeSeconds = (this.lastAnswerAt - this.firstRequestAt) / 1000;
    const e2eSeconds = (this.lastReceiptAt - this.firstRequestAt) / 1000;
    return {
      count: this.count,
      concurrency: this.concurrency,
      accepted: this.accepted,
      refused: { ...this.refused },
      errors: this.errors,
      receipts: this.receipts,
      intakeMsgPerSec: intakeSeconds > 0 ? Math.round(this.accepted / intakeSeconds) : 0,
      e2eMsgPerSec: e2eSeconds > 0 && this.receipts > 0 ? Math.round(this.receipts / e2eSeconds) : 0,
      p50SubmitRespMs: round(p50, 2),
      p99SubmitRespMs: round(p99, 2),
      maxSubmitRespMs: round(max, 2),
      intakeSeconds: round(intakeSeconds, 2),
      e2eSeconds: round(e2eSeconds, 2),
    };
  }
}

/**
 * Resolves once `done()` holds, or no progress (per `progress()`) for `idleMs`, or at `deadline`
 * (performance.now() time): a load always ends, with whatever arrived.
 */
export async function settle(done: () => boolean, progress: () => number, idleMs: number, deadline: number): Promise<void> {
  let last = progress();
  let lastChange = performance.now();
  while (!done() && performance.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    const now = progress();
    if (now !== last) {
      last = now;
      lastChange = performance.now();
    } else if (performance.now() - lastChange > idleMs) return;
  }
}

/** The text of bench message `seq`: the same on every path, unique so duplicates at the vendor show. */
export const benchText = (seq: number): string => `Your Petrel code is ${String(seq).padStart(6, '0')}.`;
