/** The SMPP & API tab of a client's profile: its machine credentials and connection limits. */
export interface ClientAccessTables {
  client_access: ClientAccessTable;
}

export interface ClientAccessTable {
  client_id: number;
  smpp_system_id: string | null;
  smpp_password_hash: string | null;
  allowed_ips: string[];
  max_binds: number;
  throughput: number | null;
  api_password_hash: string | null;
}
