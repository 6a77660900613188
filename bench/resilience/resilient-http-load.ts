import { Agent } from 'node:http';
import { get, type DlrReceiver } from '../../src/bench/http-load.ts';
import { benchText } from '../../src/bench/load-result.ts';
import { BENCH_DESTINATION } from '../../src/bench/petrel-setup.ts';
import { sleep } from './resilient-load.ts';

export interface ResilientHttpLoadOptions {
  readonly host: string;
  readonly port: number;
  readonly login: string;
  readonly apiPassword: string;
  /** Requests in flight at once. */
  readonly concurrency: number;
  /** At most this many requests a second in all. */
  readonly ratePerSecond: number;
  /** Sequence numbers start here: apart from the SMPP load's, whose texts the carrier log shares. */
  readonly firstSeq: number;
  /** Every n-th text is long enough for two parts (0: none). */
  readonly multipartEvery: number;
  readonly receiver: DlrReceiver;
}

/** A text the carrier can tell apart by any of its parts: the unique bench text, repeated. */
export const longBenchText = (seq: number): string => `${benchText(seq)} `.repeat(8).trimEnd();

/**
 * A `/sendsms` client load that outlives its server: one text per request, each with its own
 * dlr-url (final reports only), some of two parts. A request refused a connection (the server is
 * restarting) is sent again; one whose answer never came counts as unanswered, since it may or may
 * not be stored. Remembers the acknowledged texts (id by seq) and which got their final report.
 */
export class ResilientHttpLoad {
  /** seq → the text's id (its first part's), for every 202. */
  readonly acked = new Map<number, string>();
  /** Sequence numbers whose final report reached the dlr-url. */
  readonly reported = new Set<number>();
  unanswered = 0;
  refused = 0;
  /** HTTP status → how many requests were refused with it. */
  readonly refusedWith = new Map<number, number>();
  private nextSeq: number;
  private running = true;
  private submitting = true;
  private readonly agent: Agent;
  private readonly lanes: Promise<void>[];
  private readonly spacingMs: number;
  private nextSlot = 0;

  constructor(private readonly o: ResilientHttpLoadOptions) {
    this.nextSeq = o.firstSeq;
    this.spacingMs = 1000 / o.ratePerSecond;
    this.agent = new Agent({ keepAlive: true, maxSockets: o.concurrency });
    o.receiver.onFinal((seq) => this.reported.add(seq));
    this.lanes = Array.from({ length: o.concurrency }, () => this.lane());
  }

  get sent(): number {
    return this.nextSeq - this.o.firstSeq;
  }

  isMultipart(seq: number): boolean {
    return this.o.multipartEvery > 0 && seq % this.o.multipartEvery === 0;
  }

  pause(): void {
    this.submitting = false;
  }

  /** Acknowledged texts whose final report has not reached the dlr-url. */
  missingReports(): number[] {
    return [...this.acked.keys()].filter((seq) => !this.reported.has(seq));
  }

  async stop(): Promise<void> {
    this.running = false;
    this.submitting = false;
    await Promise.all(this.lanes);
    this.agent.destroy();
  }

  private async lane(): Promise<void> {
    while (this.running) {
      if (!this.submitting) {
        await sleep(100);
        continue;
      }
      const now = performance.now();
      const slot = Math.max(now, this.nextSlot);
      this.nextSlot = slot + this.spacingMs;
      if (slot > now) await sleep(slot - now);
      const seq = this.nextSeq++;
      await this.send(seq);
    }
  }

  private async send(seq: number): Promise<void> {
    const text = this.isMultipart(seq) ? longBenchText(seq) : benchText(seq);
    const query = new URLSearchParams({ username: this.o.login, password: this.o.apiPassword, from: 'Petrel', to: BENCH_DESTINATION, text, 'dlr-mask': '3', 'dlr-url': this.o.receiver.urlFor(seq) });
    for (;;) {
      const answer = await get(this.agent, this.o.host, this.o.port, `/sendsms?${query.toString()}`);
      if (answer.status === 0 && answer.error === 'ECONNREFUSED' && this.running) {
        await sleep(200); // the server is restarting: this request never reached it
        continue;
      }
      const id = /^0: Accepted for delivery (\d+)$/m.exec(answer.body)?.[1];
      if (answer.status === 202 && id !== undefined) this.acked.set(seq, id);
      else if (answer.status === 0) this.unanswered++;
      else {
        this.refused++;
        this.refusedWith.set(answer.status, (this.refusedWith.get(answer.status) ?? 0) + 1);
      }
      return;
    }
  }
}
