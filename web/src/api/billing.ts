import { http, type Query } from './http.ts';
import type { Page } from './types.ts';

/** A client's money: payments, the ledger, and prices per destination (src/billing/*.http.ts). */

export type LedgerKind = 'topup' | 'charge' | 'refund' | 'postpaid_topup' | 'adjustment' | 'invoice';

export interface LedgerEntry {
  readonly id: number;
  readonly kind: LedgerKind;
  /** Signed decimal string: what this row moved. */
  readonly amount: string;
  readonly balanceAfter: string;
  /** Messages a charge covers (0 for payments). */
  readonly messages: number;
  readonly messageId: string | null;
  readonly comment: string;
  readonly actor: string;
  readonly createdAt: string;
}

export interface Ledger extends Page<LedgerEntry> {
  readonly currency: string;
  readonly balance: string;
}

export interface PaymentInput {
  readonly kind: 'topup' | 'adjustment';
  readonly amount: string;
  readonly comment: string;
}

export interface PriceEntry {
  readonly id: number;
  readonly destinationId: number;
  readonly price: string;
  readonly effectiveFrom: string;
  readonly createdBy: string;
  readonly createdAt: string;
}

/** One destination on the Prices tab: the price in force now and the scheduled ones. */
export interface DestinationPrice {
  readonly destinationId: number;
  readonly destinationName: string;
  readonly country: string;
  readonly price: string | null;
  readonly effectiveFrom: string | null;
  readonly scheduled: PriceEntry[];
}

export interface PriceInput {
  readonly destinationId: number;
  readonly price: string;
  /** ISO date-time; absent (or past) means from now. */
  readonly effectiveFrom?: string;
}

export const payments = {
  ledger: (clientId: number, query: Query) => http.get<Ledger>(`/api/admin/clients/${clientId}/ledger`, query),
  add: (clientId: number, body: PaymentInput) => http.post<{ currency: string; balance: string; entry: LedgerEntry }>(`/api/admin/clients/${clientId}/payments`, body),
};

export const prices = {
  list: (clientId: number) => http.get<{ currency: string; items: DestinationPrice[] }>(`/api/admin/clients/${clientId}/prices`),
  set: (clientId: number, body: PriceInput) => http.put<{ currency: string; price: PriceEntry & { destinationName: string; scheduled: boolean } }>(`/api/admin/clients/${clientId}/prices`, body),
  history: (clientId: number, destinationId?: number) =>
    http.get<{ currency: string; items: (PriceEntry & { destinationName: string })[] }>(`/api/admin/clients/${clientId}/prices/history`, { destinationId }),
};
