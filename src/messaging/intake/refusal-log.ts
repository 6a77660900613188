import type { ErrorCode } from '../../platform/errors.ts';
import type { IntakeRequest } from './intake-request.ts';

export interface Refusal {
  readonly at: Date;
  readonly clientId: number;
  readonly channel: IntakeRequest['channel'];
  readonly source: string;
  readonly destination: string;
  readonly code: ErrorCode;
  readonly message: string;
}

/**
 * The operator's "Blocked SMS" view: the latest refusals of this node, in memory and bounded
 * (message-states.md: a refusal is not a message, so it is not stored with them).
 */
export class RefusalLog {
  private readonly ring: Refusal[] = [];
  private next = 0;
  private readonly byCode = new Map<ErrorCode, number>();

  constructor(private readonly capacity = 1_000) {}

  record(refusal: Refusal): void {
    if (this.ring.length < this.capacity) this.ring.push(refusal);
    else this.ring[this.next] = refusal;
    this.next = (this.next + 1) % this.capacity;
    this.byCode.set(refusal.code, (this.byCode.get(refusal.code) ?? 0) + 1);
  }

  /** Newest first, optionally only some clients'. */
  list(opts: { readonly clientIds?: ReadonlySet<number>; readonly limit?: number } = {}): Refusal[] {
    const out: Refusal[] = [];
    const limit = opts.limit ?? 100;
    for (let i = 1; i <= this.ring.length && out.length < limit; i++) {
      const r = this.ring[(this.next - i + this.ring.length) % this.ring.length] as Refusal;
      if (!opts.clientIds || opts.clientIds.has(r.clientId)) out.push(r);
    }
    return out;
  }

  /** Refusals per code since start. */
  totals(): Record<string, number> {
    return Object.fromEntries(this.byCode);
  }
}
