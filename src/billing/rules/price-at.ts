import type { Decimal } from 'decimal.js';

/** One row of a client's price history for a destination. */
export interface PriceRow {
  readonly price: Decimal;
  readonly effectiveFrom: Date;
  /** Breaks ties between rows effective at the same moment: the later one (higher id) wins. */
  readonly id?: number;
}

/** The row in force at `at`: the latest `effectiveFrom` not after it. Undefined when none yet. */
export function priceRowAt<R extends PriceRow>(rows: readonly R[], at: Date): R | undefined {
  let best: R | undefined;
  for (const r of rows) {
    if (r.effectiveFrom.getTime() > at.getTime()) continue;
    if (!best || later(r, best)) best = r;
  }
  return best;
}

/** The price in force at `at`, or undefined when the destination has no price yet. */
export function priceAt(rows: readonly PriceRow[], at: Date): Decimal | undefined {
  return priceRowAt(rows, at)?.price;
}

function later(a: PriceRow, b: PriceRow): boolean {
  const d = a.effectiveFrom.getTime() - b.effectiveFrom.getTime();
  return d > 0 || (d === 0 && (a.id ?? 0) > (b.id ?? 0));
}
