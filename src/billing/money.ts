import { Decimal } from 'decimal.js';

/**
 * A decimal string for JSON: at least `minDecimals` places, more only when the value has them
 * ("250.00", "0.0125", "0.001234"). Never a float.
 */
export function formatMoney(value: Decimal.Value, minDecimals = 2): string {
  const d = new Decimal(value);
  return d.toFixed(Math.max(minDecimals, d.decimalPlaces()));
}

/** A price as the API shows it: four decimals at least ("0.0100"). */
export const formatPrice = (value: Decimal.Value): string => formatMoney(value, 4);
