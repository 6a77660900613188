import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { availableFunds, canCharge, type FundsAccount } from './can-charge.ts';

const now = new Date('2026-05-10T12:00:00Z');
const account = (balance: string, credit: string | null = null, overdraw: [string, string] | null = null): FundsAccount => ({
  balance: new Decimal(balance),
  creditLimit: credit === null ? null : new Decimal(credit),
  overdraw: overdraw && { amount: new Decimal(overdraw[0]), until: new Date(overdraw[1]) },
});

describe('availableFunds', () => {
  it.each<[string, FundsAccount, string]>([
    ['balance only', account('10.00'), '10'],
    ['balance plus credit', account('10.00', '5.50'), '15.5'],
    ['a negative balance eats into credit', account('-3.00', '5.00'), '2'],
    ['an active overdraw adds to credit', account('0', '5', ['20', '2026-06-01T00:00:00Z']), '25'],
    ['an overdraw counts until its end, inclusive', account('0', null, ['20', '2026-05-10T12:00:00Z']), '20'],
    ['an expired overdraw is ignored', account('0', '5', ['20', '2026-05-10T11:59:59Z']), '5'],
    ['exact decimals, no float drift', account('0.1', '0.2'), '0.3'],
    ['below the credit line: negative', account('-7', '5'), '-2'],
  ])('%s', (_name, a, expected) => {
    expect(availableFunds(a, now).toString()).toBe(expected);
  });
});

describe('canCharge', () => {
  it.each<[string, FundsAccount, string, boolean]>([
    ['enough balance', account('1.00'), '0.99', true],
    ['exactly the balance', account('1.00'), '1.00', true],
    ['one micro-unit short', account('1.00'), '1.000001', false],
    ['short without credit', account('0.50'), '1.00', false],
    ['credit covers it: balance may go to −credit', account('0.50', '0.50'), '1.00', true],
    ['credit is not enough', account('0.50', '0.49'), '1.00', false],
    ['an active overdraw covers it', account('0', '0', ['1', '2026-12-31T00:00:00Z']), '1.00', true],
    ['an expired overdraw does not', account('0', '0', ['1', '2026-01-01T00:00:00Z']), '1.00', false],
    ['credit and overdraw together', account('-4', '3', ['2', '2026-12-31T00:00:00Z']), '1', true],
    ['a free message passes even below the limit: nothing is charged', account('-1'), '0', true],
    ['a free message passes at zero', account('0'), '0', true],
  ])('%s', (_name, a, amount, expected) => {
    expect(canCharge(a, new Decimal(amount), now)).toBe(expected);
  });
});
