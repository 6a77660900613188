import { type Kysely, sql } from 'kysely';

/**
 * The message path (routing, billing, policy, messaging). Money is numeric(20,6); message ids are
 * bigint and travel as decimal strings (SMPP message_id, JSON).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

const statements = [
  // ── routing ──────────────────────────────────────────────────────────────
  `CREATE TABLE destinations (
    id bigserial PRIMARY KEY,
    country text NOT NULL,                       -- ISO 3166-1 alpha-2
    name text NOT NULL,                          -- "Ukraine" or "Ukraine — Kyivstar"
    network text,                                -- operator name; NULL = the whole country
    mcc text,
    mnc text,                                    -- NULL = the whole country
    prefixes text[] NOT NULL DEFAULT '{}',       -- E.164 digits without '+', longest match wins
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE UNIQUE INDEX destinations_network_key ON destinations (country, coalesce(mcc, ''), coalesce(mnc, ''))`,
  `CREATE TABLE vendors (
    id bigserial PRIMARY KEY,
    name text NOT NULL,
    host text NOT NULL,
    port integer NOT NULL CHECK (port BETWEEN 1 AND 65535),
    tls boolean NOT NULL DEFAULT false,
    system_id text NOT NULL,
    password text NOT NULL,                      -- needed in clear to bind upstream
    system_type text NOT NULL DEFAULT '',
    bind_type text NOT NULL DEFAULT 'transceiver' CHECK (bind_type IN ('transceiver', 'transmitter')),
    sessions integer NOT NULL DEFAULT 1 CHECK (sessions BETWEEN 1 AND 64),
    tps integer NOT NULL DEFAULT 100 CHECK (tps > 0),
    window_size integer NOT NULL DEFAULT 10 CHECK (window_size BETWEEN 1 AND 10000),
    enquire_link_seconds integer NOT NULL DEFAULT 30 CHECK (enquire_link_seconds > 0),
    reconnect_delay_seconds integer NOT NULL DEFAULT 5 CHECK (reconnect_delay_seconds > 0),
    default_coding text NOT NULL DEFAULT 'gsm7' CHECK (default_coding IN ('gsm7', 'latin1', 'ascii')),
    source_ton integer, source_npi integer, dest_ton integer NOT NULL DEFAULT 1, dest_npi integer NOT NULL DEFAULT 1,
    message_id_base text NOT NULL DEFAULT 'auto' CHECK (message_id_base IN ('auto', 'decimal', 'hex')),
    reroute_codes integer[] NOT NULL DEFAULT '{}',  -- command_status / DLR err codes that move a message to the next route
    blocked boolean NOT NULL DEFAULT false,      -- soft block: messages wait, nothing is sent
    daily_limit integer CHECK (daily_limit >= 0),
    enabled boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE UNIQUE INDEX vendors_name_key ON vendors (lower(name))`,
  `CREATE TABLE pools (
    id bigserial PRIMARY KEY,
    name text NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE TABLE pool_members (
    pool_id bigint NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
    vendor_id bigint NOT NULL REFERENCES vendors(id),
    weight integer NOT NULL CHECK (weight BETWEEN 0 AND 100),   -- percent; members of a pool sum to 100
    PRIMARY KEY (pool_id, vendor_id)
  )`,
  `CREATE TABLE routes (
    id bigserial PRIMARY KEY,
    name text NOT NULL DEFAULT '',
    client_id bigint REFERENCES clients(id) ON DELETE CASCADE,  -- NULL = a general route
    destination_id bigint REFERENCES destinations(id) ON DELETE CASCADE, -- NULL = every destination
    priority integer NOT NULL DEFAULT 100,       -- lower wins
    pool_id bigint NOT NULL REFERENCES pools(id),
    filter_senders text[] NOT NULL DEFAULT '{}',
    filter_prefixes text[] NOT NULL DEFAULT '{}',
    filter_text text[] NOT NULL DEFAULT '{}',
    reroute_codes integer[] NOT NULL DEFAULT '{}',
    enabled boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX routes_lookup_idx ON routes (client_id, destination_id)`,

  // ── billing ──────────────────────────────────────────────────────────────
  `CREATE TABLE client_prices (
    id bigserial PRIMARY KEY,
    client_id bigint NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    destination_id bigint NOT NULL REFERENCES destinations(id) ON DELETE CASCADE,
    price numeric(20,6) NOT NULL CHECK (price >= 0),
    effective_from timestamptz NOT NULL,
    created_by text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX client_prices_lookup_idx ON client_prices (client_id, destination_id, effective_from DESC)`,
  `CREATE TABLE ledger (
    id bigserial PRIMARY KEY,
    client_id bigint NOT NULL REFERENCES clients(id),
    kind text NOT NULL CHECK (kind IN ('topup', 'charge', 'refund', 'postpaid_topup', 'adjustment', 'invoice')),
    amount numeric(20,6) NOT NULL,               -- signed: a charge is negative
    balance_after numeric(20,6) NOT NULL,
    messages integer NOT NULL DEFAULT 0,         -- how many messages a charge or refund covers
    message_id bigint,                           -- set for a refund of one message
    comment text NOT NULL DEFAULT '',
    actor text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX ledger_client_idx ON ledger (client_id, id)`,
  `CREATE UNIQUE INDEX ledger_refund_once ON ledger (message_id) WHERE kind = 'refund'`, // a message is refunded at most once

  // ── policy ───────────────────────────────────────────────────────────────
  `CREATE TABLE client_senders (
    id bigserial PRIMARY KEY,
    client_id bigint NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    name text NOT NULL,
    status text NOT NULL CHECK (status IN ('pending', 'approved', 'denied')),
    reason text NOT NULL DEFAULT '',
    decided_by text,
    decided_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE UNIQUE INDEX client_senders_key ON client_senders (client_id, lower(name))`,
  `CREATE TABLE sender_denylist (
    pattern text PRIMARY KEY,                    -- a sender name, compared case-insensitively
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE TABLE blacklist (
    number text PRIMARY KEY,                     -- E.164 digits without '+'
    reason text NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE TABLE client_daily_counts (
    client_id bigint NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    day date NOT NULL,                           -- the client's local day
    messages integer NOT NULL DEFAULT 0,
    tests integer NOT NULL DEFAULT 0,
    PRIMARY KEY (client_id, day)
  )`,
  `CREATE TABLE policy_settings (
    id integer PRIMARY KEY CHECK (id = 1),
    test_daily_quota integer NOT NULL DEFAULT 10 CHECK (test_daily_quota >= 0)
  )`,
  `INSERT INTO policy_settings (id) VALUES (1)`,

  // ── client access (SMPP & API tab) ────────────────────────────────────────
  `CREATE TABLE client_access (
    client_id bigint PRIMARY KEY REFERENCES clients(id) ON DELETE CASCADE,
    smpp_system_id text,
    smpp_password_hash text,
    allowed_ips text[] NOT NULL DEFAULT '{}',    -- CIDR ranges; empty = anywhere
    max_binds integer NOT NULL DEFAULT 5 CHECK (max_binds BETWEEN 1 AND 1000),
    throughput integer CHECK (throughput > 0),   -- messages per second over all binds
    api_password_hash text
  )`,
  `CREATE UNIQUE INDEX client_access_system_id_key ON client_access (lower(smpp_system_id))`,

  // ── messaging ────────────────────────────────────────────────────────────
  `CREATE TABLE messages (
    id bigserial PRIMARY KEY,
    client_id bigint NOT NULL REFERENCES clients(id),
    channel text NOT NULL CHECK (channel IN ('smpp', 'http', 'rest', 'web')),
    state text NOT NULL CHECK (state IN ('scheduled', 'queued', 'moderation', 'sent', 'delivered', 'undelivered', 'expired', 'rejected', 'failed', 'deleted', 'unknown')),
    source text NOT NULL,
    source_ton integer NOT NULL DEFAULT 5,
    source_npi integer NOT NULL DEFAULT 0,
    destination text NOT NULL,                   -- E.164 digits without '+'
    country text,
    destination_id bigint REFERENCES destinations(id),
    esm_class integer NOT NULL DEFAULT 0,
    data_coding integer NOT NULL DEFAULT 0,
    short_message bytea NOT NULL,                -- as it goes to the vendor (UDH included when esm_class says so)
    text text NOT NULL DEFAULT '',               -- decoded, for people
    segments integer NOT NULL DEFAULT 1,
    registered_delivery integer NOT NULL DEFAULT 0,
    priority integer NOT NULL DEFAULT 0,
    is_test boolean NOT NULL DEFAULT false,
    price numeric(20,6) NOT NULL DEFAULT 0,      -- what the client was charged for it
    route_id bigint REFERENCES routes(id) ON DELETE SET NULL,
    vendor_id bigint REFERENCES vendors(id),
    vendor_message_id text,
    not_before timestamptz NOT NULL DEFAULT now(),
    claimed_until timestamptz,                   -- a dispatcher's lease while it submits
    attempts integer NOT NULL DEFAULT 0,
    error_code integer,
    created_at timestamptz NOT NULL DEFAULT now(),
    sent_at timestamptz,
    done_at timestamptz,
    dlr_deadline timestamptz NOT NULL            -- Days of waiting DLR ends it here
  )`,
  `CREATE INDEX messages_queue_idx ON messages (vendor_id, priority DESC, id) WHERE state IN ('queued', 'scheduled')`,
  `CREATE UNIQUE INDEX messages_vendor_id_key ON messages (vendor_id, vendor_message_id) WHERE vendor_message_id IS NOT NULL`,
  `CREATE INDEX messages_client_idx ON messages (client_id, id DESC)`,
  `CREATE INDEX messages_open_idx ON messages (dlr_deadline) WHERE state IN ('queued', 'scheduled', 'sent')`,
  `CREATE TABLE message_events (
    id bigserial PRIMARY KEY,
    message_id bigint NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    at timestamptz NOT NULL DEFAULT now(),
    kind text NOT NULL,                          -- accepted, submitted, submit_failed, rerouted, receipt, late_receipt, expired, ...
    vendor_id bigint,
    vendor_message_id text,
    state text,
    error_code integer,
    detail text NOT NULL DEFAULT ''
  )`,
  `CREATE INDEX message_events_message_idx ON message_events (message_id, id)`,
  `CREATE TABLE early_receipts (
    vendor_id bigint NOT NULL,
    vendor_message_id text NOT NULL,
    state text NOT NULL,
    error_code integer,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (vendor_id, vendor_message_id)
  )`,
  `CREATE TABLE client_reports (
    id bigserial PRIMARY KEY,
    client_id bigint NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    message_id bigint NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    channel text NOT NULL DEFAULT 'smpp',
    state text NOT NULL,
    error_code integer,
    created_at timestamptz NOT NULL DEFAULT now(),
    claimed_until timestamptz,
    delivered_at timestamptz,
    UNIQUE (message_id, channel)
  )`,
  `CREATE INDEX client_reports_pending_idx ON client_reports (client_id, id) WHERE delivered_at IS NULL`,
  `CREATE TABLE mo_numbers (
    id bigserial PRIMARY KEY,
    number text NOT NULL,                        -- E.164 digits or a short code
    keyword text,                                -- NULL = every message to the number
    client_id bigint NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE UNIQUE INDEX mo_numbers_key ON mo_numbers (number, coalesce(upper(keyword), ''))`,
  `CREATE TABLE inbox (
    id bigserial PRIMARY KEY,
    client_id bigint NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    source text NOT NULL,
    destination text NOT NULL,
    text text NOT NULL,
    vendor_id bigint REFERENCES vendors(id) ON DELETE SET NULL,
    via_smpp boolean NOT NULL DEFAULT false,     -- to be delivered as deliver_sm
    received_at timestamptz NOT NULL DEFAULT now(),
    claimed_until timestamptz,
    delivered_at timestamptz
  )`,
  `CREATE INDEX inbox_client_idx ON inbox (client_id, id DESC)`,
  `CREATE INDEX inbox_pending_idx ON inbox (client_id, id) WHERE via_smpp AND delivered_at IS NULL`,
  `CREATE TABLE stats_daily (
    day date NOT NULL,
    client_id bigint NOT NULL,
    vendor_id bigint NOT NULL DEFAULT 0,
    country text NOT NULL DEFAULT '',
    network text NOT NULL DEFAULT '',            -- mcc-mnc
    state text NOT NULL,
    is_test boolean NOT NULL DEFAULT false,
    messages integer NOT NULL DEFAULT 0,
    segments integer NOT NULL DEFAULT 0,
    amount numeric(20,6) NOT NULL DEFAULT 0,
    PRIMARY KEY (day, client_id, vendor_id, country, network, state, is_test)
  )`,
];
