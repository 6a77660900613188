import { Decimal } from 'decimal.js';

/** What decides whether a client can pay: balance, permanent credit and a temporary overdraw. */
export interface FundsAccount {
  readonly balance: Decimal;
  /** null = no credit. */
  readonly creditLimit: Decimal | null;
  /** Extra limit until `until` (inclusive); ignored after it. */
  readonly overdraw: { readonly amount: Decimal; readonly until: Date } | null;
}

/** The overdraw amount that counts at `now`: its amount until its end, then nothing. */
export function activeOverdraw(account: Pick<FundsAccount, 'overdraw'>, now: Date): Decimal {
  const o = account.overdraw;
  return o && now.getTime() <= o.until.getTime() ? o.amount : new Decimal(0);
}

/** How much the client may still spend: balance + credit + active overdraw (may be negative). */
export function availableFunds(account: FundsAccount, now: Date): Decimal {
  return account.balance.plus(account.creditLimit ?? 0).plus(activeOverdraw(account, now));
}

/**
 * Whether a charge of `amount` is allowed: balance − amount ≥ −(credit + active overdraw).
 * Nothing to charge (a free message) is always allowed. The database re-checks the same
 * inequality atomically when it debits (BillingStore.chargeBatch).
 */
export function canCharge(account: FundsAccount, amount: Decimal, now: Date): boolean {
  return amount.isZero() || availableFunds(account, now).gte(amount);
}
