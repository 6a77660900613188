import { Decimal } from 'decimal.js';

/**
 * An amount as the API shows it: at least two decimals ("250.00"), more only when they carry a
 * digit ("0.125"). PostgreSQL's numeric(18,4) answers "250.0000"; the trailing zeros say nothing.
 */
export function formatAmount(value: string): string {
  const d = new Decimal(value);
  return d.toFixed(Math.max(2, d.decimalPlaces()));
}

export function formatAmountOrNull(value: string | null): string | null {
  return value === null ? null : formatAmount(value);
}
