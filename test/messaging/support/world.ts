import { connect, type PduOf, type Session } from '@petrel/smpp';
import { type Kysely, sql } from 'kysely';
import { hashPassword } from '../../../src/accounts/password.ts';
import type { Database } from '../../../src/database.ts';
import type { CommitDeps } from '../../../src/messaging/intake/commit-batch.ts';
import type { IntakeCache } from '../../../src/messaging/intake/intake-cache.ts';
import type { IntakeRequest } from '../../../src/messaging/intake/intake-request.ts';
import { IntakeStore } from '../../../src/messaging/intake/intake.store.ts';
import type { Platform, StartOptions } from '../../../src/main.ts';
import type { Config } from '../../../src/platform/config.ts';
import { createClient, requiredFields } from '../../support/clients.ts';
import { type ApiClient, startTestPlatform } from '../../support/platform.ts';

/** Numbers of the test world: a Ukrainian mobile (network row), a German one (country, no price by default). */
export const UA_NUMBER = '380501234567';
export const DE_NUMBER = '4915112345678';

export interface World {
  readonly platform: Platform & { api: ApiClient; stop(): Promise<void> };
  readonly admin: ApiClient;
  readonly db: Kysely<Database>;
  readonly smppPort: number;
  readonly ua: number;
  readonly uaVodafone: number;
  readonly de: number;
  readonly vendorId: number;
  stop(): Promise<void>;
}

/**
 * A platform with a small routing world: Ukraine (country) and its Vodafone network, Germany, one
 * vendor in one pool, one general route for every destination. Clients come from `addClient`.
 */
export async function startWorld(overrides: Partial<Config> = {}, opts: StartOptions = {}, vendor: { port: number } = { port: 9 }): Promise<World> {
  // The default vendor refuses connections: keep its reconnect warnings out of the test output.
  const platform = await startTestPlatform({ logLevel: 'error', ...overrides }, opts);
  const admin = await platform.api.signIn();
  const db = platform.db;
  const ua = await insertId(db, sql`INSERT INTO destinations (country, name, mcc) VALUES ('UA', 'Ukraine', '255') RETURNING id`);
  const uaVodafone = await insertId(db, sql`INSERT INTO destinations (country, name, network, mcc, mnc, prefixes) VALUES ('UA', 'Ukraine — Vodafone', 'Vodafone', '255', '01', '{38050,38066}') RETURNING id`);
  const de = await insertId(db, sql`INSERT INTO destinations (country, name, mcc) VALUES ('DE', 'Germany', '262') RETURNING id`);
  // By default a vendor nobody answers at (port 9): messages stay queued where intake put them.
  const vendorId = await insertId(db, sql`INSERT INTO vendors (name, host, port, system_id, password, enabled) VALUES ('upstream', '127.0.0.1', ${vendor.port}, 'v', 'v', true) RETURNING id`);
  const poolId = await insertId(db, sql`INSERT INTO pools (name) VALUES ('main') RETURNING id`);
  await sql`INSERT INTO pool_members (pool_id, vendor_id, weight) VALUES (${poolId}, ${vendorId}, 100)`.execute(db);
  await sql`INSERT INTO routes (name, pool_id, priority) VALUES ('general', ${poolId}, 100)`.execute(db);
  platform.clientSide.routing.invalidate();
  return { platform, admin, db, smppPort: platform.clientSide.smpp.port, ua, uaVodafone, de, vendorId, stop: () => platform.stop() };
}

export interface TestClient {
  readonly id: number;
  readonly systemId: string;
  readonly password: string;
}

export interface ClientSetup {
  readonly settings?: Record<string, unknown>;
  readonly balance?: string;
  /** Price per segment for Ukraine (the country row, so the network inherits it). */
  readonly price?: string;
  readonly allowedIps?: readonly string[];
  readonly maxBinds?: number;
  readonly throughput?: number | null;
}

let seq = 0;

/** A client made through the admin API, then given SMPP access, a price for Ukraine and money. */
export async function addClient(world: World, login: string, setup: ClientSetup = {}): Promise<TestClient> {
  const client = await createClient(world.admin, { ...requiredFields(login), dynamicSender: true, ...setup.settings });
  const id = Number(client.id);
  const systemId = `sys${++seq}${login.slice(0, 6)}`.slice(0, 15);
  const password = 'pw123456';
  await sql`INSERT INTO client_access (client_id, smpp_system_id, smpp_password_hash, allowed_ips, max_binds, throughput)
    VALUES (${id}, ${systemId}, ${await hashPassword(password)}, ${[...(setup.allowedIps ?? [])]}::text[], ${setup.maxBinds ?? 5}, ${setup.throughput ?? null})`.execute(world.db);
  await setPrice(world, id, world.ua, setup.price ?? '0.01');
  await topUp(world, id, setup.balance ?? '100');
  return { id, systemId, password };
}

export async function setPrice(world: World, clientId: number, destinationId: number, price: string, from = new Date(0)): Promise<void> {
  await sql`INSERT INTO client_prices (client_id, destination_id, price, effective_from, created_by) VALUES (${clientId}, ${destinationId}, ${price}, ${from}, 'test')`.execute(world.db);
}

/** A top-up: a ledger row and the balance it leads to, in one transaction. */
export async function topUp(world: World, clientId: number, amount: string): Promise<void> {
  await world.db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ balance: string }>`UPDATE clients SET balance = balance + ${amount}::numeric WHERE id = ${clientId} RETURNING balance`.execute(trx);
    await sql`INSERT INTO ledger (client_id, kind, amount, balance_after, actor) VALUES (${clientId}, 'topup', ${amount}::numeric, ${rows[0]?.balance}::numeric, 'test')`.execute(trx);
  });
}

/** Binds our own SMPP client; deliver_sm are collected in `received` and acknowledged. */
export async function bindOwn(world: World, c: Pick<TestClient, 'systemId' | 'password'>, bindType: 'transceiver' | 'transmitter' | 'receiver' = 'transceiver'): Promise<Session & { received: PduOf<'deliver_sm'>[] }> {
  const session = await connect({ host: '127.0.0.1', port: world.smppPort, systemId: c.systemId, password: c.password, bindType, enquireLinkIntervalMs: 0, windowSize: 500 });
  const received: PduOf<'deliver_sm'>[] = [];
  session.on('deliver_sm', (pdu) => {
    received.push(pdu);
    session.respond(pdu, { messageId: '' });
  });
  session.on('error', () => undefined);
  return Object.assign(session, { received });
}

/** submit_sm's command_status and message_id (0 and the id, or the refusal). */
export async function submit(session: Session, fields: Partial<PduOf<'submit_sm'>> = {}): Promise<{ status: number; id: string }> {
  try {
    const resp = await session.submitSm({ sourceAddr: 'Petrel', sourceAddrTon: 5, destinationAddr: UA_NUMBER, destAddrTon: 1, destAddrNpi: 1, registeredDelivery: 1, shortMessage: Buffer.from('hello'), ...fields });
    return { status: resp.commandStatus, id: resp.messageId };
  } catch (err) {
    const status = (err as { commandStatus?: number }).commandStatus;
    if (status === undefined) throw err;
    return { status, id: '' };
  }
}

export async function one<T>(db: Kysely<Database>, query: ReturnType<typeof sql<T>>): Promise<T> {
  const { rows } = await query.execute(db);
  if (!rows[0]) throw new Error('no row');
  return rows[0];
}

async function insertId(db: Kysely<Database>, query: ReturnType<typeof sql>): Promise<number> {
  const { rows } = await query.execute(db);
  return Number((rows[0] as { id: number }).id);
}

/** Every client's balance equals the sum of its ledger, and no message was charged twice. */
export async function expectBooksBalance(db: Kysely<Database>): Promise<{ clientId: number; balance: string; ledger: string; charged: string; prices: string }[]> {
  const { rows } = await sql<{ clientId: number; balance: string; ledger: string; charged: string; prices: string }>`
    SELECT c.id AS "clientId", c.balance::text AS balance,
      coalesce((SELECT sum(amount) FROM ledger l WHERE l.client_id = c.id), 0)::text AS ledger,
      coalesce((SELECT -sum(amount) FROM ledger l WHERE l.client_id = c.id AND l.kind = 'charge'), 0)::text AS charged,
      coalesce((SELECT sum(price) FROM messages m WHERE m.client_id = c.id), 0)::text AS prices
    FROM clients c ORDER BY c.id`.execute(db);
  return rows;
}

let destinations = 0;
/** A message as SMPP hands it to intake, to a new Ukrainian number each time unless `fields` say otherwise. */
export function intakeRequest(clientId: number, fields: Partial<IntakeRequest> = {}): IntakeRequest {
  return {
    clientId,
    channel: 'smpp',
    source: 'Petrel',
    sourceTon: 5,
    sourceNpi: 0,
    destination: `38050${String(1_000_000 + ++destinations)}`,
    destTon: 1,
    destNpi: 1,
    dataCoding: 0,
    esmClass: 0,
    shortMessage: Buffer.from('hello'),
    registeredDelivery: 1,
    ...fields,
  };
}

/** What commitBatch needs, on the world's routing (random fixed: the same vendor every time). */
export function intakeDeps(world: World, db: Kysely<Database> = world.db, store = new IntakeStore(), cache?: IntakeCache): CommitDeps {
  return { db, store, routing: world.platform.clientSide.routing, random: () => 0.5, ...(cache ? { cache } : {}) };
}
