import { isReceiptPdu, type Session } from '@petrel/smpp';
import type { Kysely } from 'kysely';
import type { Database } from '../../database.ts';
import type { HandedMessage, Handoff } from '../intake/handoff.ts';
import type { Clock } from '../../platform/clock.ts';
import type { MoIntake } from '../mo/mo-intake.ts';
import type { ReceiptIntake } from '../receipts/receipt-intake.ts';
import type { Refunder } from '../transitions.store.ts';
import type { Log } from './log.ts';
import type { RoutingViewCache } from './routing-view.ts';
import type { InboundPdu } from './vendor-binds.ts';
import { DEFAULT_TUNING, type DispatchTuning, type Hold, VendorDispatcher } from './vendor-dispatcher.ts';
import { connectionChanged, loadEnabledVendors, type VendorConfig } from './vendor.store.ts';
import { releaseMessages } from './dispatch.store.ts';
import { holdVendorLeases, releaseVendorLeases } from './vendor-leases.store.ts';

export interface DispatcherDeps {
  readonly db: Kysely<Database>;
  readonly nodeId: string;
  readonly clock: Clock;
  readonly log: Log;
  readonly billing: Refunder;
  readonly routing: RoutingViewCache;
  readonly receipts: ReceiptIntake;
  readonly mo: MoIntake;
  readonly onReports: (clientIds: readonly number[]) => void;
  readonly tuning?: Partial<DispatchTuning>;
  /** How often vendor settings are read again (changes in the admin API take effect within it). */
  readonly refreshMs?: number;
  /** How long this node's hold on a vendor lasts unrenewed (renewed at every refresh); 15 s, at least 3 refreshes. */
  readonly vendorLeaseMs?: number;
  readonly random?: () => number;
}

/** One bind's live state, in the shape of routing's VendorBindStatus. */
export interface BindStatus {
  readonly session: number;
  readonly state: 'connecting' | 'bound' | 'backoff' | 'closed';
  readonly since: Date;
  readonly inFlight: number;
  readonly lastError: string | null;
}

export interface VendorStatus {
  readonly vendorId: number;
  readonly name: string;
  readonly binds: readonly BindStatus[];
  /** Why nothing is sent now: blocked, no_bind, throttled, daily_limit; null while sending. */
  readonly hold: Exclude<Hold, undefined> | null;
  readonly submitted: number;
  readonly sentToday: number | null;
  /** Submit results stored so far: batches, results, milliseconds spent. */
  readonly stored: { readonly batches: number; readonly results: number; readonly ms: number };
}

/**
 * Every enabled vendor's binds and queue that this node holds: one node at a time binds and sends
 * for a vendor (vendor_leases, renewed at every refresh, taken over by another node when it runs
 * out). Starts a VendorDispatcher per vendor held, follows changes of the vendors table, and routes
 * what vendors send (receipts, MO) to their handlers.
 */
export class Dispatcher implements Handoff {
  private readonly vendors = new Map<number, VendorDispatcher>();
  private timer: NodeJS.Timeout | undefined;
  private refreshing: Promise<void> = Promise.resolve();
  private stopped = false;
  private readonly tuning: DispatchTuning;

  constructor(private readonly deps: DispatcherDeps) {
    this.tuning = { ...DEFAULT_TUNING, ...deps.tuning };
  }

  async start(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.deps.refreshMs ?? 2_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.refreshing;
    await Promise.all([...this.vendors.values()].map((v) => v.stop()));
    this.vendors.clear();
    // Let the vendors go at once, so another node takes them without waiting out the lease.
    await releaseVendorLeases(this.deps.db, this.deps.nodeId).catch((err: unknown) => this.deps.log.warn({ err: (err as Error).message }, 'releasing vendor leases failed; they run out by themselves'));
  }

  get nodeId(): string {
    return this.deps.nodeId;
  }

  get leaseMs(): number {
    return this.tuning.leaseMs;
  }

  /** Intake hands new messages of a vendor this node sends for straight to its dispatcher (intake/handoff.ts). */
  reserve(vendorId: number, wanted: number): number {
    return this.vendors.get(vendorId)?.reserve(wanted) ?? 0;
  }

  settle(vendorId: number, reserved: number, messages: readonly HandedMessage[]): void {
    const v = this.vendors.get(vendorId);
    if (v) return v.settle(reserved, messages);
    // The vendor stopped here while the batch committed: its claims go back by the lease or a restart's take-back.
    const at = this.deps.clock.now();
    if (messages.length > 0) void releaseMessages(this.deps.db, messages.map((m) => ({ id: m.id, notBefore: at, attempt: 0, errorCode: null }))).catch((err: unknown) => this.deps.log.warn({ err: (err as Error).message }, 'giving back handed messages failed; their claim runs out by itself'));
  }

  /** New messages are queued (intake committed a batch): look now instead of at the next poll. */
  wake(vendorId?: number): void {
    if (vendorId !== undefined) this.vendors.get(vendorId)?.nudge();
    else for (const v of this.vendors.values()) v.nudge();
  }

  /** Reads the vendors table again now (the admin API calls it after a change). */
  refresh(): Promise<void> {
    this.refreshing = this.refreshing.then(() => this.sync()).catch((err: unknown) => this.deps.log.error({ err: (err as Error).message }, 'reading vendors failed'));
    return this.refreshing;
  }

  /** The live binds of a vendor (VendorBindStatusProvider for the admin API). */
  bindStatus = (vendorId: number): readonly BindStatus[] => {
    const v = this.vendors.get(vendorId);
    if (!v) return [];
    return v.binds.slots.map((s) => ({
      session: s.index,
      state: s.state === 'down' ? 'backoff' : s.state === 'stopped' ? 'closed' : s.state,
      since: s.since,
      inFlight: s.inFlight,
      lastError: s.lastError ?? null,
      node: this.deps.nodeId,
    }));
  };

  status(): VendorStatus[] {
    return [...this.vendors.values()].map((v) => ({
      vendorId: v.config.id,
      name: v.config.name,
      binds: this.bindStatus(v.config.id),
      hold: v.hold ?? null,
      submitted: v.submitted,
      sentToday: v.config.dailyLimit === null ? null : v.sentTodayCount,
      stored: { ...v.stored },
    }));
  }

  /** Settles every result gathered so far (tests and shutdown). */
  async flush(): Promise<void> {
    await Promise.all([...this.vendors.values()].map((v) => v.flush()));
  }

  private async sync(): Promise<void> {
    if (this.stopped) return;
    const enabled = await loadEnabledVendors(this.deps.db);
    const leaseMs = Math.max(this.deps.vendorLeaseMs ?? 15_000, 3 * (this.deps.refreshMs ?? 2_000));
    const held = await holdVendorLeases(this.deps.db, this.deps.nodeId, enabled.map((v) => v.id), leaseMs, this.bindStatus);
    const wanted = new Map(enabled.filter((v) => held.has(v.id)).map((v) => [v.id, v]));
    for (const [id, running] of [...this.vendors]) {
      const next = wanted.get(id);
      if (!next || connectionChanged(running.config, next)) {
        this.vendors.delete(id);
        await running.stop();
        if (next) this.deps.log.info({ vendor: next.name }, 'vendor connection settings changed; binding again');
        else if (enabled.some((v) => v.id === id)) this.deps.log.warn({ vendor: running.config.name }, 'another node holds this vendor now; stopped binding it here');
      } else {
        running.update(next);
      }
    }
    for (const [id, config] of wanted) {
      if (this.stopped || this.vendors.has(id)) continue;
      const d = new VendorDispatcher(config, {
        db: this.deps.db,
        nodeId: this.deps.nodeId,
        clock: this.deps.clock,
        log: this.deps.log,
        billing: this.deps.billing,
        routing: this.deps.routing,
        tuning: this.tuning,
        onInbound: this.onInbound,
        onReports: this.deps.onReports,
        ...(this.deps.random ? { random: this.deps.random } : {}),
      });
      this.vendors.set(id, d);
      d.start();
    }
  }

  private readonly onInbound = (vendor: VendorConfig, session: Session, pdu: InboundPdu): void => {
    if (isReceiptPdu(pdu)) this.deps.receipts.add(this.vendors.get(vendor.id)?.config ?? vendor, session, pdu);
    else this.deps.mo.add(vendor, session, pdu);
  };
}
