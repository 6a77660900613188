import { Decimal } from 'decimal.js';
import type { StatsApiRow } from '../../api/types.ts';
import { statsGroupOf } from '../../../../src/messaging/rules/message-states.ts';

export type { StatsApiRow };

/** What the Statistics page groups by (besides the state, which it always splits into columns). */
export type Dimension = 'day' | 'client' | 'country' | 'network' | 'vendor';

/** One line of the page's table: a dimension's value in one currency, its states summed into columns. */
export interface StatsLine {
  readonly key: string;
  readonly label: string;
  readonly currency: string;
  readonly messages: number;
  readonly segments: number;
  readonly delivered: number;
  /** Final, not delivered: undelivered, expired, unknown (charged). */
  readonly notDelivered: number;
  /** Final and refunded: rejected, failed, deleted. */
  readonly refunded: number;
  /** Not final yet: scheduled, queued, moderation, sent. */
  readonly pending: number;
  /** delivered / every final message, 0..1; null while none is final. */
  readonly deliveryRate: number | null;
  readonly amount: string;
}


function labelOf(row: StatsApiRow, by: Dimension, countryName: (code: string) => string): { key: string; label: string } {
  switch (by) {
    case 'day':
      return { key: row.day ?? '', label: row.day ?? '' };
    case 'client':
      return { key: String(row.clientId), label: row.clientLogin ?? `#${row.clientId}` };
    case 'vendor':
      return row.vendorId ? { key: String(row.vendorId), label: row.vendorName ?? `#${row.vendorId}` } : { key: '0', label: 'no vendor' };
    case 'country':
      return row.country ? { key: row.country, label: `${countryName(row.country)} (${row.country})` } : { key: '', label: 'unknown country' };
    case 'network':
      return row.network ? { key: row.network, label: row.networkName ? `${row.networkName} (${row.network})` : row.network } : { key: '', label: 'the country, no network' };
  }
}

interface Sum {
  key: string;
  label: string;
  currency: string;
  messages: number;
  segments: number;
  delivered: number;
  notDelivered: number;
  refunded: number;
  pending: number;
  amount: Decimal;
}

function summed(groups: Iterable<Sum>): StatsLine[] {
  return [...groups].map(({ amount, ...s }) => {
    const final = s.delivered + s.notDelivered + s.refunded;
    return { ...s, deliveryRate: final === 0 ? null : s.delivered / final, amount: amount.toFixed() };
  });
}

function add(into: Map<string, Sum>, key: string, label: string, row: StatsApiRow): void {
  const id = `${key}|${row.currency}`;
  let s = into.get(id);
  if (!s) {
    s = { key: id, label, currency: row.currency, messages: 0, segments: 0, delivered: 0, notDelivered: 0, refunded: 0, pending: 0, amount: new Decimal(0) };
    into.set(id, s);
  }
  s.messages += row.messages;
  s.segments += row.segments;
  s[statsGroupOf(row.state ?? '')] += row.messages;
  s.amount = s.amount.plus(row.amount);
}

/**
 * The table's lines: one per value of `by` and currency (amounts never mix currencies), days in
 * order, anything else by messages, most first.
 */
export function statsLines(rows: readonly StatsApiRow[], by: Dimension, countryName: (code: string) => string = (c) => c): StatsLine[] {
  const groups = new Map<string, Sum>();
  for (const row of rows) {
    const { key, label } = labelOf(row, by, countryName);
    add(groups, key, label, row);
  }
  const lines = summed(groups.values());
  return by === 'day' ? lines.sort((a, b) => a.label.localeCompare(b.label) || a.currency.localeCompare(b.currency)) : lines.sort((a, b) => b.messages - a.messages || a.label.localeCompare(b.label));
}

/** The totals over every row, one per currency. */
export function statsTotals(rows: readonly StatsApiRow[]): StatsLine[] {
  const groups = new Map<string, Sum>();
  for (const row of rows) add(groups, 'total', 'Total', row);
  return summed(groups.values()).sort((a, b) => a.currency.localeCompare(b.currency));
}
