import { Decimal } from 'decimal.js';
import { type Kysely, sql } from 'kysely';
import { newApiKey } from '../accounts/api-keys-format.ts';
import { ApiKeyStore } from '../accounts/api-keys.store.ts';
import { accountsStores } from '../accounts/accounts-stores.ts';
import { ClientAccessStore } from '../accounts/client-access.store.ts';
import { createClient } from '../accounts/create-client.ts';
import { HistoryStore } from '../accounts/history.store.ts';
import { OperatorStore } from '../accounts/operator.store.ts';
import { hashPassword } from '../accounts/password.ts';
import { clientCreateSchema } from '../accounts/rules/client-schema.ts';
import { BillingStore } from '../billing/billing.store.ts';
import type { Database } from '../database.ts';
import type { Clock } from '../platform/clock.ts';
import { seedWorldDestinations } from '../routing/seed-world-destinations.ts';

export const DEMO = {
  vendor: 'simulator',
  pool: 'simulator',
  route: 'demo: every destination to the simulator',
  login: 'demo',
  password: 'demo1234',
  price: '0.001',
  balance: '100.00',
  topUpComment: 'demo: opening balance',
} as const;

export interface DemoSetup {
  readonly clientId: number;
  readonly vendorId: number;
  readonly destinations: number;
  readonly pricesAdded: number;
  readonly created: { readonly client: boolean; readonly vendor: boolean; readonly route: boolean; readonly topUp: boolean };
  /** A REST API key made now (shown once); undefined when the client already had one. */
  readonly apiKey: string | undefined;
}

/**
 * The demo world of `npm start -- --demo`, made once: the vendor `simulator` (pointed at the
 * simulator's current address on every start), the world's destinations, a pool and a general
 * route to it, the client `demo` with SMPP and API access, a price of 0.001 EUR for every
 * destination, 100.00 EUR through a ledger top-up and a REST API key. Every step checks first,
 * so a restart on the same data adds nothing.
 */
export async function setupDemo(db: Kysely<Database>, clock: Clock, simulator: { host: string; port: number }): Promise<DemoSetup> {
  const world = await seedWorldDestinations(db as unknown as Parameters<typeof seedWorldDestinations>[0]);
  const vendor = await ensureVendor(db, simulator);
  const route = await ensureRoute(db, vendor.id);
  const client = await ensureClient(db, clock);
  const access = new ClientAccessStore(db as unknown as ConstructorParameters<typeof ClientAccessStore>[0]);
  if (!(await access.get(client.id))?.smppPasswordSet) {
    const hash = await hashPassword(DEMO.password);
    await access.put(client.id, { smppSystemId: DEMO.login, smppPasswordHash: hash, apiPasswordHash: hash });
  }
  const pricesAdded = await ensurePrices(db, client.id, clock.now());
  const topUp = await ensureTopUp(db, client.id);
  const apiKey = await ensureApiKey(db, client.id, clock.now());
  return {
    clientId: client.id,
    vendorId: vendor.id,
    destinations: world.created + world.existing,
    pricesAdded,
    created: { client: client.created, vendor: vendor.created, route, topUp },
    apiKey,
  };
}

async function ensureVendor(db: Kysely<Database>, at: { host: string; port: number }): Promise<{ id: number; created: boolean }> {
  const { rows } = await sql<{ id: number; created: boolean }>`
    INSERT INTO vendors (name, host, port, system_id, password, system_type, sessions, tps, window_size, enquire_link_seconds, reconnect_delay_seconds)
    VALUES (${DEMO.vendor}, ${at.host}, ${at.port}, 'petrel', 'petrel', '', 2, 2000, 100, 30, 1)
    ON CONFLICT ((lower(name))) DO UPDATE SET host = excluded.host, port = excluded.port
    RETURNING id, (xmax = 0) AS created`.execute(db);
  const row = rows[0];
  if (!row) throw new Error('the demo vendor could not be stored');
  return { id: Number(row.id), created: row.created };
}

/** A pool holding the simulator alone, and one general route (every client, every destination) to it. */
async function ensureRoute(db: Kysely<Database>, vendorId: number): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await sql`INSERT INTO pools (name) VALUES (${DEMO.pool}) ON CONFLICT (name) DO NOTHING`.execute(trx);
    const pool = await sql<{ id: number }>`SELECT id FROM pools WHERE name = ${DEMO.pool}`.execute(trx);
    const poolId = Number(pool.rows[0]?.id);
    await sql`INSERT INTO pool_members (pool_id, vendor_id, weight) VALUES (${poolId}, ${vendorId}, 100) ON CONFLICT (pool_id, vendor_id) DO NOTHING`.execute(trx);
    const existing = await sql<{ id: number }>`SELECT id FROM routes WHERE pool_id = ${poolId} AND client_id IS NULL AND destination_id IS NULL`.execute(trx);
    if (existing.rows.length > 0) return false;
    await sql`INSERT INTO routes (name, client_id, destination_id, priority, pool_id) VALUES (${DEMO.route}, NULL, NULL, 100, ${poolId})`.execute(trx);
    return true;
  });
}

async function ensureClient(db: Kysely<Database>, clock: Clock): Promise<{ id: number; created: boolean }> {
  const found = await sql<{ id: number }>`SELECT id FROM clients WHERE lower(login) = ${DEMO.login}`.execute(db);
  if (found.rows[0]) return { id: Number(found.rows[0].id), created: false };
  const operators = new OperatorStore(db as unknown as ConstructorParameters<typeof OperatorStore>[0]);
  const admin = (await operators.list()).find((o) => o.role === 'admin' && !o.disabled);
  if (!admin) throw new Error('the demo needs an admin operator');
  const stores = accountsStores(db as unknown as Parameters<typeof accountsStores>[0], clock, { operators, history: new HistoryStore(db as unknown as ConstructorParameters<typeof HistoryStore>[0]) });
  const input = clientCreateSchema.parse({
    login: DEMO.login,
    password: DEMO.password,
    passwordConfirm: DEMO.password,
    currency: 'EUR',
    contactName: 'Demo Client',
    phone: '+442071838750',
    email: 'demo@example.com',
    priceUpdateEmail: 'demo@example.com',
    billingEmail: 'demo@example.com',
    company: 'Petrel demo',
    dynamicSender: true,
    canSendSmpp: true,
    canSendHttpApi: true,
    canSendWeb: true,
    canSendRest: true,
  });
  const client = await createClient(stores, admin, input);
  return { id: client.id, created: true };
}

/** 0.001 EUR for every destination that has no price for the client yet. */
async function ensurePrices(db: Kysely<Database>, clientId: number, now: Date): Promise<number> {
  const r = await sql`
    INSERT INTO client_prices (client_id, destination_id, price, effective_from, created_by)
    SELECT ${clientId}, d.id, ${DEMO.price}::numeric, ${now}, 'demo'
    FROM destinations d
    WHERE NOT EXISTS (SELECT 1 FROM client_prices p WHERE p.client_id = ${clientId} AND p.destination_id = d.id)`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

async function ensureTopUp(db: Kysely<Database>, clientId: number): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    // One demo top-up ever, even when two starts race: the client row is the lock.
    await sql`SELECT id FROM clients WHERE id = ${clientId} FOR UPDATE`.execute(trx);
    const done = await sql`SELECT 1 FROM ledger WHERE client_id = ${clientId} AND kind = 'topup' AND comment = ${DEMO.topUpComment}`.execute(trx);
    if (done.rows.length > 0) return false;
    const billing = new BillingStore(trx as unknown as ConstructorParameters<typeof BillingStore>[0]);
    await billing.topUp(trx as unknown as Parameters<BillingStore['topUp']>[0], clientId, new Decimal(DEMO.balance), DEMO.topUpComment, 'demo');
    return true;
  });
}

async function ensureApiKey(db: Kysely<Database>, clientId: number, now: Date): Promise<string | undefined> {
  const keys = new ApiKeyStore(db as unknown as ConstructorParameters<typeof ApiKeyStore>[0]);
  if ((await keys.list(clientId)).some((k) => k.revokedAt === null)) return undefined;
  const made = newApiKey();
  await keys.create({ clientId, name: 'demo', prefix: made.prefix, hash: made.hash, ratePerSecond: null, createdBy: 'demo', at: now });
  return made.key;
}
