import { Decimal } from 'decimal.js';
import { formatMoney, formatPrice } from '../../../billing/money.ts';

/** A mail as the outbox stores it: plain text, to one address. */
export interface MailDraft {
  readonly to: string;
  readonly subject: string;
  readonly body: string;
}

/** Who a client mail is addressed to, and how its dates are shown (the client's Local time). */
export interface Recipient {
  readonly login: string;
  readonly contactName: string;
  readonly currency: string;
  /** IANA time zone. */
  readonly timezone: string;
}

export interface PriceChange {
  readonly destination: string;
  /** The price in force before the change takes effect; null when there was none. */
  readonly before: Decimal.Value | null;
  readonly after: Decimal.Value;
  readonly effectiveFrom: Date;
  /** The change takes effect at once (not scheduled for later). */
  readonly immediate: boolean;
}

/** "2026-12-10 09:00 (Europe/Kyiv)": a moment in the client's time zone. */
export function localTime(at: Date, timezone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')} (${timezone})`;
}

/** clients.md, E-mail for Price update: every change of the client's prices, old → new and when it takes effect. */
export function priceUpdateMail(to: string, r: Recipient, c: PriceChange): MailDraft {
  const before = c.before === null ? 'none' : `${formatPrice(c.before)} ${r.currency}`;
  const after = `${formatPrice(c.after)} ${r.currency}`;
  const when = c.immediate ? `now (${localTime(c.effectiveFrom, r.timezone)})` : localTime(c.effectiveFrom, r.timezone);
  return {
    to,
    subject: `Price change for ${c.destination}: ${before} → ${after}${c.immediate ? '' : ` from ${localTime(c.effectiveFrom, r.timezone).slice(0, 10)}`}`,
    body: [
      `Hello ${r.contactName},`,
      '',
      `the price of your messages to ${c.destination} (account ${r.login}) changes:`,
      '',
      `  Price until now:  ${before} per message part`,
      `  New price:        ${after} per message part`,
      `  Takes effect:     ${when}`,
      '',
      'Messages accepted from then on are charged at the new price.',
    ].join('\n'),
  };
}

/** clients.md, Notification limit: the available balance fell below the limit. */
export function lowBalanceMail(to: string, r: Recipient, available: Decimal.Value, limit: Decimal.Value): MailDraft {
  const amount = `${formatMoney(available)} ${r.currency}`;
  return {
    to,
    subject: `Low balance: ${amount} available on ${r.login}`,
    body: [
      `Hello ${r.contactName},`,
      '',
      `the funds available on your account ${r.login} (the balance with any credit and overdraw) are ${amount},`,
      `below your notification limit of ${formatMoney(limit)} ${r.currency}.`,
      '',
      'Top up to keep your messages going: a message that the available funds do not cover is refused.',
      'This e-mail comes again only after the available funds have risen above the limit and fallen below it once more.',
    ].join('\n'),
  };
}
