import type { ColumnType, Generated } from 'kysely';
import type { DispatchWindow } from './client.ts';

type NullableJson<T> = ColumnType<T | null, string | null | undefined, string | null>;
type NullableNumeric = ColumnType<string | null, string | null | undefined, string | null>;

/** A client account: the 46 fields of clients.md (less the password's confirmation), state and balance. */
export interface ClientsTable {
  id: Generated<number>;
  login: string;
  password_hash: string;
  currency: string;
  contact_name: string;
  phone: string;
  email: string;
  price_update_email: string;
  billing_email: string;
  manager_id: number | null;
  notification_limit: NullableNumeric;
  moderation: 'manual' | 'automatic';
  timezone: string;
  dispatch_windows: NullableJson<DispatchWindow[]>;
  credit_limit: NullableNumeric;
  overdraw_amount: NullableNumeric;
  overdraw_until: Date | null;
  priority: number;
  blacklist_disabled: boolean;
  dynamic_sender: boolean;
  mo_via_smpp: boolean;
  short_urls: boolean;
  monthly_postpaid_topup: NullableNumeric;
  daily_limit: number | null;
  can_send_tests: boolean;
  daily_stats_email: boolean;
  product_id: number | null;
  contract_number: string | null;
  company: string | null;
  company_credentials: string | null;
  country: string | null;
  business_type_id: number | null;
  category_type_id: number | null;
  messenger: string | null;
  dlr_wait_days: number;
  expired_dlr_status: string;
  can_send_smpp: boolean;
  can_send_http_api: boolean;
  can_send_web: boolean;
  can_send_rest: boolean;
  can_add_subaccounts: boolean;
  legal_entity_id: number | null;
  invoice_days: NullableJson<number[]>;
  send_stats: boolean;
  send_invoices: boolean;
  send_invoices_by_email: boolean;
  comments: string | null;
  status: Generated<'active' | 'blocked'>;
  blocked_reason: string | null;
  blocked_at: Date | null;
  balance: ColumnType<string, string | undefined, string>;
  created_at: ColumnType<Date, Date | undefined, Date>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
  /** Bumped by triggers when what intake decides with changes (migration 0043); never written by the code. */
  settings_version: ColumnType<string, never, never>;
}
