import type { Kysely } from 'kysely';
import type { Database } from '../../database.ts';
import type { Clock } from '../../platform/clock.ts';
import type { ClaimedDelivery, DeliveriesStore, OutboxRow } from './deliveries.store.ts';
import { relayStore } from './report-relay.store.ts';
import { planProgress, planReports } from './rules/plan-reports.ts';

/**
 * The sender on this node: the relay's new deliveries go in claimed until `leaseUntil` and are
 * handed to it after commit (`take`), so no claim round has to find them (webhook-sender.ts).
 * As many as fit its `room`: the rest of a larger lot goes to the outbox unclaimed, and the
 * sender is woken to claim it.
 */
export interface DeliveryHandoff {
  room(): number;
  leaseUntil(now: Date): Date;
  take(deliveries: readonly ClaimedDelivery[]): void;
  /** Rows went in unclaimed: claim now instead of at the next poll. */
  wake(): void;
}

export interface RelayOptions {
  /** How often the relay looks for new reports and MO. */
  readonly pollMs: number;
  /** Rows taken per round. */
  readonly batch: number;
}

/**
 * Moves what clients are owed into the webhook outbox, each in one transaction with the rows it
 * settles: final reports of HTTP/REST/web messages (one per text, client_reports rows claimed with
 * SKIP LOCKED), dlr-mask progress reports (4 queued, 8 accepted by the carrier) and new MO for
 * webhooks that want them. The outbox's dedupe key makes a repeated round harmless. New
 * deliveries go to this node's sender in memory once their transaction has committed.
 */
export class ReportRelay {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private owedCursor = 0;
  private stopped = false;
  readonly counters = { reports: 0, deliveries: 0, mo: 0 };

  constructor(
    private readonly db: Kysely<Database>,
    private readonly deliveries: DeliveriesStore,
    private readonly clock: Clock,
    private readonly options: RelayOptions,
    private readonly sender: DeliveryHandoff,
    private readonly log: (message: string, err?: unknown) => void,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.options.pollMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One pass over reports, progress and MO (overlapping calls share the pass in flight). */
  tick(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.running ??= this.pass().finally(() => (this.running = undefined));
    return this.running;
  }

  private async pass(): Promise<void> {
    try {
      // Progress first: a text sent and delivered within one pass reports 8 before its final state.
      await this.relayProgress();
      for (let more = true; more && !this.stopped; ) more = (await this.relayReports()).full;
      for (let more = true; more && !this.stopped; ) more = (await this.relayMo()) >= this.options.batch;
    } catch (err) {
      this.log('webhook relay pass failed; it runs again shortly', err);
    }
  }

  /** How many of a lot of `count` new deliveries go in claimed for the sender (as many as fit its room), and until when. */
  private handing(count: number, now: Date): [until: Date | null, count: number] {
    const fits = Math.min(count, this.sender.room());
    return fits > 0 ? [this.sender.leaseUntil(now), fits] : [null, 0];
  }

  /** Runs one relay transaction and hands what it queued to the sender once it has committed (or wakes it to claim the rows). */
  private async queueing<T>(work: (trx: Kysely<Database>, now: Date) => Promise<T & { queued: number; claimed: readonly ClaimedDelivery[] }>): Promise<T> {
    const done = await this.db.transaction().execute((trx) => {
      const now = this.clock.now();
      return work(trx, now);
    });
    if (done.claimed.length > 0) this.sender.take(done.claimed);
    if (done.queued > done.claimed.length) this.sender.wake();
    return done;
  }

  private relayReports(): Promise<{ full: boolean }> {
    return this.queueing(async (trx, now) => {
      const reports = await relayStore.claimReports(trx, now, this.options.batch);
      if (reports.length === 0) return { full: false, queued: 0, claimed: [] };
      const textOf = await relayStore.textsOf(trx, reports.map((r) => r.messageId));
      const partIds = new Set(reports.map((r) => r.messageId));
      for (const t of textOf.values()) for (const id of t.partIds) partIds.add(id);
      const parts = await relayStore.parts(trx, [...partIds]);
      const webhooks = await relayStore.webhooks(trx, [...new Set(reports.map((r) => r.clientId))]);
      const plan = planReports({ reports, textOf, parts, webhooks, now });
      const { queued, claimed } = await this.deliveries.enqueue(trx, plan.deliveries, now, ...this.handing(plan.deliveries.length, now));
      await relayStore.reportsDone(trx, plan.done);
      await relayStore.clearOwed(trx, plan.cleared);
      this.counters.reports += plan.done.length;
      this.counters.deliveries += queued;
      return { full: reports.length >= this.options.batch, queued, claimed };
    });
  }

  private relayProgress(): Promise<unknown> {
    return this.queueing(async (trx, now) => {
      const texts = await relayStore.owedTexts(trx, this.owedCursor, this.options.batch);
      this.owedCursor = texts.length < this.options.batch ? 0 : (texts[texts.length - 1]?.id ?? 0);
      if (texts.length === 0) return { queued: 0, claimed: [] };
      const parts = await relayStore.parts(trx, texts.flatMap((t) => t.partIds));
      const plan = planProgress(texts, parts, now);
      const { queued, claimed } = await this.deliveries.enqueue(trx, plan.deliveries, now, ...this.handing(plan.deliveries.length, now));
      await relayStore.clearOwed(trx, plan.cleared);
      this.counters.deliveries += queued;
      return { queued, claimed };
    });
  }

  /** Returns how many MO it took (a full batch means there may be more). */
  private async relayMo(): Promise<number> {
    const { taken } = await this.queueing(async (trx, now) => {
      const mos = await relayStore.takeNewMo(trx, this.options.batch);
      const rows: OutboxRow[] = mos.map((m) => ({
        clientId: m.clientId,
        event: 'mo',
        dedupeKey: `mo:${m.id}`,
        messageId: null,
        inboxId: m.id,
        method: 'POST',
        url: m.url,
        body: JSON.stringify({ event: 'mo', id: String(m.id), from: m.source, to: m.destination, text: m.text, receivedAt: m.receivedAt.toISOString() }),
      }));
      const { queued, claimed } = await this.deliveries.enqueue(trx, rows, now, ...this.handing(rows.length, now));
      this.counters.mo += queued;
      return { taken: mos.length, queued, claimed };
    });
    return taken;
  }
}
