import type { ColumnType, Generated } from 'kysely';

/** Tables owned by the routing module (destinations, vendors, pools, routes) and MO numbers. */
export interface RoutingTables {
  destinations: DestinationsTable;
  vendors: VendorsTable;
  pools: PoolsTable;
  pool_members: PoolMembersTable;
  routes: RoutesTable;
  mo_numbers: MoNumbersTable;
}

type WithDefault<T> = ColumnType<T, T | undefined, T>;

export interface DestinationsTable {
  id: Generated<number>;
  country: string;
  name: string;
  network: string | null;
  mcc: string | null;
  mnc: string | null;
  prefixes: WithDefault<string[]>;
  created_at: Generated<Date>;
}

export interface VendorsTable {
  id: Generated<number>;
  name: string;
  host: string;
  port: number;
  tls: WithDefault<boolean>;
  system_id: string;
  password: string;
  system_type: WithDefault<string>;
  bind_type: WithDefault<'transceiver' | 'transmitter'>;
  sessions: WithDefault<number>;
  tps: WithDefault<number>;
  window_size: WithDefault<number>;
  enquire_link_seconds: WithDefault<number>;
  reconnect_delay_seconds: WithDefault<number>;
  default_coding: WithDefault<'gsm7' | 'latin1' | 'ascii'>;
  source_ton: number | null;
  source_npi: number | null;
  dest_ton: WithDefault<number>;
  dest_npi: WithDefault<number>;
  message_id_base: WithDefault<'auto' | 'decimal' | 'hex'>;
  reroute_codes: WithDefault<number[]>;
  blocked: WithDefault<boolean>;
  daily_limit: number | null;
  enabled: WithDefault<boolean>;
  created_at: Generated<Date>;
}

export interface PoolsTable {
  id: Generated<number>;
  name: string;
  created_at: Generated<Date>;
}

export interface PoolMembersTable {
  pool_id: number;
  vendor_id: number;
  weight: number;
}

export interface RoutesTable {
  id: Generated<number>;
  name: WithDefault<string>;
  client_id: number | null;
  destination_id: number | null;
  priority: WithDefault<number>;
  pool_id: number;
  filter_senders: WithDefault<string[]>;
  filter_prefixes: WithDefault<string[]>;
  filter_text: WithDefault<string[]>;
  reroute_codes: WithDefault<number[]>;
  enabled: WithDefault<boolean>;
  created_at: Generated<Date>;
}

export interface MoNumbersTable {
  id: Generated<number>;
  number: string;
  keyword: string | null;
  client_id: number;
  created_at: Generated<Date>;
}
