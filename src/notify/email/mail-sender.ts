import type { Clock } from '../../platform/clock.ts';
import { Pause } from '../../platform/pause.ts';
import { retryDelayMs } from '../webhooks/rules/backoff.ts';
import type { MailOutboxStore, MailOutcome } from './mail-outbox.store.ts';
import type { MailTransport } from './smtp-transport.ts';

export interface MailSenderOptions {
  /** How often an idle sender looks for due mail (wake() cuts it short). */
  readonly pollMs: number;
  /** Mails claimed per round. */
  readonly batch: number;
  /** A claim holds this long; another node takes the mail after it. */
  readonly leaseMs: number;
  /** Waits after each failed try; one more try than entries, then the mail is failed. */
  readonly backoffMs: readonly number[];
}

/**
 * Sends the e-mail outbox over SMTP: claims due mails, sends them one after another, and records
 * each try; a refused or failed send waits by the back-off schedule (1, 5, 15, 30, 60 minutes)
 * until the last try marks the mail failed.
 */
export class MailSender {
  private stopped = false;
  private loopDone: Promise<void> = Promise.resolve();
  private readonly pause = new Pause();
  readonly counters = { sent: 0, failedTries: 0 };

  constructor(
    private readonly store: MailOutboxStore,
    private readonly transport: MailTransport,
    private readonly clock: Clock,
    private readonly options: MailSenderOptions,
    private readonly log: (message: string, err?: unknown) => void,
  ) {}

  start(): void {
    this.loopDone = this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.loopDone;
    this.transport.close();
  }

  /** Mail was committed: look now instead of at the next poll. */
  wake(): void {
    this.pause.wake();
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      let sent = 0;
      try {
        sent = await this.round();
      } catch (err) {
        this.log('e-mail round failed; trying again', err);
      }
      if (sent < this.options.batch) await this.idle(this.options.pollMs);
    }
  }

  /** One round: claim the due mails and send them; returns how many were claimed. */
  async round(): Promise<number> {
    this.pause.begin();
    const due = await this.store.claimDue(this.clock.now(), this.options.batch, this.options.leaseMs);
    // A send may take the transport's whole time limit: past half the lease no new one starts, so
    // none is still going when the lease ends and another node may claim the mail.
    const until = Date.now() + this.options.leaseMs / 2;
    const outcomes: MailOutcome[] = [];
    const unsent: number[] = [];
    for (const mail of due) {
      if (this.stopped || Date.now() > until) {
        unsent.push(mail.id);
        continue;
      }
      const attempts = mail.attempts + 1;
      try {
        await this.transport.send(mail);
        this.counters.sent++;
        outcomes.push({ id: mail.id, status: 'sent', attempts, error: null, nextAttemptAt: null, at: this.clock.now() });
      } catch (err) {
        this.counters.failedTries++;
        const at = this.clock.now();
        const wait = retryDelayMs(attempts, this.options.backoffMs);
        const error = (err instanceof Error ? err.message : String(err)).slice(0, 500);
        outcomes.push({ id: mail.id, status: wait === undefined ? 'failed' : 'pending', attempts, error, nextAttemptAt: wait === undefined ? null : new Date(at.getTime() + wait), at });
      }
    }
    await this.store.settle(outcomes);
    await this.store.release(unsent);
    return due.length;
  }

  private idle(ms: number): Promise<void> {
    return this.stopped ? Promise.resolve() : this.pause.for(ms);
  }
}
