import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Decimal } from 'decimal.js';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { BillingStore } from '../../../src/billing/billing.store.ts';
import type { Database } from '../../../src/database.ts';
import { openDatabase } from '../../../src/platform/db.ts';
import { migrateToLatest } from '../../../src/platform/migrate.ts';
import { migrations } from '../../../src/platform/migrations/index.ts';
import * as m0010 from '../../../src/platform/migrations/0010-message-path.ts';

export interface TestDb {
  readonly db: Kysely<Database>;
  close(): Promise<void>;
}

/** A migrated database of its own: PGlite in a temp folder, or a fresh database when DATABASE_URL is set. */
export async function openTestDb(): Promise<TestDb> {
  const dataDir = mkdtempSync(join(tmpdir(), 'petrel-dispatch-'));
  const baseUrl = process.env.DATABASE_URL;
  const databaseUrl = baseUrl ? await createDatabase(baseUrl) : undefined;
  const handle = await openDatabase<Database>({ databaseUrl, dataDir });
  const all = { ...migrations };
  if (!Object.keys(all).some((k) => k.startsWith('0010'))) all['0010-message-path'] = m0010;
  await migrateToLatest(handle.db as Kysely<unknown>, all);
  return {
    db: handle.db,
    close: async () => {
      await handle.close();
      if (baseUrl && databaseUrl) await dropDatabase(baseUrl, databaseUrl);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function createDatabase(baseUrl: string): Promise<string> {
  const name = `petrel_d_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropDatabase(baseUrl: string, url: string): Promise<void> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${new URL(url).pathname.slice(1)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

let seq = 0;

/** A client row with the fields the message path reads; balance 0. */
export async function insertClient(db: Kysely<Database>, over: { login?: string; timezone?: string; expiredDlrStatus?: string; moViaSmpp?: boolean; balance?: string } = {}): Promise<number> {
  seq += 1;
  const login = over.login ?? `client_${seq}_${Math.random().toString(36).slice(2, 6)}`;
  const { rows } = await sql<{ id: number }>`
    INSERT INTO clients (login, password_hash, currency, contact_name, phone, email, price_update_email, billing_email,
      moderation, timezone, priority, dlr_wait_days, expired_dlr_status, mo_via_smpp, balance)
    VALUES (${login}, 'x', 'EUR', 'Test', '+380501234567', 'a@example.com', 'a@example.com', 'a@example.com',
      'automatic', ${over.timezone ?? 'UTC'}, 0, 3, ${over.expiredDlrStatus ?? 'EXPIRED'}, ${over.moViaSmpp ?? false}, ${over.balance ?? '0'})
    RETURNING id`.execute(db);
  return Number(rows[0]?.id);
}

export async function insertDestination(db: Kysely<Database>, country = 'UA', mcc: string | null = '255', mnc: string | null = '01', prefixes: string[] = ['38050']): Promise<number> {
  const { rows } = await sql<{ id: number }>`
    INSERT INTO destinations (country, name, network, mcc, mnc, prefixes) VALUES (${country}, ${`${country} ${mnc ?? ''}`}, ${mnc ? 'Net' : null}, ${mcc}, ${mnc}, ${prefixes})
    ON CONFLICT DO NOTHING RETURNING id`.execute(db);
  return Number(rows[0]?.id);
}

export interface VendorOptions {
  readonly name?: string;
  readonly port?: number;
  readonly tps?: number;
  readonly windowSize?: number;
  readonly sessions?: number;
  readonly rerouteCodes?: number[];
  readonly blocked?: boolean;
  readonly dailyLimit?: number | null;
  readonly messageIdBase?: 'auto' | 'decimal' | 'hex';
  readonly enabled?: boolean;
  readonly reconnectDelaySeconds?: number;
  readonly defaultCoding?: 'gsm7' | 'latin1' | 'ascii';
}

export async function insertVendor(db: Kysely<Database>, o: VendorOptions = {}): Promise<number> {
  seq += 1;
  const { rows } = await sql<{ id: number }>`
    INSERT INTO vendors (name, host, port, system_id, password, tps, window_size, sessions, reroute_codes, blocked, daily_limit, message_id_base, enabled, reconnect_delay_seconds, default_coding)
    VALUES (${o.name ?? `vendor_${seq}`}, '127.0.0.1', ${o.port ?? 1}, 'petrel', 'secret', ${o.tps ?? 1000}, ${o.windowSize ?? 50}, ${o.sessions ?? 1},
      ${o.rerouteCodes ?? []}::int[], ${o.blocked ?? false}, ${o.dailyLimit ?? null}, ${o.messageIdBase ?? 'auto'}, ${o.enabled ?? true}, ${o.reconnectDelaySeconds ?? 1}, ${o.defaultCoding ?? 'gsm7'})
    RETURNING id`.execute(db);
  return Number(rows[0]?.id);
}

/** A pool of the vendors (equal weights) and a route to it. */
export async function insertRoute(db: Kysely<Database>, vendorIds: number[], o: { clientId?: number | null; destinationId?: number | null; priority?: number; rerouteCodes?: number[] } = {}): Promise<number> {
  seq += 1;
  const pool = await sql<{ id: number }>`INSERT INTO pools (name) VALUES (${`pool_${seq}_${Math.random().toString(36).slice(2, 6)}`}) RETURNING id`.execute(db);
  const poolId = Number(pool.rows[0]?.id);
  const weights = vendorIds.map((_, i) => (i === 0 ? 100 - Math.floor(100 / vendorIds.length) * (vendorIds.length - 1) : Math.floor(100 / vendorIds.length)));
  for (const [i, v] of vendorIds.entries()) await sql`INSERT INTO pool_members (pool_id, vendor_id, weight) VALUES (${poolId}, ${v}, ${weights[i]})`.execute(db);
  const { rows } = await sql<{ id: number }>`
    INSERT INTO routes (client_id, destination_id, priority, pool_id, reroute_codes) VALUES (${o.clientId ?? null}, ${o.destinationId ?? null}, ${o.priority ?? 100}, ${poolId}, ${o.rerouteCodes ?? []}::int[])
    RETURNING id`.execute(db);
  return Number(rows[0]?.id);
}

export interface MessageOptions {
  readonly clientId: number;
  readonly vendorId?: number | null;
  readonly routeId?: number | null;
  readonly destinationId?: number | null;
  readonly state?: string;
  readonly text?: string;
  readonly destination?: string;
  readonly registeredDelivery?: number;
  readonly price?: string;
  readonly priority?: number;
  readonly notBefore?: Date;
  readonly dlrDeadline?: Date;
  readonly createdAt?: Date;
  readonly isTest?: boolean;
  readonly channel?: string;
  readonly validUntil?: Date;
  /** Claimed by this node id for a minute in the insert itself, as intake stores messages it hands over. */
  readonly claimedBy?: string;
}

/**
 * Queued messages as intake would leave them (charged: a ledger row and the balance), counted in
 * stats_daily the way the transitions count them.
 */
export async function insertMessages(db: Kysely<Database>, count: number, o: MessageOptions): Promise<number[]> {
  const ids: number[] = [];
  const price = o.price ?? '0.010000';
  const state = o.state ?? 'queued';
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < count; i++) {
      const text = o.text ?? `hello ${i}`;
      const { rows } = await sql<{ id: number }>`
        INSERT INTO messages (client_id, channel, state, source, destination, country, destination_id, short_message, text, registered_delivery, priority, price, route_id, vendor_id, not_before, dlr_deadline, created_at, is_test, valid_until, claimed_by, claimed_until)
        VALUES (${o.clientId}, ${o.channel ?? 'smpp'}, ${state}, 'Petrel', ${o.destination ?? `38050${String(1000000 + i)}`}, 'UA', ${o.destinationId ?? null},
          ${Buffer.from(text, 'latin1')}, ${text}, ${o.registeredDelivery ?? 1}, ${o.priority ?? 0}, ${price}, ${o.routeId ?? null}, ${o.vendorId ?? null},
          ${o.notBefore ?? new Date(0)}, ${o.dlrDeadline ?? new Date(Date.now() + 3 * 86_400_000)}, ${o.createdAt ?? new Date()}, ${o.isTest ?? false}, ${o.validUntil ?? null},
          ${o.claimedBy ?? null}, ${o.claimedBy === undefined ? null : sql`now() + interval '1 minute'`})
        RETURNING id`.execute(trx);
      ids.push(Number(rows[0]?.id));
    }
    if (Number(price) > 0) {
      const total = (Number(price) * count).toFixed(6);
      const bal = await sql<{ balance: string }>`UPDATE clients SET balance = balance - ${total}::numeric WHERE id = ${o.clientId} RETURNING balance::text`.execute(trx);
      await sql`INSERT INTO ledger (client_id, kind, amount, balance_after, messages, actor) VALUES (${o.clientId}, 'charge', ${`-${total}`}::numeric, ${bal.rows[0]?.balance}::numeric, ${count}, 'test')`.execute(trx);
    }
    await sql`
      INSERT INTO stats_daily AS s (day, client_id, vendor_id, country, network, state, is_test, messages, segments, amount)
      SELECT (m.created_at AT TIME ZONE c.timezone)::date, m.client_id, coalesce(m.vendor_id, 0), coalesce(m.country, ''),
             CASE WHEN d.mnc IS NULL THEN '' ELSE coalesce(d.mcc, '') || '-' || d.mnc END, m.state, m.is_test, count(*), sum(m.segments), sum(m.price)
      FROM messages m JOIN clients c ON c.id = m.client_id LEFT JOIN destinations d ON d.id = m.destination_id
      WHERE m.id IN (${sql.join(ids)})
      GROUP BY 1, 2, 3, 4, 5, 6, 7
      ON CONFLICT (day, client_id, vendor_id, country, network, state, is_test) DO UPDATE
      SET messages = s.messages + excluded.messages, segments = s.segments + excluded.segments, amount = s.amount + excluded.amount`.execute(trx);
  });
  return ids;
}

/** Billing's own refund (one ledger row and the balance, at most once per message), for stores tested alone. */
export const ledgerRefunder = {
  refund(trx: Kysely<Database>, clientId: number, messageId: number, amount: Decimal, reason: string): Promise<boolean> {
    const store = new BillingStore(trx as unknown as ConstructorParameters<typeof BillingStore>[0]);
    return store.refund(trx as unknown as Parameters<BillingStore['refund']>[0], clientId, messageId, amount, reason);
  },
};

/** The counters (stats_counts) summed per state must equal a count of messages per state. */
export async function statsMismatches(db: Kysely<Database>): Promise<unknown[]> {
  const { rows } = await sql`
    WITH counted AS (
      SELECT m.client_id, coalesce(m.vendor_id, 0) AS vendor_id, m.state, count(*)::int AS n FROM messages m GROUP BY 1, 2, 3
    ), kept AS (
      SELECT client_id, vendor_id, state, sum(messages)::int AS n FROM stats_counts GROUP BY 1, 2, 3
    )
    SELECT coalesce(c.client_id, k.client_id) AS client_id, coalesce(c.vendor_id, k.vendor_id) AS vendor_id, coalesce(c.state, k.state) AS state, c.n AS counted, k.n AS kept
    FROM counted c FULL JOIN kept k ON c.client_id = k.client_id AND c.vendor_id = k.vendor_id AND c.state = k.state
    WHERE coalesce(c.n, 0) <> coalesce(k.n, 0)`.execute(db);
  return rows;
}

/** Clients whose balance differs from the sum of their ledger rows. */
export async function ledgerMismatches(db: Kysely<Database>): Promise<unknown[]> {
  const { rows } = await sql`
    SELECT c.id, c.balance::text AS balance, coalesce(sum(l.amount), 0)::text AS ledger
    FROM clients c LEFT JOIN ledger l ON l.client_id = c.id
    GROUP BY c.id HAVING c.balance <> coalesce(sum(l.amount), 0)`.execute(db);
  return rows;
}

/** MO numbers as the routing module resolves them: the number, then a keyword the text starts with. */
export const sqlMoOwners = (db: Kysely<Database>) => ({
  async ownerOf(number: string, text: string): Promise<number | undefined> {
    const { rows } = await sql<{ client_id: number }>`
      SELECT client_id FROM mo_numbers
      WHERE number = ${number} AND (keyword IS NULL OR upper(split_part(trim(${text}), ' ', 1)) = upper(keyword))
      ORDER BY keyword IS NULL LIMIT 1`.execute(db);
    return rows[0] ? Number(rows[0].client_id) : undefined;
  },
});

/** Polls `check` until it returns true or `ms` passes. */
export async function eventually(check: () => Promise<boolean> | boolean, ms = 15_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export async function statesOf(db: Kysely<Database>, ids: readonly number[]): Promise<Record<string, number>> {
  const { rows } = await sql<{ state: string; n: number }>`SELECT state, count(*)::int AS n FROM messages WHERE id IN (${sql.join(ids)}) GROUP BY state`.execute(db);
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}
