import { Decimal } from 'decimal.js';
import { type Kysely, type KyselyPlugin, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/database.ts';
import { commitBatch } from '../../src/messaging/intake/commit-batch.ts';
import type { IntakeRequest } from '../../src/messaging/intake/intake-request.ts';
import { IntakeCache } from '../../src/messaging/intake/intake-cache.ts';
import { IntakeStore, type LookupQuery } from '../../src/messaging/intake/intake.store.ts';
import { INTAKE_COLUMNS } from '../../src/platform/migrations/0043-client-settings-version.ts';
import { addClient, expectBooksBalance, intakeDeps, intakeRequest, setPrice, startWorld, topUp, type World } from './support/world.ts';

let w: World;
beforeAll(async () => {
  w = await startWorld();
});
afterAll(async () => {
  await w.stop();
});

const request = (clientId: number, destination?: string): IntakeRequest => intakeRequest(clientId, destination === undefined ? {} : { destination });

/** Reads clients as they were before another batch moved them (a rich balance, an empty day), on its first read only. */
class StaleFirstRead extends IntakeStore {
  reads = 0;
  override async readClients(db: Kysely<Database>, ids: readonly number[], now: Date, q: LookupQuery) {
    const read = await super.readClients(db, ids, now, q);
    if (++this.reads > 1) return read;
    for (const [id, r] of read.clients) read.clients.set(id, { ...r, client: { ...r.client, funds: { ...r.client.funds, balance: new Decimal(100) } }, today: { ...r.today, messages: 0 } });
    return read;
  }
}

/** The batch's database with its statements and transactions counted. */
function counting(db: Kysely<Database>): { db: Kysely<Database>; statements: string[]; transactions: number } {
  const seen = { statements: [] as string[], transactions: 0 };
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      seen.statements.push(args.node.kind);
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  const counted = db.withPlugin(plugin);
  const transaction = counted.transaction.bind(counted);
  counted.transaction = () => {
    seen.transactions++;
    return transaction();
  };
  return Object.assign(seen, { db: counted });
}

const deps = (db: Kysely<Database>, store = new IntakeStore(), cache?: IntakeCache) => intakeDeps(w, db, store, cache);

async function stored(clientId: number): Promise<{ messages: number; charged: string; dayMessages: number; moves: number }> {
  const { rows } = await sql<{ messages: number; charged: string; day_messages: number; moves: number }>`
    SELECT (SELECT count(*)::int FROM messages WHERE client_id = ${clientId}) AS messages,
           (SELECT coalesce(-sum(amount), 0)::text FROM ledger WHERE client_id = ${clientId} AND kind = 'charge') AS charged,
           (SELECT coalesce(sum(messages), 0)::int FROM client_daily_counts WHERE client_id = ${clientId}) AS day_messages,
           -- The statistics: moves not folded yet plus the folded ones (the platform folds every second, one statement).
           (SELECT coalesce(sum(messages), 0)::int FROM stats_moves WHERE client_id = ${clientId})
             + (SELECT coalesce(sum(messages), 0)::int FROM stats_daily WHERE client_id = ${clientId}) AS moves`.execute(w.db);
  const r = rows[0] as (typeof rows)[number];
  return { messages: r.messages, charged: new Decimal(r.charged).toString(), dayMessages: r.day_messages, moves: r.moves };
}

describe('an intake batch', () => {
  it('reads and stores in two statements, without a transaction around them', async () => {
    const c = await addClient(w, 'twostmt', { price: '0.01', balance: '10' });
    const counted = counting(w.db);
    const batch = await commitBatch(deps(counted.db), [request(c.id), request(c.id), request(c.id)], new Date());
    expect(batch.results.map((r) => r.ok)).toEqual([true, true, true]);
    expect(counted.transactions).toBe(0);
    expect(counted.statements).toEqual(['RawNode', 'RawNode']);
    expect(await stored(c.id)).toEqual({ messages: 3, charged: '0.03', dayMessages: 3, moves: 3 });
  });

  it('undoes its one statement when the balance it read no longer covers the charge, and decides again on the locked balance', async () => {
    const c = await addClient(w, 'stalefunds', { price: '0.01', balance: '0.02' });
    const store = new StaleFirstRead();
    const counted = counting(w.db);
    const batch = await commitBatch(deps(counted.db, store), Array.from({ length: 5 }, () => request(c.id)), new Date());
    expect(store.reads).toBe(2);
    expect(counted.transactions).toBe(1);
    expect(batch.results.map((r) => (r.ok ? 'ok' : r.code))).toEqual(['ok', 'ok', 'insufficient_funds', 'insufficient_funds', 'insufficient_funds']);
    // Nothing of the first run stands: two messages, two charges, two counted.
    expect(await stored(c.id)).toEqual({ messages: 2, charged: '0.02', dayMessages: 2, moves: 2 });
    const books = (await expectBooksBalance(w.db)).find((b) => b.clientId === c.id);
    expect([new Decimal(books?.balance ?? NaN).toString(), new Decimal(books?.ledger ?? NaN).toString()]).toEqual(['0', '0']);
  });

  it('undoes its one statement when the day it read moved past the daily limit, and decides again on the counts after the lock', async () => {
    const c = await addClient(w, 'staleday', { price: '0.01', balance: '10' });
    await sql`UPDATE clients SET daily_limit = 3 WHERE id = ${c.id}`.execute(w.db);
    const first = await commitBatch(deps(w.db), [request(c.id), request(c.id)], new Date());
    expect(first.results.every((r) => r.ok)).toBe(true);
    const store = new StaleFirstRead();
    const batch = await commitBatch(deps(w.db, store), [request(c.id), request(c.id), request(c.id)], new Date());
    expect(store.reads).toBe(2);
    expect(batch.results.map((r) => (r.ok ? 'ok' : r.code))).toEqual(['ok', 'daily_limit', 'daily_limit']);
    expect(await stored(c.id)).toEqual({ messages: 3, charged: '0.03', dayMessages: 3, moves: 3 });
  });
});

const outcomes = (batch: { results: readonly { ok: boolean; code?: string }[] }) => batch.results.map((r) => (r.ok ? 'ok' : r.code));
const version = async (clientId: number) => Number((await sql<{ v: string }>`SELECT settings_version::text AS v FROM clients WHERE id = ${clientId}`.execute(w.db)).rows[0]?.v);

describe('an intake batch of clients intake remembers', () => {
  it('decides from memory and stores in one statement: no read, no transaction', async () => {
    const c = await addClient(w, 'memory1', { price: '0.01', balance: '10' });
    const cache = new IntakeCache();
    await commitBatch(deps(w.db, new IntakeStore(), cache), [request(c.id)], new Date());
    const counted = counting(w.db);
    const batch = await commitBatch(deps(counted.db, new IntakeStore(), cache), [request(c.id), request(c.id)], new Date());
    expect(outcomes(batch)).toEqual(['ok', 'ok']);
    expect(counted.statements).toEqual(['RawNode']);
    expect(counted.transactions).toBe(0);
    expect(await stored(c.id)).toEqual({ messages: 3, charged: '0.03', dayMessages: 3, moves: 3 });
  });

  it("counts a change to the client's settings, prices or sender names made elsewhere from the next batch on", async () => {
    const c = await addClient(w, 'memory2', { price: '0.01', balance: '10' });
    const cache = new IntakeCache();
    const send = async (count = 1) => commitBatch(deps(w.db, new IntakeStore(), cache), Array.from({ length: count }, () => request(c.id)), new Date());
    expect(outcomes(await send())).toEqual(['ok']);
    await sql`UPDATE clients SET status = 'blocked', blocked_at = now() WHERE id = ${c.id}`.execute(w.db);
    expect(outcomes(await send())).toEqual(['client_blocked']);
    await sql`UPDATE clients SET status = 'active', blocked_at = NULL WHERE id = ${c.id}`.execute(w.db);
    expect(outcomes(await send())).toEqual(['ok']);
    await setPrice(w, c.id, w.ua, '0.05');
    expect(outcomes(await send())).toEqual(['ok']);
    await sql`UPDATE clients SET dynamic_sender = false WHERE id = ${c.id}`.execute(w.db);
    await sql`INSERT INTO client_senders (client_id, name, status) VALUES (${c.id}, 'Petrel', 'approved')`.execute(w.db);
    expect(outcomes(await send())).toEqual(['ok']);
    await sql`UPDATE client_senders SET status = 'denied' WHERE client_id = ${c.id}`.execute(w.db);
    expect(outcomes(await send(2))).toEqual(['sender_not_approved', 'sender_not_approved']);
    // Accepted: the first, the one after the unblock (0.01 each), the new price's two (0.05 each).
    expect(await stored(c.id)).toEqual({ messages: 4, charged: '0.12', dayMessages: 4, moves: 4 });
  });

  it('refuses a destination put on the blacklist since, although memory did not look it up', async () => {
    const c = await addClient(w, 'memory3', { price: '0.01', balance: '10' });
    const cache = new IntakeCache();
    await commitBatch(deps(w.db, new IntakeStore(), cache), [request(c.id)], new Date());
    await sql`INSERT INTO blacklist (number, reason) VALUES ('380509999001', 'test')`.execute(w.db);
    const batch = await commitBatch(deps(w.db, new IntakeStore(), cache), [request(c.id), request(c.id, '380509999001'), request(c.id)], new Date());
    expect(outcomes(batch)).toEqual(['ok', 'blacklisted', 'ok']);
    expect(await stored(c.id)).toEqual({ messages: 3, charged: '0.03', dayMessages: 3, moves: 3 });
  });

  it('accepts again at once after a top-up, though memory still holds the spent balance', async () => {
    const c = await addClient(w, 'memory4', { price: '0.01', balance: '0.02' });
    const cache = new IntakeCache();
    const send = async () => commitBatch(deps(w.db, new IntakeStore(), cache), [request(c.id), request(c.id), request(c.id)], new Date());
    expect(outcomes(await send())).toEqual(['ok', 'ok', 'insufficient_funds']);
    await topUp(w, c.id, '0.02');
    expect(outcomes(await send())).toEqual(['ok', 'ok', 'insufficient_funds']);
    expect(await stored(c.id)).toEqual({ messages: 4, charged: '0.04', dayMessages: 4, moves: 4 });
  });

  it('charges a price set for later from its time on, with no write in between', async () => {
    const c = await addClient(w, 'memory5', { price: '0.01', balance: '10' });
    const t0 = new Date();
    await setPrice(w, c.id, w.ua, '0.03', new Date(t0.getTime() + 5_000));
    const cache = new IntakeCache();
    const send = async (at: Date) => commitBatch(deps(w.db, new IntakeStore(), cache), [request(c.id)], at);
    await send(t0);
    await send(new Date(t0.getTime() + 1_000));
    await send(new Date(t0.getTime() + 6_000));
    const { rows } = await sql<{ price: string }>`SELECT price::text FROM messages WHERE client_id = ${c.id} ORDER BY id`.execute(w.db);
    expect(rows.map((r) => new Decimal(r.price).toString())).toEqual(['0.01', '0.01', '0.03']);
  });

  it("counts the first message after the client's midnight on its new day", async () => {
    const c = await addClient(w, 'memory6', { price: '0.01', balance: '10' });
    await sql`UPDATE clients SET timezone = 'UTC' WHERE id = ${c.id}`.execute(w.db);
    const cache = new IntakeCache();
    const send = async (at: string) => commitBatch(deps(w.db, new IntakeStore(), cache), [request(c.id)], new Date(at));
    await send('2030-03-01T23:59:59.000Z');
    await send('2030-03-01T23:59:59.500Z');
    await send('2030-03-02T00:00:00.500Z');
    const { rows } = await sql<{ day: string; messages: number }>`SELECT to_char(day, 'YYYY-MM-DD') AS day, messages FROM client_daily_counts WHERE client_id = ${c.id} ORDER BY day`.execute(w.db);
    expect(rows).toEqual([
      { day: '2030-03-01', messages: 2 },
      { day: '2030-03-02', messages: 1 },
    ]);
  });

  it('sees a new settings version for a change of every column intake reads, of prices and of senders; not for a charge', async () => {
    const c = await addClient(w, 'memory7', { price: '0.01', balance: '10' });
    for (const column of INTAKE_COLUMNS) {
      const before = await version(c.id);
      await sql`UPDATE clients SET ${sql.ref(column)} = ${sql.ref(column)} WHERE id = ${c.id}`.execute(w.db);
      expect({ column, bumped: (await version(c.id)) - before }).toEqual({ column, bumped: 1 });
    }
    let before = await version(c.id);
    await topUp(w, c.id, '1');
    await commitBatch(deps(w.db), [request(c.id)], new Date());
    expect(await version(c.id)).toBe(before);
    await sql`INSERT INTO client_prices (client_id, destination_id, price, effective_from, created_by)
      SELECT ${c.id}, ${w.ua}, p, now(), 'test' FROM unnest(ARRAY[0.01, 0.02, 0.03]::numeric[]) AS p`.execute(w.db);
    expect(await version(c.id)).toBe(before + 1);
    before = await version(c.id);
    await sql`INSERT INTO client_senders (client_id, name, status) VALUES (${c.id}, 'Other', 'pending')`.execute(w.db);
    await sql`DELETE FROM client_senders WHERE client_id = ${c.id}`.execute(w.db);
    expect(await version(c.id)).toBe(before + 2);
  });
});
