import type { Generated } from 'kysely';

/** Tables of client webhooks: settings, the outbox of deliveries and their attempts. */
export interface WebhookTables {
  client_webhooks: ClientWebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
}

export type WebhookEvent = 'dlr' | 'mo';

export interface ClientWebhooksTable {
  client_id: number;
  url: string | null;
  events: WebhookEvent[];
  secret: string;
  mo_cursor: Generated<number>;
  updated_at: Generated<Date>;
}

export type DeliveryEvent = 'dlr' | 'mo' | 'dlr_url';
export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface WebhookDeliveriesTable {
  id: Generated<number>;
  client_id: number;
  event: DeliveryEvent;
  dedupe_key: string | null;
  message_id: number | null;
  inbox_id: number | null;
  method: 'GET' | 'POST';
  url: string;
  body: string | null;
  status: Generated<DeliveryStatus>;
  attempts: Generated<number>;
  next_attempt_at: Generated<Date>;
  claimed_until: Date | null;
  /** The node that claimed it (PETREL_NODE_ID or derived), while claimed. */
  claimed_by: string | null;
  last_status: number | null;
  last_error: string | null;
  /** How long the last try took. */
  last_duration_ms: number | null;
  resend_of: number | null;
  created_at: Generated<Date>;
  delivered_at: Date | null;
}

export interface WebhookAttemptsTable {
  id: Generated<number>;
  delivery_id: number;
  attempt: number;
  at: Date;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
}
