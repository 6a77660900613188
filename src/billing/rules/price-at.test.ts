import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { priceAt, type PriceRow, priceRowAt } from './price-at.ts';

const row = (price: string, from: string, id?: number): PriceRow => ({ price: new Decimal(price), effectiveFrom: new Date(from), ...(id !== undefined && { id }) });
const history = [row('0.0100', '2026-01-01T00:00:00Z', 1), row('0.0120', '2026-03-01T00:00:00Z', 2), row('0.0090', '2026-07-01T00:00:00Z', 3)];

describe('priceAt', () => {
  it.each<[string, PriceRow[], string, string | undefined]>([
    ['before any row: no price', history, '2025-12-31T23:59:59Z', undefined],
    ['from the first moment of a row', history, '2026-01-01T00:00:00Z', '0.01'],
    ['between rows: the latest started', history, '2026-05-01T00:00:00Z', '0.012'],
    ['a future row is not in force yet', history, '2026-06-30T23:59:59Z', '0.012'],
    ['once its date comes it is', history, '2026-07-01T00:00:00Z', '0.009'],
    ['rows in any order', [...history].reverse(), '2026-05-01T00:00:00Z', '0.012'],
    ['same moment: the later row (higher id) wins', [row('1', '2026-01-01T00:00:00Z', 5), row('2', '2026-01-01T00:00:00Z', 4)], '2026-02-01T00:00:00Z', '1'],
    ['no rows', [], '2026-01-01T00:00:00Z', undefined],
  ])('%s', (_name, rows, at, expected) => {
    expect(priceAt(rows, new Date(at))?.toString()).toBe(expected);
  });

  it('returns the row itself for callers that show it', () => {
    expect(priceRowAt(history, new Date('2026-04-01T00:00:00Z'))?.id).toBe(2);
  });
});
