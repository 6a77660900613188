import type { Generated } from 'kysely';

/** Tables of the HTTP and REST APIs: idempotency keys and the texts clients hold ids for. */
export interface RestApiTables {
  idempotency_keys: IdempotencyKeysTable;
  api_texts: ApiTextsTable;
  api_text_parts: ApiTextPartsTable;
}

export interface IdempotencyKeysTable {
  client_id: number;
  key: string;
  request_hash: string;
  status_code: number | null;
  response: string | null;
  created_at: Generated<Date>;
  completed_at: Date | null;
}

export interface ApiTextsTable {
  id: number;
  client_id: number;
  channel: 'http' | 'rest';
  part_ids: number[];
  status: Generated<'accepted' | 'cancelled'>;
  dlr_url: string | null;
  dlr_mask: Generated<number>;
  callback_url: string | null;
  owed_bits: Generated<number>;
  created_at: Generated<Date>;
}

export interface ApiTextPartsTable {
  message_id: number;
  text_id: number;
  part_number: number;
}
