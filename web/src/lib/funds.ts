import { Decimal } from 'decimal.js';
import type { Client } from '../api/types.ts';
import { availableFunds } from './message-path-rules.ts';

/**
 * What the client may still spend, by the server's own rule: balance + credit + the overdraw
 * while it runs. Decimal arithmetic on the API's strings; never a float.
 */
export function availableOf(client: Pick<Client, 'balance' | 'creditLimit' | 'overdraw'>, now = new Date()): string {
  const funds = availableFunds(
    {
      balance: new Decimal(client.balance),
      creditLimit: client.creditLimit === null ? null : new Decimal(client.creditLimit),
      overdraw: client.overdraw && { amount: new Decimal(client.overdraw.amount), until: new Date(client.overdraw.until) },
    },
    now,
  );
  return funds.toFixed();
}

/** Whether a decimal string is above zero. */
export const isPositive = (value: string): boolean => new Decimal(value).isPositive() && !new Decimal(value).isZero();
/** Whether a decimal string is zero. */
export const isZero = (value: string): boolean => new Decimal(value).isZero();
