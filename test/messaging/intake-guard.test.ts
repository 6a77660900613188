import { Decimal } from 'decimal.js';
import { type Kysely, type KyselyPlugin, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/database.ts';
import { commitBatch } from '../../src/messaging/intake/commit-batch.ts';
import type { IntakeRequest } from '../../src/messaging/intake/intake-request.ts';
import { IntakeStore, type LookupQuery } from '../../src/messaging/intake/intake.store.ts';
import { addClient, expectBooksBalance, startWorld, type World } from './support/world.ts';

let w: World;
beforeAll(async () => {
  w = await startWorld();
});
afterAll(async () => {
  await w.stop();
});

let n = 0;
const request = (clientId: number): IntakeRequest => ({
  clientId,
  channel: 'smpp',
  source: 'Petrel',
  sourceTon: 5,
  sourceNpi: 0,
  destination: `38050${String(1_000_000 + ++n)}`,
  destTon: 1,
  destNpi: 1,
  dataCoding: 0,
  esmClass: 0,
  shortMessage: Buffer.from('hello'),
  registeredDelivery: 1,
});

/** Reads clients as they were before another batch moved them (a rich balance, an empty day), on its first read only. */
class StaleFirstRead extends IntakeStore {
  reads = 0;
  override async readClients(db: Kysely<Database>, ids: readonly number[], now: Date, q: LookupQuery) {
    const read = await super.readClients(db, ids, now, q);
    if (++this.reads > 1) return read;
    for (const [id, r] of read.clients) read.clients.set(id, { client: { ...r.client, funds: { ...r.client.funds, balance: new Decimal(100) } }, today: { ...r.today, messages: 0 } });
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

const deps = (db: Kysely<Database>, store = new IntakeStore()) => ({ db, store, routing: w.platform.clientSide.routing, random: () => 0.5 });

async function stored(clientId: number): Promise<{ messages: number; charged: string; dayMessages: number; moves: number }> {
  const { rows } = await sql<{ messages: number; charged: string; day_messages: number; moves: number }>`
    SELECT (SELECT count(*)::int FROM messages WHERE client_id = ${clientId}) AS messages,
           (SELECT coalesce(-sum(amount), 0)::text FROM ledger WHERE client_id = ${clientId} AND kind = 'charge') AS charged,
           (SELECT coalesce(sum(messages), 0)::int FROM client_daily_counts WHERE client_id = ${clientId}) AS day_messages,
           (SELECT coalesce(sum(messages), 0)::int FROM stats_moves WHERE client_id = ${clientId}) AS moves`.execute(w.db);
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
