import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../src/database.ts';
import type { Platform } from '../../../src/main.ts';
import type { MailOptions } from '../../../src/notify/email/start-mail.ts';
import type { Config } from '../../../src/platform/config.ts';
import { type Simulator, type SimulatorOptions, startSimulator } from '../../../src/simulator/index.ts';
import { createClient, requiredFields } from '../../support/clients.ts';
import { type ApiClient, startTestPlatform } from '../../support/platform.ts';

export const UA_NUMBER = '380501234567';
export const UA_NUMBER_2 = '380661234567';
export const DE_NUMBER = '4915112345678';

/** Fast webhook timing for tests: tries 0.2 s, 0.4 s, … apart instead of minutes. */
export const FAST_WEBHOOKS = { pollMs: 30, backoffMs: [200, 400, 800, 1600, 3200], relay: { pollMs: 30, batch: 500 }, callTimeoutMs: 3000 };

export interface HttpWorld {
  readonly platform: Platform & { api: ApiClient; stop(): Promise<void> };
  readonly admin: ApiClient;
  readonly db: Kysely<Database>;
  readonly url: string;
  readonly simulator: Simulator;
  readonly vendorId: number;
  readonly ua: number;
  readonly de: number;
  stop(): Promise<void>;
}

/**
 * A platform with a routing world whose one vendor is the built-in carrier simulator (every
 * message delivered after `receiptDelayMs`), private callbacks allowed unless told otherwise.
 */
export async function startHttpWorld(o: { config?: Partial<Config>; simulator?: SimulatorOptions; ratePerSecond?: number; mail?: Partial<MailOptions> } = {}): Promise<HttpWorld> {
  const simulator = await startSimulator({ receiptDelayMs: 50, outcomes: { DELIVRD: 1 }, ...o.simulator });
  const platform = await startTestPlatform({ allowPrivateCallbacks: true, ...o.config }, { httpApi: { webhooks: FAST_WEBHOOKS, ratePerSecond: o.ratePerSecond ?? 10_000 }, ...(o.mail ? { mail: o.mail } : {}) });
  const admin = await platform.api.signIn();
  const db = platform.db;
  const ua = await insertId(db, sql`INSERT INTO destinations (country, name, mcc) VALUES ('UA', 'Ukraine', '255') RETURNING id`);
  const de = await insertId(db, sql`INSERT INTO destinations (country, name, mcc) VALUES ('DE', 'Germany', '262') RETURNING id`);
  const vendorId = await insertId(db, sql`INSERT INTO vendors (name, host, port, system_id, password, tps, window_size) VALUES ('simulator', '127.0.0.1', ${simulator.port}, 'petrel', 'secret', 5000, 200) RETURNING id`);
  const poolId = await insertId(db, sql`INSERT INTO pools (name) VALUES ('main') RETURNING id`);
  await sql`INSERT INTO pool_members (pool_id, vendor_id, weight) VALUES (${poolId}, ${vendorId}, 100)`.execute(db);
  await sql`INSERT INTO routes (name, pool_id, priority) VALUES ('general', ${poolId}, 100)`.execute(db);
  platform.clientSide.routing.invalidate();
  await platform.vendorSide.dispatcher.refresh();
  return {
    platform,
    admin,
    db,
    url: platform.httpUrl,
    simulator,
    vendorId,
    ua,
    de,
    stop: async () => {
      await platform.stop();
      await simulator.stop();
    },
  };
}

export interface ApiTestClient {
  readonly id: number;
  readonly login: string;
  readonly apiPassword: string;
}

export interface ApiClientSetup {
  readonly settings?: Record<string, unknown>;
  readonly balance?: string;
  readonly price?: string;
  readonly allowedIps?: readonly string[];
}

/** A client made through the admin API with both API rights, an API password, a price for Ukraine and money. */
export async function addApiClient(world: HttpWorld, login: string, setup: ApiClientSetup = {}): Promise<ApiTestClient> {
  const client = await createClient(world.admin, { ...requiredFields(login), dynamicSender: true, canSendHttpApi: true, canSendRest: true, ...setup.settings });
  const id = Number(client.id);
  const apiPassword = `api-${login}-pw`;
  const access = await world.admin.put(`/api/admin/clients/${id}/access`, { apiPassword, ...(setup.allowedIps ? { allowedIps: setup.allowedIps } : {}) });
  if (access.status !== 200) throw new Error(`setting API access failed: ${access.status} ${JSON.stringify(access.body)}`);
  await sql`INSERT INTO client_prices (client_id, destination_id, price, effective_from, created_by) VALUES (${id}, ${world.ua}, ${setup.price ?? '0.01'}, ${new Date(0)}, 'test')`.execute(world.db);
  if (setup.balance !== '0') await topUp(world.db, id, setup.balance ?? '100');
  return { id, login, apiPassword };
}

export async function topUp(db: Kysely<Database>, clientId: number, amount: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ balance: string }>`UPDATE clients SET balance = balance + ${amount}::numeric WHERE id = ${clientId} RETURNING balance`.execute(trx);
    await sql`INSERT INTO ledger (client_id, kind, amount, balance_after, actor) VALUES (${clientId}, 'topup', ${amount}::numeric, ${rows[0]?.balance}::numeric, 'test')`.execute(trx);
  });
}

/** A REST API key for the client, made through the admin API. */
export async function makeKey(world: HttpWorld, clientId: number, ratePerSecond: number | null = null): Promise<string> {
  const r = await world.admin.post(`/api/admin/clients/${clientId}/api-keys`, { name: 'test key', ratePerSecond });
  if (r.status !== 201) throw new Error(`making a key failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.key as string;
}

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly json: any;
}

/** An HTTP call to the platform; the body parsed as JSON when it is. */
export async function call(url: string, init: RequestInit = {}): Promise<Answer> {
  const res = await fetch(url, init);
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** REST v1 with a key: JSON in, JSON out. */
export function rest(world: HttpWorld, key: string) {
  const headers = (extra: Record<string, string> = {}) => ({ authorization: `Bearer ${key}`, 'content-type': 'application/json', ...extra });
  return {
    get: (path: string) => call(world.url + path, { headers: { authorization: `Bearer ${key}` } }),
    post: (path: string, body: unknown, extra: Record<string, string> = {}) => call(world.url + path, { method: 'POST', headers: headers(extra), body: JSON.stringify(body) }),
  };
}

export interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly at: number;
  /** What the receiver answered. */
  readonly status: number;
}

/** A client's endpoint on 127.0.0.1: records every request, answers 500 to the first `failFirst`, then 200. */
export async function startReceiver(o: { failFirst?: number } = {}): Promise<{ url: string; received: Received[]; close(): Promise<void>; server: Server }> {
  const received: Received[] = [];
  let failures = o.failFirst ?? 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const status = failures > 0 ? 500 : 200;
      if (failures > 0) failures--;
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now(), status });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'try later');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    server,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Polls until `check` answers something truthy; fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T> | T, timeoutMs = 10_000, what = 'condition'): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export async function rows<T>(db: Kysely<Database>, query: ReturnType<typeof sql<T>>): Promise<T[]> {
  return (await query.execute(db)).rows;
}

async function insertId(db: Kysely<Database>, query: ReturnType<typeof sql>): Promise<number> {
  const { rows: r } = await query.execute(db);
  return Number((r[0] as { id: number }).id);
}
