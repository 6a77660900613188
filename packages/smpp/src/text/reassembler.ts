/**
 * Collects the parts of concatenated messages until each is whole. Pure: no timers, the caller
 * passes the time in, and `expire` hands back what timed out so the caller decides what to do
 * (deliver what arrived, or drop it). Duplicates and any arrival order are fine.
 * A message of one part completes at once: with no reference, a copy of it cannot be told from
 * a resend here (deduplicate those by message id, upstream).
 */
import type { CharsetOptions } from './coding.ts';
import { decodeParts } from './decode-parts.ts';
import type { IncomingPart } from './read-incoming-part.ts';
import type { TextResult } from './text-result.ts';

export interface ReassemblerOptions extends CharsetOptions {
  /** How long after its first part a message may stay incomplete. */
  readonly timeoutMs: number;
  /** Incomplete messages held at once; past it new messages are refused. Default 100 000. */
  readonly maxPending?: number;
}

export interface ReassembledMessage {
  readonly source: string;
  readonly destination: string;
  readonly reference: number;
  readonly total: number;
  readonly dataCoding: number;
  /** In sequence order; join the bodies for binary content. */
  readonly parts: readonly IncomingPart[];
  readonly text: TextResult<string>;
}

export type AddResult =
  | { readonly status: 'complete'; readonly message: ReassembledMessage }
  | { readonly status: 'pending'; readonly received: number; readonly total: number }
  | { readonly status: 'duplicate' }
  | { readonly status: 'refused'; readonly reason: 'too-many-pending' | 'invalid-part' };

export interface ExpiredMessage {
  readonly source: string;
  readonly destination: string;
  readonly reference: number;
  readonly total: number;
  readonly firstSeenMs: number;
  /** What did arrive, in sequence order. */
  readonly parts: readonly IncomingPart[];
  readonly missing: readonly number[];
}

interface Group {
  readonly firstSeenMs: number;
  readonly slots: (IncomingPart | undefined)[];
  received: number;
}

/** Completed groups are remembered for a timeout so a late duplicate is not taken for a new message. */
interface Completed {
  readonly completedMs: number;
  readonly bodies: readonly Uint8Array[];
}

function keyOf(part: IncomingPart): string {
  return `${part.source}\u0000${part.destination}\u0000${part.reference}\u0000${part.total}`;
}

function sameOctets(a: Uint8Array | undefined, b: Uint8Array): boolean {
  return a !== undefined && Buffer.compare(a, b) === 0;
}

export class Reassembler {
  private readonly pending = new Map<string, Group>();
  private readonly completed = new Map<string, Completed>();
  private readonly options: ReassemblerOptions;
  private readonly maxPending: number;

  constructor(options: ReassemblerOptions) {
    this.options = options;
    this.maxPending = options.maxPending ?? 100_000;
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  add(part: IncomingPart, nowMs: number): AddResult {
    const { total, sequence } = part;
    if (!Number.isInteger(total) || !Number.isInteger(sequence) || total < 1 || sequence < 1 || sequence > total) {
      return { status: 'refused', reason: 'invalid-part' };
    }
    // Keep our own copy: the body may be a view into a buffer the caller reuses.
    const own: IncomingPart = { ...part, body: Buffer.from(part.body) };
    if (total === 1) return this.complete([own]);
    const key = keyOf(part);
    let group = this.pending.get(key);
    if (group === undefined) {
      if (sameOctets(this.completed.get(key)?.bodies[sequence - 1], part.body)) return { status: 'duplicate' };
      if (this.pending.size >= this.maxPending) return { status: 'refused', reason: 'too-many-pending' };
      group = { firstSeenMs: nowMs, slots: new Array<IncomingPart | undefined>(total).fill(undefined), received: 0 };
      this.pending.set(key, group);
    }
    if (group.slots[sequence - 1] !== undefined) return { status: 'duplicate' };
    group.slots[sequence - 1] = own;
    group.received += 1;
    if (group.received < total) return { status: 'pending', received: group.received, total };
    this.pending.delete(key);
    const parts = group.slots.filter((slot): slot is IncomingPart => slot !== undefined);
    this.completed.set(key, { completedMs: nowMs, bodies: parts.map((p) => p.body) });
    return this.complete(parts);
  }

  /** Removes and returns messages still incomplete `timeoutMs` after their first part. */
  expire(nowMs: number): ExpiredMessage[] {
    const expired: ExpiredMessage[] = [];
    for (const [key, group] of this.pending) {
      if (nowMs - group.firstSeenMs < this.options.timeoutMs) continue;
      this.pending.delete(key);
      expired.push(this.describe(group));
    }
    for (const [key, done] of this.completed) {
      if (nowMs - done.completedMs >= this.options.timeoutMs) this.completed.delete(key);
    }
    return expired;
  }

  private complete(parts: readonly IncomingPart[]): AddResult {
    const first = parts[0] as IncomingPart;
    const { source, destination, reference, total, dataCoding } = first;
    const text = decodeParts(parts, this.options);
    return { status: 'complete', message: { source, destination, reference, total, dataCoding, parts, text } };
  }

  private describe(group: Group): ExpiredMessage {
    const parts = group.slots.filter((slot): slot is IncomingPart => slot !== undefined);
    const first = parts[0] as IncomingPart; // a group exists only once a part arrived
    const missing = group.slots.flatMap((slot, index) => (slot === undefined ? [index + 1] : []));
    const { source, destination, reference, total } = first;
    return { source, destination, reference, total, firstSeenMs: group.firstSeenMs, parts, missing };
  }
}
