import type { Kysely } from 'kysely';
import type { Database } from '../../database.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Log } from '../dispatch/log.ts';
import { stateOfExpiredDlrStatus } from '../rules/message-states.ts';
import { inTransaction } from '../transitions.retry.ts';
import { type Refunder, applyTransitions } from '../transitions.store.ts';
import { lockOverdue } from './expiry.store.ts';

export interface ExpiryDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly log: Log;
  readonly billing: Refunder;
  readonly onReports: (clientIds: readonly number[]) => void;
  readonly everyMs?: number;
  readonly batchSize?: number;
}

/**
 * Days of waiting DLR: a message with no final receipt by its dlr_deadline ends with its client's
 * Delivery Status (EXPIRED → expired, UNDELIV → undelivered, DELIVRD → delivered, UNKNOWN →
 * unknown), and the client gets that report. Runs every `everyMs` on every node; batches skip the
 * rows another node holds.
 */
export class ExpiryJob {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  expired = 0;

  constructor(private readonly deps: ExpiryDeps) {}

  start(): void {
    this.timer = setInterval(() => void this.runOnce().catch((err: unknown) => this.deps.log.error({ err: (err as Error).message }, 'expiry failed')), this.deps.everyMs ?? 30_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Ends every overdue message now; returns how many. One run at a time per node. */
  runOnce(): Promise<number> {
    this.running ??= this.run().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async run(): Promise<number> {
    const size = this.deps.batchSize ?? 500;
    let total = 0;
    for (;;) {
      const now = this.deps.clock.now();
      const { count, clients } = await inTransaction(this.deps.db, async (trx) => {
        const overdue = await lockOverdue(trx, now, size);
        const transitions = overdue.map((m) => ({
          messageId: m.id,
          to: stateOfExpiredDlrStatus(m.expiredDlrStatus),
          event: 'expired',
          at: now,
          detail: `no final receipt within Days of waiting DLR; Delivery Status ${m.expiredDlrStatus}`,
        }));
        const applied = await applyTransitions(trx, transitions, this.deps.billing);
        return { count: overdue.length, clients: applied.reportedClients };
      });
      total += count;
      if (clients.length > 0) this.deps.onReports(clients);
      if (count < size) break;
    }
    this.expired += total;
    if (total > 0) this.deps.log.info({ messages: total }, 'messages ended by Days of waiting DLR');
    return total;
  }
}
