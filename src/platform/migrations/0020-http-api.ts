import { type Kysely, sql } from 'kysely';

/**
 * The HTTP API, REST API v1 and webhooks: API keys, idempotency keys, the texts clients hold ids
 * for (one id per text, its parts tracked inside), client webhooks and their durable outbox.
 * No foreign keys point at messages: the messages table is to be partitioned by time.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

const statements = [
  // ── API keys (REST v1): the key is shown once; only its SHA-256 is kept ──
  `CREATE TABLE api_keys (
    id bigserial PRIMARY KEY,
    client_id bigint NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    name text NOT NULL,
    prefix text NOT NULL,                         -- the key's first characters, for people to recognise it
    key_hash text NOT NULL UNIQUE,                -- SHA-256 of the whole key, hex
    rate_per_second integer CHECK (rate_per_second BETWEEN 1 AND 100000),  -- NULL = the platform default
    created_by text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at timestamptz
  )`,
  `CREATE INDEX api_keys_client_idx ON api_keys (client_id, id)`,

  // ── Idempotency-Key of POST /api/v1/messages: the first answer, replayed to retries ──
  `CREATE TABLE idempotency_keys (
    client_id bigint NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    key text NOT NULL,
    request_hash text NOT NULL,                   -- SHA-256 of method, path and canonical body
    status_code integer,                          -- NULL while the first request runs
    response text,                                -- the answer's JSON exactly as first sent
    created_at timestamptz NOT NULL DEFAULT now(),
    completed_at timestamptz,
    PRIMARY KEY (client_id, key)
  )`,
  `CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at)`,

  // ── Texts sent over HTTP and REST: the client's id is the first part's message id ──
  `CREATE TABLE api_texts (
    id bigint PRIMARY KEY,
    client_id bigint NOT NULL,                    -- no foreign key: its share lock would deadlock with intake's FOR UPDATE of clients
    channel text NOT NULL CHECK (channel IN ('http', 'rest')),
    part_ids bigint[] NOT NULL,                   -- the parts' message ids, in order
    status text NOT NULL DEFAULT 'accepted' CHECK (status IN ('accepted', 'cancelled')),
    dlr_url text,                                 -- /sendsms dlr-url (placeholders unexpanded)
    dlr_mask integer NOT NULL DEFAULT 0,
    callback_url text,                            -- REST callbackUrl
    owed_bits integer NOT NULL DEFAULT 0,         -- dlr-mask bits 4 and 8 not reported yet
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX api_texts_owed_idx ON api_texts (id) WHERE owed_bits <> 0`,
  `CREATE TABLE api_text_parts (
    message_id bigint PRIMARY KEY,
    text_id bigint NOT NULL REFERENCES api_texts(id) ON DELETE CASCADE,
    part_number integer NOT NULL CHECK (part_number >= 1)
  )`,
  `CREATE INDEX api_text_parts_text_idx ON api_text_parts (text_id)`,
  // Reports for HTTP, REST and web messages are the webhook relay's; SMPP rows are the deliverer's.
  `CREATE INDEX client_reports_api_pending_idx ON client_reports (id) WHERE delivered_at IS NULL AND channel <> 'smpp'`,

  // ── Webhooks: settings, the durable outbox and every attempt ──
  `CREATE TABLE client_webhooks (
    client_id bigint PRIMARY KEY REFERENCES clients(id) ON DELETE CASCADE,
    url text,                                     -- NULL: only callbackUrl deliveries (still signed)
    events text[] NOT NULL DEFAULT '{}',
    secret text NOT NULL,                         -- kept in clear: signing needs it
    mo_cursor bigint NOT NULL DEFAULT 0,          -- the last inbox id put in the outbox
    updated_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE TABLE webhook_deliveries (
    id bigserial PRIMARY KEY,
    client_id bigint NOT NULL,                    -- no foreign key, as api_texts
    event text NOT NULL CHECK (event IN ('dlr', 'mo', 'dlr_url')),
    dedupe_key text UNIQUE,                       -- one delivery per (event, subject, target); NULL for a resend
    message_id bigint,                            -- the text's id for a DLR
    inbox_id bigint,                              -- the MO
    method text NOT NULL CHECK (method IN ('GET', 'POST')),
    url text NOT NULL,
    body text,
    status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    claimed_until timestamptz,
    last_status integer,
    last_error text,
    resend_of bigint,
    created_at timestamptz NOT NULL DEFAULT now(),
    delivered_at timestamptz
  )`,
  `CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE status = 'pending'`,
  `CREATE INDEX webhook_deliveries_client_idx ON webhook_deliveries (client_id, id DESC)`,
  `CREATE TABLE webhook_attempts (
    id bigserial PRIMARY KEY,
    delivery_id bigint NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
    attempt integer NOT NULL,
    at timestamptz NOT NULL,
    status_code integer,
    error text,
    duration_ms integer NOT NULL
  )`,
  `CREATE INDEX webhook_attempts_delivery_idx ON webhook_attempts (delivery_id, id)`,
];
