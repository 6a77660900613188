import type { ColumnType, Generated } from 'kysely';

/** Tables owned by the billing module. Money columns are numeric: strings in JS, Decimal in code. */
export interface BillingTables {
  client_prices: ClientPricesTable;
  ledger: LedgerTable;
}

type Numeric = ColumnType<string, string, string>;

export interface ClientPricesTable {
  id: Generated<number>;
  client_id: number;
  destination_id: number;
  price: Numeric;
  effective_from: ColumnType<Date, Date | string, Date | string>;
  created_by: string;
  created_at: Generated<Date>;
}

export type LedgerKind = 'topup' | 'charge' | 'refund' | 'postpaid_topup' | 'adjustment' | 'invoice';

export interface LedgerTable {
  id: Generated<number>;
  client_id: number;
  kind: LedgerKind;
  amount: Numeric;
  balance_after: Numeric;
  messages: ColumnType<number, number | undefined, number>;
  message_id: number | null;
  comment: ColumnType<string, string | undefined, string>;
  actor: string;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}
