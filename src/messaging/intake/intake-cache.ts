import type { Decimal } from 'decimal.js';
import type { SenderStatus } from '../../policy/rules/check-sender.ts';
import { type LookupQuery, type Lookups, type ReadClient, type StoreEffects, senderKey } from './intake.store.ts';
import type { DayCount } from './rules/decide-batch.ts';
import type { IntakeClient } from './rules/intake-client.ts';

/** How long a client's entry serves at most (a safety net: the store's guard is what keeps it right). */
export const INTAKE_CACHE_TTL_MS = 10_000;

/** One client as intake last read it: settings with the balance and day's counts its own batches left. */
interface ClientEntry {
  readonly version: number;
  client: IntakeClient;
  today: DayCount;
  readonly dayEndsAt: number;
  readonly readAt: number;
  /** By destination id: the unit price in force (undefined: none), until the next one set for later takes effect. */
  readonly prices: Map<number, { readonly price: Decimal | undefined; readonly until: number }>;
  /** By senderKey: the name's status, null when the client has not asked for it. */
  readonly senders: Map<string, SenderStatus | null>;
}

/** What a batch decides with, from memory. */
export interface Remembered {
  readonly clients: ReadonlyMap<number, ReadClient>;
  /** The unit price in force, or undefined with `missed` set when memory does not know it. */
  price(clientId: number, destinationId: number): Decimal | undefined;
  senderStatus(clientId: number, name: string): SenderStatus | undefined;
  /** Whether a price was asked that memory does not know (the decision then does not stand). */
  readonly missed: () => boolean;
}

/**
 * What intake read of its clients (settings, balance, the day's counts, prices and sender
 * statuses), so that a batch of clients it knows decides without reading: one round trip, the
 * store, instead of two. Memory may be behind the database; the store's guard makes that safe:
 * it undoes the statement when a client's settings_version moved (settings, prices or senders
 * changed, by any node: migration 0043), a balance no longer covers the charge, a day's count
 * passed its limit or a destination is on the blacklist, and the batch is decided again from a
 * read. A decision from memory that refuses anything is decided again from a read too, since
 * memory may be behind in the client's favour (a top-up, an unblock, a price added).
 */
export class IntakeCache {
  private readonly entries = new Map<number, ClientEntry>();
  private lastSweep = 0;

  constructor(private readonly ttlMs = INTAKE_CACHE_TTL_MS) {}

  /** The batch's clients from memory at `now`, or undefined when one of them is not there or no longer current. */
  recall(clientIds: readonly number[], now: Date): Remembered | undefined {
    const at = now.getTime();
    const entries = new Map<number, ClientEntry>();
    for (const id of clientIds) {
      const e = this.entries.get(id);
      if (e === undefined || !this.current(e, at)) return undefined;
      entries.set(id, e);
    }
    let missed = false;
    return {
      clients: entries,
      price: (clientId, destinationId) => {
        const p = entries.get(clientId)?.prices.get(destinationId);
        if (p === undefined || p.until <= at) {
          missed = true;
          return undefined;
        }
        return p.price;
      },
      senderStatus: (clientId, name) => entries.get(clientId)?.senders.get(senderKey(clientId, name)) ?? undefined,
      missed: () => missed,
    };
  }

  /**
   * Keeps what a batch read: its clients, and for the query's keys the prices and sender
   * statuses found (a key the query asked and the database did not have is remembered as none).
   * A client read at another settings version starts afresh.
   */
  remember(read: ReadonlyMap<number, ReadClient>, q: LookupQuery, found: Lookups, now: Date): void {
    const at = now.getTime();
    this.sweep(at);
    for (const [id, r] of read) {
      const old = this.entries.get(id);
      const keep = old !== undefined && old.version === r.version && this.current(old, at);
      this.entries.set(id, {
        version: r.version,
        client: r.client,
        today: r.today,
        dayEndsAt: r.dayEndsAt,
        readAt: at,
        prices: keep ? old.prices : new Map(),
        senders: keep ? old.senders : new Map(),
      });
    }
    for (const clientId of q.clientIds) {
      const e = this.entries.get(clientId);
      if (e === undefined || !read.has(clientId)) continue;
      for (const destinationId of q.destinationIds) {
        const key = `${clientId}:${destinationId}`;
        e.prices.set(destinationId, { price: found.prices.get(key), until: found.nextPrices.get(key) ?? Number.POSITIVE_INFINITY });
      }
    }
    for (const { clientId, name } of q.senders) {
      const e = this.entries.get(clientId);
      if (e === undefined || !read.has(clientId)) continue;
      const key = senderKey(clientId, name);
      e.senders.set(key, found.senders.get(key) ?? null);
    }
  }

  /** A committed batch's balances and day totals: memory follows intake's own writes. */
  stored(effects: StoreEffects): void {
    for (const [id, balance] of effects.balances) {
      const e = this.entries.get(id);
      if (e) e.client = { ...e.client, funds: { ...e.client.funds, balance } };
    }
    for (const d of effects.days) {
      const e = this.entries.get(d.clientId);
      if (e && e.today.day === d.day) e.today = { day: d.day, messages: d.messages, tests: d.tests };
    }
  }

  private current(e: ClientEntry, at: number): boolean {
    return at >= e.readAt && at < e.readAt + this.ttlMs && at < e.dayEndsAt;
  }

  private sweep(at: number): void {
    if (at - this.lastSweep < this.ttlMs) return;
    this.lastSweep = at;
    for (const [id, e] of this.entries) if (!this.current(e, at)) this.entries.delete(id);
  }
}
