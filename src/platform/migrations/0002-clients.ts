import { type Kysely, sql } from 'kysely';

const BUSINESS_TYPES = ['Retail', 'Banking & Finance', 'E-commerce', 'Healthcare', 'Logistics', 'Travel & Hospitality', 'Government', 'Other'];
const CATEGORY_TYPES = ['Transactional', 'Marketing', 'OTP / Authentication', 'Service', 'Other'];
const DLR_STATES = `('EXPIRED', 'UNDELIV', 'DELIVRD', 'UNKNOWN', 'REJECTD', 'DELETED')`;

/**
 * Client accounts (clients.md, all 46 fields) and the lists their form refers to: currencies,
 * business and category types, legal entities, products (presets) and the platform defaults.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await createLists(db);
  await createClients(db);
  await seed(db);
}

async function createLists(db: Kysely<unknown>): Promise<void> {
  // Every ISO 4217 code has a row (an id for the history); only enabled ones can be chosen.
  await sql`
    CREATE TABLE currencies (
      code text PRIMARY KEY CHECK (code ~ '^[A-Z]{3}$'),
      id bigserial NOT NULL UNIQUE,
      enabled boolean NOT NULL DEFAULT false
    )`.execute(db);
  for (const table of ['business_types', 'category_types']) {
    await sql`
      CREATE TABLE ${sql.table(table)} (
        id bigserial PRIMARY KEY,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        created_at timestamptz NOT NULL DEFAULT now()
      )`.execute(db);
    await sql`CREATE UNIQUE INDEX ${sql.raw(`${table}_name_key`)} ON ${sql.table(table)} (lower(name))`.execute(db);
  }
  await sql`
    CREATE TABLE legal_entities (
      id bigserial PRIMARY KEY,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      address text,
      country text CHECK (country ~ '^[A-Z]{2}$'),
      tax_number text,
      vat_number text,
      registration_number text,
      bank_name text,
      bank_account text,
      swift text,
      invoice_prefix text NOT NULL DEFAULT '',
      email text,
      phone text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX legal_entities_name_key ON legal_entities (lower(name))`.execute(db);
  await sql`
    CREATE TABLE products (
      id bigserial PRIMARY KEY,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
      description text,
      defaults jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(defaults) = 'object'),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX products_name_key ON products (lower(name))`.execute(db);
  // One row (id is always true): what clients get for these fields when nothing else sets them.
  await sql`
    CREATE TABLE platform_defaults (
      id boolean PRIMARY KEY DEFAULT true CHECK (id),
      moderation text NOT NULL CHECK (moderation IN ('manual', 'automatic')),
      timezone text NOT NULL,
      priority integer NOT NULL CHECK (priority BETWEEN 0 AND 100),
      dlr_wait_days integer NOT NULL CHECK (dlr_wait_days BETWEEN 1 AND 30),
      expired_dlr_status text NOT NULL CHECK (expired_dlr_status IN ${sql.raw(DLR_STATES)}),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
}

async function createClients(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE clients (
      id bigserial PRIMARY KEY,
      login text NOT NULL CHECK (login ~ '^[A-Za-z0-9_]{3,32}$'),
      password_hash text NOT NULL,
      currency text NOT NULL REFERENCES currencies(code),
      contact_name text NOT NULL CHECK (length(contact_name) BETWEEN 1 AND 100),
      phone text NOT NULL CHECK (phone ~ '^\\+[1-9][0-9]{5,14}$'),
      email text NOT NULL CHECK (position('@' in email) > 1),
      price_update_email text NOT NULL CHECK (position('@' in price_update_email) > 1),
      billing_email text NOT NULL CHECK (position('@' in billing_email) > 1),
      manager_id bigint REFERENCES operators(id),
      notification_limit numeric(18,4) CHECK (notification_limit >= 0),
      moderation text NOT NULL CHECK (moderation IN ('manual', 'automatic')),
      timezone text NOT NULL,
      dispatch_windows jsonb CHECK (jsonb_typeof(dispatch_windows) = 'array'),
      credit_limit numeric(18,4) CHECK (credit_limit >= 0),
      overdraw_amount numeric(18,4) CHECK (overdraw_amount >= 0),
      overdraw_until timestamptz,
      priority integer NOT NULL CHECK (priority BETWEEN 0 AND 100),
      blacklist_disabled boolean NOT NULL DEFAULT false,
      dynamic_sender boolean NOT NULL DEFAULT false,
      mo_via_smpp boolean NOT NULL DEFAULT false,
      short_urls boolean NOT NULL DEFAULT false,
      monthly_postpaid_topup numeric(18,4) CHECK (monthly_postpaid_topup >= 0),
      daily_limit integer CHECK (daily_limit >= 0),
      can_send_tests boolean NOT NULL DEFAULT false,
      daily_stats_email boolean NOT NULL DEFAULT false,
      product_id bigint REFERENCES products(id),
      contract_number text,
      company text,
      company_credentials text,
      country text CHECK (country ~ '^[A-Z]{2}$'),
      business_type_id bigint REFERENCES business_types(id),
      category_type_id bigint REFERENCES category_types(id),
      messenger text,
      dlr_wait_days integer NOT NULL CHECK (dlr_wait_days BETWEEN 1 AND 30),
      expired_dlr_status text NOT NULL CHECK (expired_dlr_status IN ${sql.raw(DLR_STATES)}),
      can_send_smpp boolean NOT NULL DEFAULT true,
      can_send_http_api boolean NOT NULL DEFAULT true,
      can_send_web boolean NOT NULL DEFAULT true,
      can_send_rest boolean NOT NULL DEFAULT true,
      can_add_subaccounts boolean NOT NULL DEFAULT false,
      legal_entity_id bigint REFERENCES legal_entities(id),
      invoice_days jsonb CHECK (jsonb_typeof(invoice_days) = 'array'),
      send_stats boolean NOT NULL DEFAULT false,
      send_invoices boolean NOT NULL DEFAULT false,
      send_invoices_by_email boolean NOT NULL DEFAULT false,
      comments text,
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'blocked')),
      blocked_reason text,
      blocked_at timestamptz,
      -- owned by billing (a later issue) through its ledger; the sum of the client's ledger rows
      balance numeric(20,6) NOT NULL DEFAULT 0,  -- same scale as ledger amounts: per-message prices have 6 decimals
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT clients_overdraw_whole CHECK ((overdraw_amount IS NULL) = (overdraw_until IS NULL)),
      CONSTRAINT clients_blocked_since CHECK ((status = 'blocked') = (blocked_at IS NOT NULL))
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX clients_login_key ON clients (lower(login))`.execute(db);
  await sql`CREATE INDEX clients_manager_idx ON clients (manager_id)`.execute(db);
  await sql`CREATE INDEX clients_created_idx ON clients (created_at, id)`.execute(db);
}

async function seed(db: Kysely<unknown>): Promise<void> {
  const codes = [...new Set([...Intl.supportedValuesOf('currency'), 'EUR', 'USD'])].sort();
  await sql`INSERT INTO currencies (code, enabled) SELECT c, c IN ('EUR', 'USD') FROM unnest(${codes}::text[]) AS c`.execute(db);
  await sql`INSERT INTO business_types (name) SELECT unnest(${BUSINESS_TYPES}::text[])`.execute(db);
  await sql`INSERT INTO category_types (name) SELECT unnest(${CATEGORY_TYPES}::text[])`.execute(db);
  await sql`INSERT INTO platform_defaults (moderation, timezone, priority, dlr_wait_days, expired_dlr_status) VALUES ('automatic', 'UTC', 0, 3, 'EXPIRED')`.execute(db);
}
