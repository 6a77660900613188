import type { Generated } from 'kysely';

/** REST API keys of clients (profile page → API keys). */
export interface ApiKeysTables {
  api_keys: ApiKeysTable;
}

export interface ApiKeysTable {
  id: Generated<number>;
  client_id: number;
  name: string;
  prefix: string;
  key_hash: string;
  rate_per_second: number | null;
  created_by: string;
  created_at: Generated<Date>;
  last_used_at: Date | null;
  revoked_at: Date | null;
}
