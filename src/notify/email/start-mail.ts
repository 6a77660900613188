import { Decimal } from 'decimal.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../database.ts';
import type { Clock } from '../../platform/clock.ts';
import { DEFAULT_BACKOFF_MS } from '../webhooks/rules/backoff.ts';
import { clientRecipient, MailOutboxStore, takeDailyStatsDue, takeLowBalanceNotices } from './mail-outbox.store.ts';
import { MailSender, type MailSenderOptions } from './mail-sender.ts';
import { dailyStatsMail, lowBalanceMail, type PriceChange, priceUpdateMail } from './rules/mails.ts';
import { smtpTransport } from './smtp-transport.ts';

export interface MailOptions extends MailSenderOptions {
  /** How often the notices (low balance, the daily statistics) are looked at. */
  readonly noticesEveryMs: number;
}

export const DEFAULT_MAIL_OPTIONS: MailOptions = { pollMs: 5_000, batch: 20, leaseMs: 120_000, backoffMs: DEFAULT_BACKOFF_MS, noticesEveryMs: 30_000 };

export interface Mail {
  readonly outbox: MailOutboxStore;
  /** Whether an SMTP server is configured: without one mail waits in the outbox. */
  readonly sending: boolean;
  /** This node's sends since it started. */
  readonly counters: { readonly sent: number; readonly failedTries: number };
  /** Mail was committed: send it now. */
  wake(): void;
  /** The notices now (the timer looks every `noticesEveryMs`): low balance, then the daily statistics; how many mails they wrote. */
  sweepNotices(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * E-mail to clients: the outbox (mails written in the transactions of what they tell), its sender
 * over SMTP when PETREL_SMTP_URL is set, and the notices (clients.md: Notification limit, Daily
 * mailing of general statistics).
 */
export function startMail(deps: {
  db: Kysely<Database>;
  nodeId: string;
  clock: Clock;
  smtpUrl: string | undefined;
  from: string;
  log: (message: string, err?: unknown) => void;
  options?: Partial<MailOptions> | undefined;
}): Mail {
  const o = { ...DEFAULT_MAIL_OPTIONS, ...deps.options };
  const outbox = new MailOutboxStore(deps.db, deps.nodeId);
  const transport = deps.smtpUrl ? smtpTransport(deps.smtpUrl, deps.from) : undefined;
  const sender = transport ? new MailSender(outbox, transport, deps.clock, o, deps.log) : undefined;
  sender?.start();

  // Each kind in a transaction of its own: the notice taken and its mail commit together.
  const sweepNotices = async (): Promise<number> => {
    const low = await deps.db.transaction().execute(async (trx) => {
      const clients = await takeLowBalanceNotices(trx, deps.clock.now());
      await MailOutboxStore.enqueue(trx, clients.map((c) => ({ kind: 'low_balance' as const, clientId: c.clientId, ...lowBalanceMail(c.email, c, c.available, c.limit) })));
      return clients.length;
    });
    const daily = await deps.db.transaction().execute(async (trx) => {
      const clients = await takeDailyStatsDue(trx, deps.clock.now());
      await MailOutboxStore.enqueue(trx, clients.map((c) => ({ kind: 'daily_stats' as const, clientId: c.clientId, ...dailyStatsMail(c.email, c, c.day, c.rows) })));
      return clients.length;
    });
    return low + daily;
  };
  let sweeping: Promise<void> | undefined;
  const timer = setInterval(() => {
    sweeping ??= sweepNotices()
      .then((n) => void (n > 0 && sender?.wake()))
      .catch((err: unknown) => deps.log('looking at the mail notices (low balance, daily statistics) failed; trying again at the next look', err))
      .finally(() => (sweeping = undefined));
  }, o.noticesEveryMs);
  timer.unref();

  return {
    outbox,
    sending: sender !== undefined,
    counters: sender?.counters ?? { sent: 0, failedTries: 0 },
    wake: () => sender?.wake(),
    sweepNotices,
    stop: async () => {
      clearInterval(timer);
      await sweeping;
      await sender?.stop();
    },
  };
}

/** Queues the mail of one change of a client's price, in the transaction that makes the change (clients.md, E-mail for Price update). */
export async function queuePriceChangeMail(trx: Kysely<Database>, change: PriceChange & { readonly clientId: number }): Promise<void> {
  if (change.before !== null && new Decimal(change.before).eq(change.after)) return; // the same price again: nothing to tell
  const to = await clientRecipient(trx, change.clientId);
  if (!to) return;
  await MailOutboxStore.enqueue(trx, [{ kind: 'price_update', clientId: change.clientId, ...priceUpdateMail(to.priceUpdateEmail, to, change) }]);
}
