import type { ColumnType, Generated } from 'kysely';
import type { ClientsTable } from './client-tables.ts';
import type { CurrenciesTable, LegalEntitiesTable, NamedListTable, PlatformDefaultsTable, ProductsTable } from './list-tables.ts';

/** Tables owned by the accounts module. */
export interface AccountsTables {
  operators: OperatorsTable;
  operator_sessions: OperatorSessionsTable;
  operator_tokens: OperatorTokensTable;
  history: HistoryTable;
  clients: ClientsTable;
  currencies: CurrenciesTable;
  business_types: NamedListTable;
  category_types: NamedListTable;
  legal_entities: LegalEntitiesTable;
  products: ProductsTable;
  platform_defaults: PlatformDefaultsTable;
}

export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface OperatorsTable {
  id: Generated<number>;
  login: string;
  password_hash: string;
  role: 'admin' | 'manager';
  name: Generated<string>;
  email: Generated<string>;
  disabled: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface OperatorSessionsTable {
  token_hash: string;
  operator_id: number;
  created_at: Generated<Date>;
  expires_at: Timestamp;
}

export interface OperatorTokensTable {
  id: Generated<number>;
  operator_id: number;
  name: string;
  token_hash: string;
  created_at: Generated<Date>;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface HistoryTable {
  id: Generated<number>;
  entity: string;
  entity_id: number;
  action: string;
  field: string | null;
  before: ColumnType<unknown, string | null, string | null>;
  after: ColumnType<unknown, string | null, string | null>;
  actor_id: number | null;
  actor_login: string;
  at: Generated<Date>;
}
