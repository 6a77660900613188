import { Decimal } from 'decimal.js';
import { formatMoney, formatPrice } from '../../../billing/money.ts';
import { type StatsGroup, statsGroupOf } from '../../../messaging/rules/message-states.ts';

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

/** One counter row of a client's day (stats_daily: messages moved into `state` that day). */
export interface DayFigures {
  readonly country: string;
  readonly state: string;
  readonly isTest: boolean;
  readonly messages: number;
  readonly segments: number;
  /** Decimal string. */
  readonly amount: string;
}

const count = (n: number): string => n.toLocaleString('en');
const percent = (part: number, whole: number): string => (whole === 0 ? '—' : `${((100 * part) / whole).toFixed(1)} %`);

/**
 * clients.md, Daily mailing of general statistics: the previous day's figures (the client's own
 * day), grouped as the statistics page groups them (statsGroupOf) — delivered, not delivered, refunded, in progress, the
 * delivery rate over final messages, the amount, and the messages per country. Test messages
 * (free) are counted apart.
 */
export function dailyStatsMail(to: string, r: Recipient, day: string, rows: readonly DayFigures[]): MailDraft {
  const paid = rows.filter((x) => !x.isTest);
  const sum = (pick: (x: DayFigures) => number, of: readonly DayFigures[] = paid) => of.reduce((n, x) => n + pick(x), 0);
  const inGroup = (group: StatsGroup) => sum((x) => (statsGroupOf(x.state) === group ? x.messages : 0));
  const [delivered, notDelivered, refunded, pending] = [inGroup('delivered'), inGroup('notDelivered'), inGroup('refunded'), inGroup('pending')];
  const messages = sum((x) => x.messages);
  const amount = paid.reduce((a, x) => a.plus(x.amount), new Decimal(0));
  const countries = new Map<string, number>();
  for (const x of paid) countries.set(x.country || '—', (countries.get(x.country || '—') ?? 0) + x.messages);
  const byCountry = [...countries].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const tests = sum((x) => x.messages, rows.filter((x) => x.isTest));
  const final = delivered + notDelivered + refunded;
  const lines =
    messages === 0
      ? ['  No message was sent that day.']
      : [
          `  Messages:        ${count(messages)} (${count(sum((x) => x.segments))} parts)`,
          `  Delivered:       ${count(delivered)} (${percent(delivered, final)} of those with a final state)`,
          `  Not delivered:   ${count(notDelivered)}`,
          `  Refunded:        ${count(refunded)} (rejected, failed or cancelled)`,
          `  In progress:     ${count(pending)}`,
          `  Charged:         ${formatMoney(amount)} ${r.currency}`,
          '',
          '  By country:',
          ...byCountry.map(([country, n]) => `    ${country.padEnd(4)} ${count(n)}`),
        ];
  return {
    to,
    subject: `Your messages on ${day}: ${count(messages)} sent, ${percent(delivered, final)} delivered`,
    body: [
      `Hello ${r.contactName},`,
      '',
      `the figures of your account ${r.login} for ${day} (${r.timezone}):`,
      '',
      ...lines,
      ...(tests > 0 ? ['', `  Test messages (free): ${count(tests)}`] : []),
      '',
      'Messages count on the day they were accepted, in the state they have reached by now.',
    ].join('\n'),
  };
}
