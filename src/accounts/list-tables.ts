import type { ColumnType, Generated } from 'kysely';

/** jsonb: read as parsed JSON, written as a JSON string. */
export type Json<T> = ColumnType<T, string, string>;
/** numeric: exact decimal strings both ways (never a JS number). */
export type Numeric = ColumnType<string, string, string>;

export interface CurrenciesTable {
  code: string;
  id: Generated<number>;
  enabled: Generated<boolean>;
}

export interface NamedListTable {
  id: Generated<number>;
  name: string;
  created_at: Generated<Date>;
}

export interface LegalEntitiesTable {
  id: Generated<number>;
  name: string;
  address: string | null;
  country: string | null;
  tax_number: string | null;
  vat_number: string | null;
  registration_number: string | null;
  bank_name: string | null;
  bank_account: string | null;
  swift: string | null;
  invoice_prefix: Generated<string>;
  email: string | null;
  phone: string | null;
  created_at: Generated<Date>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface ProductsTable {
  id: Generated<number>;
  name: string;
  description: string | null;
  defaults: ColumnType<Record<string, unknown>, string, string>;
  created_at: Generated<Date>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface PlatformDefaultsTable {
  id: Generated<boolean>;
  moderation: 'manual' | 'automatic';
  timezone: string;
  priority: number;
  dlr_wait_days: number;
  expired_dlr_status: string;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}
