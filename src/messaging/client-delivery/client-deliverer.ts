import type { Session } from '@petrel/smpp';
import type { Clock } from '../../platform/clock.ts';
import { LeaseRenewer } from '../../platform/lease-renewer.ts';
import type { ClientBinds } from '../../smpp/client-binds.ts';
import type { ClientReportsStore } from './client-reports.store.ts';
import type { HandedReport, ReportHandoff } from './report-handoff.ts';
import { moDeliverSms } from './rules/mo-deliver-sm.ts';
import { type PendingReport, receiptDeliverSm } from './rules/receipt-pdu.ts';

export interface DelivererOptions {
  /** Rows claimed per round. */
  readonly batch: number;
  /** How long a claim holds before another node may take the rows. */
  readonly leaseMs: number;
  /** The sweep that catches what no notification announced. */
  readonly sweepMs: number;
}

export const DEFAULT_DELIVERER_OPTIONS: DelivererOptions = { batch: 200, leaseMs: 60_000, sweepMs: 5_000 };

/**
 * Sends clients what they are owed over SMPP — receipts (deliver_sm, esm_class 0x04) and MO —
 * on their live receiver/transceiver binds; a report's row is deleted on its deliver_sm_resp, an MO
 * row marked delivered.
 * A client with no such bind keeps its rows; they go when it binds (onReceiverBound), when the
 * vendor side calls notifyReports, or at the next sweep.
 */
export class ClientDeliverer implements ReportHandoff {
  private readonly running = new Map<number, Promise<void>>();
  /** Sends of handed reports (deliver) under way. */
  private readonly handing = new Set<Promise<unknown>>();
  private readonly again = new Set<number>();
  private sweepTimer: NodeJS.Timeout | undefined;
  private readonly renewer: LeaseRenewer;
  /** Rows claimed and not yet settled: their leases are renewed until they are. */
  private readonly held = { reports: new Set<number>(), mo: new Set<number>() };
  private stopped = false;
  private reference = Math.floor(Math.random() * 256);

  constructor(
    private readonly store: ClientReportsStore,
    private readonly binds: ClientBinds,
    private readonly clock: Clock,
    private readonly options: DelivererOptions = DEFAULT_DELIVERER_OPTIONS,
    private readonly log: (message: string, err?: unknown) => void = () => undefined,
  ) {
    binds.onReceiverBound((clientId) => this.notifyReports(clientId));
    this.renewer = new LeaseRenewer(
      options.leaseMs,
      clock,
      async (until) => {
        if (this.held.reports.size > 0 || this.held.mo.size > 0) await store.renewClaims([...this.held.reports], [...this.held.mo], until);
      },
      (err) => log('renewing the leases of reports in flight failed; the next renewal tries again', err),
    );
  }

  start(): void {
    this.sweepTimer = setInterval(() => void this.sweep(), this.options.sweepMs);
    this.sweepTimer.unref();
    this.renewer.start();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.renewer.stop();
    await Promise.allSettled([...this.running.values(), ...this.handing]);
  }

  get nodeId(): string {
    return this.store.nodeId;
  }

  leaseUntil(): Date {
    return new Date(this.clock.now().getTime() + this.options.leaseMs);
  }

  /** New reports of a client are sent from memory while it has a receiving bind here and no older ones are being sent from the database. */
  takes(clientId: number): boolean {
    return !this.stopped && !this.running.has(clientId) && !this.again.has(clientId) && this.binds.hasReceiver(clientId);
  }

  /** Reports committed claimed by this node (report-handoff.ts): sent now, without a claim. */
  deliver(reports: readonly HandedReport[]): void {
    const byClient = new Map<number, HandedReport[]>();
    for (const r of reports) {
      const list = byClient.get(r.clientId);
      if (list) list.push(r);
      else byClient.set(r.clientId, [r]);
    }
    for (const [clientId, list] of byClient) {
      const run = this.settleReports(clientId, list)
        .catch((err: unknown) => this.log(`delivering reports to client ${clientId} failed; they go back to the queue when their lease runs out`, err))
        .finally(() => this.handing.delete(run));
      this.handing.add(run);
    }
  }

  /** New reports or MO for a client were committed: send them if it has a receiving bind here. */
  notifyReports(clientId: number): void {
    if (this.stopped || !this.binds.hasReceiver(clientId)) return;
    if (this.running.has(clientId)) {
      this.again.add(clientId);
      return;
    }
    const run = this.flush(clientId)
      .catch((err: unknown) => this.log(`delivering reports to client ${clientId} failed; they stay pending`, err))
      .finally(() => {
        this.running.delete(clientId);
        if (this.again.delete(clientId)) this.notifyReports(clientId);
      });
    this.running.set(clientId, run);
  }

  /** Waits until nothing is being sent (tests). */
  async idle(): Promise<void> {
    while (this.running.size > 0 || this.handing.size > 0) await Promise.allSettled([...this.running.values(), ...this.handing]);
  }

  async sweep(): Promise<void> {
    try {
      const clients = await this.store.clientsWithPending(this.binds.receivingClients(), this.clock.now());
      for (const id of clients) this.notifyReports(id);
    } catch (err) {
      this.log('report sweep failed', err);
    }
  }

  private async flush(clientId: number): Promise<void> {
    for (;;) {
      if (this.stopped || !this.binds.hasReceiver(clientId)) return;
      const sentReports = await this.sendReports(clientId);
      const sentMo = await this.sendMo(clientId);
      if (sentReports < this.options.batch && sentMo < this.options.batch) return;
    }
  }

  private async sendReports(clientId: number): Promise<number> {
    const reports = await this.store.claimReports(clientId, this.options.batch, this.clock.now(), this.options.leaseMs);
    if (reports.length === 0) return 0;
    return this.settleReports(clientId, reports);
  }

  /** Sends claimed reports on the client's binds: delivered on deliver_sm_resp, the rest given back to the queue. */
  private settleReports(clientId: number, reports: readonly PendingReport[]): Promise<number> {
    return this.holding(this.held.reports, reports, async () => {
      const outcomes = await Promise.all(reports.map((r) => this.send(clientId, [receiptDeliverSm(r)])));
      const done = reports.filter((_, i) => outcomes[i]).map((r) => r.id);
      await this.store.reportsDelivered(done);
      await this.store.releaseReports(reports.filter((_, i) => !outcomes[i]).map((r) => r.id));
      return done.length === reports.length ? reports.length : 0;
    });
  }

  private async sendMo(clientId: number): Promise<number> {
    const mos = await this.store.claimMo(clientId, this.options.batch, this.clock.now(), this.options.leaseMs);
    if (mos.length === 0) return 0;
    return this.holding(this.held.mo, mos, async () => {
      const outcomes = await Promise.all(mos.map((mo) => this.send(clientId, moDeliverSms(mo, this.reference++))));
      const done = mos.filter((_, i) => outcomes[i]).map((m) => m.id);
      await this.store.moDelivered(done, this.clock.now());
      await this.store.releaseMo(mos.filter((_, i) => !outcomes[i]).map((m) => m.id));
      return done.length === mos.length ? mos.length : 0;
    });
  }

  /** Runs `work` with the rows counted as held, so their leases are renewed until it settles them. */
  private async holding<T>(held: Set<number>, rows: readonly { id: number }[], work: () => Promise<T>): Promise<T> {
    for (const r of rows) held.add(r.id);
    try {
      return await work();
    } finally {
      for (const r of rows) held.delete(r.id);
    }
  }


  /** Sends the PDUs of one row on a receiving bind, the next one if that bind fails; true when every PDU was acknowledged. */
  private async send(clientId: number, pdus: readonly Parameters<Session['deliverSm']>[0][]): Promise<boolean> {
    for (const session of this.binds.receivers(clientId)) {
      try {
        for (const pdu of pdus) await session.deliverSm(pdu);
        return true;
      } catch (err) {
        this.log(`deliver_sm to client ${clientId} failed`, err);
      }
    }
    return false;
  }
}
