import type { ColumnType, Generated } from 'kysely';

/** Tables owned by the policy module: sender names, deny-list, blacklist, daily counts, settings. */
export interface PolicyTables {
  client_senders: ClientSendersTable;
  sender_denylist: SenderDenylistTable;
  blacklist: BlacklistTable;
  client_daily_counts: ClientDailyCountsTable;
  policy_settings: PolicySettingsTable;
}

export interface ClientSendersTable {
  id: Generated<number>;
  client_id: number;
  name: string;
  status: 'pending' | 'approved' | 'denied';
  reason: ColumnType<string, string | undefined, string>;
  decided_by: string | null;
  decided_at: Date | null;
  created_at: Generated<Date>;
}

export interface SenderDenylistTable {
  pattern: string;
  created_at: Generated<Date>;
}

export interface BlacklistTable {
  number: string;
  reason: ColumnType<string, string | undefined, string>;
  created_at: Generated<Date>;
}

export interface ClientDailyCountsTable {
  client_id: number;
  /** The client's local date, 'YYYY-MM-DD'. Select it as `day::text`: drivers turn a bare `date` into a Date at local midnight. */
  day: ColumnType<string, string, string>;
  messages: ColumnType<number, number | undefined, number>;
  tests: ColumnType<number, number | undefined, number>;
}

export interface PolicySettingsTable {
  id: number;
  test_daily_quota: number;
}
