import { COMMAND_STATUS, type Session, readReceipt } from '@petrel/smpp';
import type { Kysely } from 'kysely';
import type { Database } from '../../database.ts';
import type { Clock } from '../../platform/clock.ts';
import type { HandedReport, ReportHandoff } from '../client-delivery/report-handoff.ts';
import type { Log } from '../dispatch/log.ts';
import type { RoutingView, RoutingViewCache } from '../dispatch/routing-view.ts';
import { normalizeVendorMessageId } from '../dispatch/rules/vendor-message-id.ts';
import type { InboundPdu } from '../dispatch/vendor-binds.ts';
import type { VendorConfig } from '../dispatch/vendor.store.ts';
import { inTransaction } from '../transitions.retry.ts';
import { type Refunder, applyTransitions } from '../transitions.store.ts';
import { keepEarlyReceipts, lockByVendorIds, purgeEarlyReceipts, receiptKey, takeMatchedEarlyReceipts, type VendorReceipt } from './receipt.store.ts';
import { receiptTransitions } from './receipt-transitions.ts';

/** What a batch of receipts owes clients once committed. */
interface Applied {
  readonly clients: readonly number[];
  readonly handed: readonly HandedReport[];
}

interface Pending {
  readonly session: Session;
  readonly pdu: InboundPdu;
  readonly receipt: VendorReceipt | undefined;
}

export interface ReceiptIntakeDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly log: Log;
  readonly billing: Refunder;
  readonly routing: RoutingViewCache;
  readonly onReports: (clientIds: readonly number[]) => void;
  /** This node's client deliverer: SMPP receipts of clients bound here go to it claimed, sent from memory. */
  readonly reports?: ReportHandoff;
  readonly random?: () => number;
  /** Receipts stored together within this time (or once there are `batchSize`). */
  readonly flushMs?: number;
  readonly batchSize?: number;
  /** How often early receipts are matched again and old ones purged. */
  readonly sweepMs?: number;
}

const DAY_MS = 86_400_000;
/** The race lasts as long as storing one batch of submit results: a minute of looking covers it. */
const RACE_MS = 60_000;
const MAX_WATCHED = 50_000;
const PURGE_EVERY_MS = 3_600_000;

/**
 * Receipts from vendors: read (TLVs first, then the text), correlated by (vendor, vendor message
 * id) in batches, applied as transitions; a receipt for an id not stored yet is kept in
 * early_receipts. deliver_sm_resp goes out only after the batch is committed, so a receipt the
 * vendor saw acknowledged is never lost; when storing fails the vendor is told to try again.
 */
export class ReceiptIntake {
  private pending: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private sweeper: NodeJS.Timeout | undefined;
  private stopped = false;
  /** Early receipts this node kept in the last RACE_MS, by key: the sweep looks at these only. */
  private readonly watched = new Map<string, { vendorId: number; vendorMessageId: string; at: number }>();
  private lastPurge = 0;
  received = 0;
  unreadable = 0;

  constructor(private readonly deps: ReceiptIntakeDeps) {}

  start(): void {
    const every = this.deps.sweepMs ?? 1_000;
    this.sweeper = setInterval(() => void this.sweep(), every);
    this.sweeper.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.sweeper) clearInterval(this.sweeper);
    if (this.timer) clearTimeout(this.timer);
    await this.flush();
  }

  add(vendor: VendorConfig, session: Session, pdu: InboundPdu): void {
    const read = readReceipt(pdu);
    this.received++;
    const receipt = read && { vendorId: vendor.id, vendorMessageId: normalizeVendorMessageId(read.id, vendor.messageIdBase), stat: read.stat, err: read.err, at: this.deps.clock.now() };
    if (!receipt) {
      this.unreadable++;
      this.deps.log.warn({ vendor: vendor.name, text: pdu.command === 'deliver_sm' ? pdu.shortMessage.toString('latin1').slice(0, 160) : '' }, 'unreadable receipt acknowledged and dropped');
    }
    this.pending.push({ session, pdu, receipt });
    const size = this.deps.batchSize ?? 2_000;
    if (this.pending.length >= size) this.schedule(0);
    else this.schedule(this.deps.flushMs ?? 10);
  }

  private schedule(ms: number): void {
    if (this.timer && ms > 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, ms);
  }

  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0, this.deps.batchSize ?? 2_000);
        const status = await this.store(batch);
        for (const p of batch) p.session.respond(p.pdu, { commandStatus: status });
      }
    });
    return this.flushing;
  }

  /** ESME_ROK once stored; ESME_RX_T_APPN (the vendor retries later) when storing failed. */
  private async store(batch: readonly Pending[]): Promise<number> {
    const receipts = batch.flatMap((p) => (p.receipt ? [p.receipt] : []));
    try {
      const view = await this.deps.routing.get();
      const applied = await inTransaction(this.deps.db, (trx) => this.apply(trx, view, receipts));
      this.afterCommit(applied);
      return COMMAND_STATUS.ESME_ROK;
    } catch (err) {
      this.deps.log.error({ err: (err as Error).message, receipts: receipts.length }, 'storing receipts failed; the vendor will send them again');
      return COMMAND_STATUS.ESME_RX_T_APPN;
    }
  }

  /** Announces what a committed batch owes clients: reports to claim, and reports handed to this node's deliverer. */
  private afterCommit(applied: Applied): void {
    if (applied.clients.length > 0) this.deps.onReports(applied.clients);
    if (applied.handed.length > 0) this.deps.reports?.deliver(applied.handed);
  }

  /** Correlates and applies receipts inside `trx`; returns the clients owed new reports and the reports handed over. */
  async apply(trx: Kysely<Database>, view: RoutingView, receipts: readonly VendorReceipt[]): Promise<Applied> {
    if (receipts.length === 0) return { clients: [], handed: [] };
    const found = await lockByVendorIds(trx, receipts);
    const early: VendorReceipt[] = [];
    const pairs = receipts.flatMap((receipt) => {
      const target = found.get(receiptKey(receipt.vendorId, receipt.vendorMessageId))?.target;
      if (!target) {
        if (receipt.stat !== 'ACCEPTD' && receipt.stat !== 'ENROUTE') early.push(receipt);
        return [];
      }
      return [{ receipt, target }];
    });
    await keepEarlyReceipts(trx, early);
    this.watch(early);
    const outcome = await receiptTransitions(trx, view, pairs, this.deps.random ?? Math.random);
    const locked = [...found.values()].map((f) => f.current); // locked by the lookup: not again
    const applied = await applyTransitions(trx, outcome.transitions, this.deps.billing, outcome.events, this.deps.reports, locked);
    return { clients: applied.reportedClients, handed: applied.handedReports };
  }

  /**
   * Applies early receipts whose message got its vendor id since (the resp was being stored when
   * the receipt was kept), and forgets those older than a day.
   */
  async sweep(): Promise<void> {
    if (this.stopped) return;
    const now = Date.now();
    for (const [k, w] of this.watched) if (now - w.at > RACE_MS) this.watched.delete(k);
    try {
      const pairs = [...this.watched.values()];
      if (pairs.length > 0) {
        const view = await this.deps.routing.get();
        const { matched, applied } = await inTransaction(this.deps.db, async (trx) => {
          const taken = await takeMatchedEarlyReceipts(trx, pairs);
          return { matched: taken, applied: await this.apply(trx, view, taken) };
        });
        for (const r of matched) this.watched.delete(receiptKey(r.vendorId, r.vendorMessageId));
        this.afterCommit(applied);
      }
      if (now - this.lastPurge > PURGE_EVERY_MS) {
        this.lastPurge = now;
        await purgeEarlyReceipts(this.deps.db, new Date(this.deps.clock.now().getTime() - DAY_MS));
      }
    } catch (err) {
      this.deps.log.warn({ err: (err as Error).message }, 'matching early receipts failed');
    }
  }

  private watch(receipts: readonly VendorReceipt[]): void {
    const now = Date.now();
    for (const r of receipts) {
      if (this.watched.size >= MAX_WATCHED) this.watched.delete(this.watched.keys().next().value as string);
      this.watched.set(receiptKey(r.vendorId, r.vendorMessageId), { vendorId: r.vendorId, vendorMessageId: r.vendorMessageId, at: now });
    }
  }
}
