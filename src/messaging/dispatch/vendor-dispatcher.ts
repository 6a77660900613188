import { COMMAND_STATUS, SmppCommandError, commandStatusName } from '@petrel/smpp';
import type { Kysely } from 'kysely';
import type { Database } from '../../database.ts';
import type { Clock } from '../../platform/clock.ts';
import { inTransaction } from '../transitions.retry.ts';
import type { Refunder } from '../transitions.store.ts';
import { LeaseRenewer } from '../../platform/lease-renewer.ts';
import type { HandedMessage } from '../intake/handoff.ts';
import { byQueueOrder, type ClaimedMessage, claimMessages, renewClaims } from './dispatch.store.ts';
import type { Log } from './log.ts';
import type { RoutingViewCache } from './routing-view.ts';
import { submitFields } from './rules/submit-fields.ts';
import { SendRate } from './rules/send-rate.ts';
import { normalizeVendorMessageId } from './rules/vendor-message-id.ts';
import { type SubmitResult, storeSubmitResults } from './store-submit-results.ts';
import { type BindSlot, type InboundHandler, VendorBinds } from './vendor-binds.ts';
import { countSentSince, type VendorConfig } from './vendor.store.ts';

export interface DispatchTuning {
  /**
   * How long a claim holds a message; another node takes it over after that. The node renews it
   * every third of it while it holds the message, so it runs out only when the node is gone: a
   * restarted or surviving node resends a dead node's messages within about this time. Kept at a
   * minute: a 15 s lease let a renewal delayed behind row locks on a loaded machine arrive late,
   * and the dispatcher took its own held messages again (duplicates seen in the CI crash test).
   */
  readonly leaseMs: number;
  /** Most messages claimed at once. */
  readonly maxBatch: number;
  /** How often an idle vendor looks for due messages (wake() cuts it short). */
  readonly idlePollMs: number;
  /** Results are stored together within this time (or once there are flushSize of them). */
  readonly flushMs: number;
  readonly flushSize: number;
  /** Transient failures before a message ends `failed`. */
  readonly maxAttempts: number;
  /** The first retry waits this long, each next one twice as long (up to 5 minutes). */
  readonly retryBaseMs: number;
}

export const DEFAULT_TUNING: DispatchTuning = { leaseMs: 60_000, maxBatch: 500, idlePollMs: 250, flushMs: 20, flushSize: 500, maxAttempts: 5, retryBaseMs: 2_000 };

export interface VendorDispatcherDeps {
  readonly db: Kysely<Database>;
  /** The name its claims carry, so this node started again takes them back at once. */
  readonly nodeId: string;
  readonly clock: Clock;
  readonly log: Log;
  readonly billing: Refunder;
  readonly routing: RoutingViewCache;
  readonly tuning: DispatchTuning;
  readonly onInbound: InboundHandler;
  readonly onReports: (clientIds: readonly number[]) => void;
  readonly random?: () => number;
}

/** Why a vendor is not sending right now, for the admin API. */
export type Hold = 'blocked' | 'no_bind' | 'throttled' | 'daily_limit' | undefined;

/**
 * Sends one vendor's queue: claims due messages in batches, submits each within the vendor's TPS
 * (token bucket over all its binds) and window (per bind), and stores the outcomes in batches.
 */
export class VendorDispatcher {
  readonly binds: VendorBinds;
  private vendor: VendorConfig;
  private readonly rate: SendRate;
  private stopped = false;
  private loopDone: Promise<void> = Promise.resolve();
  private wakeUp: (() => void) | undefined;
  private inFlight = 0;
  private readonly slotFreed = new Set<() => void>();
  private results: SubmitResult[] = [];
  private flushTimer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private day = '';
  /** Claimed messages whose outcome is not stored yet: their leases are renewed. */
  private readonly held = new Set<number>();
  private readonly renewer: LeaseRenewer;
  private sentToday = 0;
  /** Messages intake stored claimed by this node and handed over (intake/handoff.ts), not sent yet. */
  private handed: ClaimedMessage[] = [];
  /** Places intake reserved in `handed` for a batch still committing. */
  private reserved = 0;
  /** The last claim found the queue in the database empty: new messages may come straight from intake. */
  private caughtUp = false;
  private lastClaimAt = 0;
  /** Messages were queued in the database for this vendor since the last claim (nudge()). */
  private queued = false;
  hold: Hold;
  submitted = 0;
  /** Batches of results stored, the results in them and the milliseconds it took (for metrics). */
  readonly stored = { batches: 0, results: 0, ms: 0 };

  constructor(
    vendor: VendorConfig,
    private readonly deps: VendorDispatcherDeps,
  ) {
    this.vendor = vendor;
    this.binds = new VendorBinds(vendor, deps.onInbound, deps.log);
    this.rate = new SendRate(vendor.tps, Date.now());
    this.renewer = new LeaseRenewer(
      deps.tuning.leaseMs,
      deps.clock,
      async (until) => {
        if (this.held.size > 0) await renewClaims(deps.db, [...this.held], until);
      },
      (err) => deps.log.error({ vendor: this.vendor.name, err: (err as Error).message }, 'renewing claims failed'),
    );
  }

  get config(): VendorConfig {
    return this.vendor;
  }

  start(): void {
    this.binds.start();
    this.renewer.start();
    this.loopDone = this.loop().catch((err: unknown) => this.deps.log.error({ vendor: this.vendor.name, err: (err as Error).message }, 'dispatcher loop stopped'));
  }

  /** Takes a changed config that needs no rebind (TPS, block, limits, coding, reroute codes). */
  update(vendor: VendorConfig): void {
    this.rate.setTps(vendor.tps, Date.now());
    this.vendor = vendor;
    this.wake();
  }

  wake(): void {
    this.wakeUp?.();
  }

  /** Messages for this vendor were queued in the database (not handed over): claim now instead of at the next poll. */
  nudge(): void {
    this.queued = true;
    this.wake();
  }

  /**
   * How many new messages intake may hand over now: none while the vendor is held, stopping, or
   * its queue in the database has older messages waiting (they go first); else what keeps the
   * handed queue within what the vendor takes in about two seconds (its windows and TPS, as a
   * claim would take), so a more urgent message never waits behind a long handed queue: the
   * rest go to the database queue, in priority order.
   */
  reserve(wanted: number): number {
    if (this.stopped || !this.caughtUp || this.holdReason() !== undefined) return 0;
    const cap = Math.min(this.deps.tuning.maxBatch, this.binds.senders().length * this.vendor.windowSize + this.vendor.tps * 2);
    const granted = Math.max(0, Math.min(wanted, cap - this.handed.length - this.reserved));
    this.reserved += granted;
    return granted;
  }

  /** Intake's batch ended: its places are given back and the messages it committed claimed are sent from here. */
  settle(reserved: number, messages: readonly HandedMessage[]): void {
    this.reserved -= reserved;
    if (messages.length === 0) return;
    for (const m of messages) this.held.add(m.id);
    if (this.stopped) {
      const now = this.deps.clock.now();
      for (const m of messages) this.addResult({ kind: 'unsent', message: handedToClaimed(m), at: now });
      return;
    }
    for (const m of messages) this.handed.push(handedToClaimed(m));
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    for (const f of [...this.slotFreed]) f();
    await this.loopDone;
    this.giveBackHanded();
    // Answers still due get a few seconds; what is left then fails with the closed binds and is
    // retried later (the vendor may have taken it: at least once, never lost).
    const deadline = Date.now() + 5_000;
    while (this.inFlight > 0 && Date.now() < deadline) await sleep(20);
    await this.binds.stop();
    const closed = Date.now() + 3_000;
    while (this.inFlight > 0 && Date.now() < closed) await sleep(5);
    await this.flush();
    this.renewer.stop();
  }

  get queuedResults(): number {
    return this.results.length;
  }

  get pending(): number {
    return this.inFlight;
  }

  get sentTodayCount(): number {
    return this.sentToday;
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      const room = await this.roomToSend();
      if (room <= 0) continue;
      // Handed messages go first, but the database is still asked every idle poll: retries come
      // due there, and a claim that fills up means older messages wait (stop taking handed ones).
      const sinceClaim = Date.now() - this.lastClaimAt;
      if (this.handed.length > 0 && sinceClaim < this.deps.tuning.idlePollMs) {
        this.handed.sort(byQueueOrder);
        for (const m of this.handed.splice(0, room)) await this.sendOne(m);
        continue;
      }
      // Sent all that was handed, and the database had nothing when last asked and was given
      // nothing since: wait for the next handover, a nudge or the poll (asking now would find nothing).
      if (this.caughtUp && !this.queued && sinceClaim < this.deps.tuning.idlePollMs) {
        await this.idle(this.deps.tuning.idlePollMs - sinceClaim);
        continue;
      }
      this.queued = false;
      let claimed: ClaimedMessage[];
      try {
        claimed = await claimMessages(this.deps.db, this.vendor.id, room, this.deps.clock.now(), this.deps.tuning.leaseMs, this.deps.nodeId);
      } catch (err) {
        this.deps.log.error({ vendor: this.vendor.name, err: (err as Error).message }, 'claiming messages failed');
        await this.idle(1_000);
        continue;
      }
      this.lastClaimAt = Date.now();
      this.caughtUp = claimed.length < room;
      if (claimed.length === 0) {
        if (this.handed.length === 0) await this.idle(this.deps.tuning.idlePollMs);
        continue;
      }
      for (const m of claimed) this.held.add(m.id);
      for (const m of claimed) await this.sendOne(m);
    }
  }

  /** How many messages to claim now; 0 after waiting for whatever holds sending back. */
  private async roomToSend(): Promise<number> {
    await this.refreshDay();
    this.hold = this.holdReason();
    if (this.hold !== undefined) {
      this.caughtUp = false;
      this.giveBackHanded();
      await (this.hold === 'no_bind' ? this.binds.changed(1_000) : this.idle(this.hold === 'throttled' ? this.rate.waitMs(Date.now()) : 1_000));
      return 0;
    }
    const windowRoom = this.binds.senders().length * this.vendor.windowSize - this.inFlight;
    if (windowRoom <= 0) {
      await this.slotFree(1_000);
      return 0;
    }
    const limit = this.vendor.dailyLimit === null ? Infinity : this.vendor.dailyLimit - this.sentToday - this.inFlight;
    // Claim about what the window and two seconds of TPS take, and never more than a quarter of
    // the lease sends (the lease is renewed, but a smaller claim keeps the queue order fairer).
    const withinLease = Math.max(1, Math.floor((this.vendor.tps * this.deps.tuning.leaseMs) / 4_000));
    return Math.max(0, Math.min(this.deps.tuning.maxBatch, windowRoom + this.vendor.tps * 2, withinLease, limit));
  }

  /** Handed messages not sent go back to the queue in the database (nothing sends now, or the dispatcher stops). */
  private giveBackHanded(): void {
    const now = this.deps.clock.now();
    for (const m of this.handed.splice(0)) this.addResult({ kind: 'unsent', message: m, at: now });
  }

  private holdReason(): Hold {
    if (this.vendor.blocked) return 'blocked';
    if (this.binds.senders().length === 0) return 'no_bind';
    if (this.rate.paused(Date.now())) return 'throttled';
    if (this.vendor.dailyLimit !== null && this.sentToday + this.inFlight >= this.vendor.dailyLimit) return 'daily_limit';
    return undefined;
  }

  /** Waits for a token, a bind with room in its window and no throttle pause, then submits without waiting for the answer. */
  private async sendOne(m: ClaimedMessage): Promise<void> {
    for (;;) {
      if (m.validUntil !== null && m.validUntil.getTime() <= this.deps.clock.now().getTime()) return this.addResult({ kind: 'expired', message: m, at: this.deps.clock.now() });
      const hold = this.stopped ? 'stopping' : this.holdReason();
      if (hold === 'throttled') {
        await this.idle(this.rate.waitMs(Date.now()));
        continue;
      }
      if (hold !== undefined) return this.addResult({ kind: 'unsent', message: m, at: this.deps.clock.now() });
      const wait = this.rate.waitMs(Date.now());
      if (wait > 0) {
        await sleep(wait);
        continue;
      }
      const slot = this.leastBusy();
      if (!slot) {
        await this.slotFree(200);
        continue;
      }
      if (!this.rate.tryTake(Date.now())) continue;
      this.submit(slot, m);
      return;
    }
  }

  private leastBusy(): BindSlot | undefined {
    let best: BindSlot | undefined;
    for (const s of this.binds.senders()) if (s.inFlight < this.vendor.windowSize && (!best || s.inFlight < best.inFlight)) best = s;
    return best;
  }

  /** A submit in flight on `slot` was answered (or failed): its place is free. */
  private settled(slot: BindSlot): void {
    slot.inFlight--;
    this.inFlight--;
    for (const f of [...this.slotFreed]) f();
  }

  private submit(slot: BindSlot, m: ClaimedMessage): void {
    const session = slot.session;
    if (!session) return this.addResult({ kind: 'unsent', message: m, at: this.deps.clock.now() });
    const { fields, replaced } = submitFields(m, this.vendor);
    slot.inFlight++;
    this.inFlight++;
    session.submitSm(fields).then(
      (resp) => {
        this.settled(slot);
        this.rate.accepted(Date.now());
        this.sentToday++;
        this.submitted++;
        const detail = `bind ${slot.index}${replaced ? `; ${replaced} character(s) the vendor's alphabet lacks sent as '?'` : ''}`;
        this.addResult({ kind: 'accepted', message: m, vendorMessageId: normalizeVendorMessageId(resp.messageId, this.vendor.messageIdBase), at: this.deps.clock.now(), detail });
      },
      (err: unknown) => {
        this.settled(slot);
        const status = err instanceof SmppCommandError ? err.commandStatus : undefined;
        const pauseMs = status === COMMAND_STATUS.ESME_RTHROTTLED ? this.rate.throttled(Date.now()) : 0;
        const reason = status === undefined ? (err as Error).message : `submit_sm refused: ${commandStatusName(status)} (0x${status.toString(16)})`;
        this.addResult({ kind: 'refused', message: m, status, reason, at: this.deps.clock.now(), pauseMs });
      },
    );
  }

  private addResult(r: SubmitResult): void {
    this.results.push(r);
    if (this.results.length >= this.deps.tuning.flushSize) this.scheduleFlush(0);
    else this.scheduleFlush(this.deps.tuning.flushMs);
  }

  private scheduleFlush(ms: number): void {
    if (this.flushTimer && ms > 0) return;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      void this.flush();
    }, ms);
  }

  /** Stores the results gathered so far; one flush at a time, a failed one is tried again. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      if (this.results.length === 0) return;
      const batch = this.results;
      this.results = [];
      try {
        const view = await this.deps.routing.get();
        const ctx = { vendor: this.vendor, view, billing: this.deps.billing, maxAttempts: this.deps.tuning.maxAttempts, retryBaseMs: this.deps.tuning.retryBaseMs, random: this.deps.random ?? Math.random };
        const started = performance.now();
        const clients = await inTransaction(this.deps.db, (trx) => storeSubmitResults(trx, ctx, batch));
        for (const r of batch) this.held.delete(r.message.id);
        this.stored.batches++;
        this.stored.results += batch.length;
        this.stored.ms += performance.now() - started;
        if (clients.length > 0) this.deps.onReports(clients);
      } catch (err) {
        this.deps.log.error({ vendor: this.vendor.name, err: (err as Error).message, results: batch.length }, 'storing submit results failed; trying again');
        this.results = [...batch, ...this.results];
        if (!this.stopped) this.scheduleFlush(1_000);
      }
    });
    return this.flushing;
  }

  /** The vendor's daily limit counts in UTC days; the count is read once per day and kept here. */
  private async refreshDay(): Promise<void> {
    if (this.vendor.dailyLimit === null) return;
    const now = this.deps.clock.now();
    const day = now.toISOString().slice(0, 10);
    if (day === this.day) return;
    this.sentToday = await countSentSince(this.deps.db, this.vendor.id, new Date(`${day}T00:00:00Z`));
    this.day = day;
  }

  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(done, Math.max(1, ms));
      function done(): void {
        clearTimeout(t);
        resolve();
      }
      this.wakeUp = done;
    });
  }

  private slotFree(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(t);
        this.slotFreed.delete(done);
        resolve();
      };
      const t = setTimeout(done, ms);
      this.slotFreed.add(done);
    });
  }
}

function handedToClaimed(m: HandedMessage): ClaimedMessage {
  return {
    id: m.id,
    clientId: m.clientId,
    routeId: m.routeId,
    destinationId: m.destinationId,
    country: m.country,
    source: m.source,
    sourceTon: m.sourceTon,
    sourceNpi: m.sourceNpi,
    destination: m.destination,
    esmClass: m.esmClass,
    dataCoding: m.dataCoding,
    shortMessage: m.shortMessage,
    text: m.text,
    segments: m.segments,
    priority: m.priority,
    attempts: 0,
    validUntil: m.validUntil,
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
