import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RateUsage } from '../../src/http/rest-v1/rate-usage.store.ts';
import { openTestDb, type TestDb } from '../dispatch/support/db.ts';

let t: TestDb;
let db: Kysely<unknown>;
beforeAll(async () => {
  t = await openTestDb();
  db = t.db as unknown as Kysely<unknown>;
});
afterAll(async () => {
  await t?.close();
});

const quiet = (): void => undefined;

function node(id: string): RateUsage {
  return new RateUsage(db, id, quiet, () => 0);
}

/** The node sees `n` requests of the key, then takes its turn at `at`: publishes them and reads the others'. */
async function turn(usage: RateUsage, key: string, n: number, at: number): Promise<void> {
  for (let i = 0; i < n; i++) usage.note(key, 0);
  await usage.publish(at);
}

describe("sharing a REST key's limit between nodes on one database", () => {
  it('gives each node the share of the limit that its part of the requests is', async () => {
    const a = node('node-a');
    const b = node('node-b');
    await turn(b, 'k1', 300, 1_000);
    await turn(a, 'k1', 100, 1_000);
    expect(a.share('k1')).toBeCloseTo(0.25, 5);
    // b reads a's requests at its next turn.
    await turn(b, 'k1', 300, 2_000);
    expect(b.share('k1')).toBeCloseTo(0.75, 5);
    // A key only this node sees is all its own.
    await turn(a, 'k2', 5, 2_000);
    expect(a.share('k2')).toBe(1);
  });

  it("stops counting a node that stopped publishing (its row goes stale), and removes a stopped node's rows", async () => {
    const a = node('node-c');
    const b = node('node-d');
    await turn(b, 'k3', 100, 1_000);
    await turn(a, 'k3', 100, 1_000);
    expect(a.share('k3')).toBeCloseTo(0.5, 5);
    await sql`UPDATE api_rate_usage SET seen_at = now() - interval '1 minute' WHERE node_id = 'node-d'`.execute(db);
    await turn(a, 'k3', 100, 2_000);
    expect(a.share('k3')).toBe(1);
    await b.stop();
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM api_rate_usage WHERE node_id = 'node-d'`.execute(db);
    expect(rows[0]?.n).toBe(0);
  });
});
