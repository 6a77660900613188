import { type Kysely, type QueryExecutorProvider, sql } from 'kysely';
import type { PolicyTables } from './tables.ts';

type Db = Kysely<PolicyTables>;
/** The caller's transaction: any Kysely or Transaction (the statements here are plain SQL). */
type Trx = QueryExecutorProvider;

/** Which count of the client's local day: messages (Daily limit) or test messages (the platform's test quota). */
export type DailyCount = 'messages' | 'tests';

/**
 * The client's messages per local day, exact under concurrency: a reservation is one
 * INSERT … ON CONFLICT DO UPDATE whose WHERE re-checks the limit on the locked row, so
 * concurrent reservations can never pass it together.
 */
export class DailyCounter {
  constructor(private readonly db: Db) {}

  /**
   * Counts `n` messages for the client's `day` ('YYYY-MM-DD', its local date) when that keeps
   * the day within `limit` (null = no limit, still counted). False, and nothing counted, when not.
   */
  reserve(trx: Trx, clientId: number, day: string, n: number, limit: number | null): Promise<boolean> {
    return this.reserveIn(trx, 'messages', clientId, day, n, limit);
  }

  /** The same for test messages against the platform's daily test quota. */
  reserveTests(trx: Trx, clientId: number, day: string, n: number, quota: number): Promise<boolean> {
    return this.reserveIn(trx, 'tests', clientId, day, n, quota);
  }

  /** Gives back a reservation whose messages were not accepted after all. */
  async release(trx: Trx, count: DailyCount, clientId: number, day: string, n: number): Promise<void> {
    const column = sql.ref(count);
    await sql`UPDATE client_daily_counts SET ${column} = greatest(${column} - ${n}, 0) WHERE client_id = ${clientId} AND day = ${day}::date`.execute(trx);
  }

  /** What the clients have counted on their days: `${clientId}/${day}` → counts (one query). */
  async usage(keys: readonly { clientId: number; day: string }[]): Promise<Map<string, { messages: number; tests: number }>> {
    const out = new Map<string, { messages: number; tests: number }>();
    if (keys.length === 0) return out;
    const { rows } = await sql<{ client_id: number; day: string; messages: number; tests: number }>`
      SELECT c.client_id, c.day::text AS day, c.messages, c.tests
      FROM client_daily_counts c
      JOIN unnest(${keys.map((k) => k.clientId)}::bigint[], ${keys.map((k) => k.day)}::date[]) AS k(client_id, day)
        ON c.client_id = k.client_id AND c.day = k.day`.execute(this.db);
    for (const r of rows) out.set(`${r.client_id}/${r.day}`, { messages: r.messages, tests: r.tests });
    return out;
  }

  private async reserveIn(trx: Trx, count: DailyCount, clientId: number, day: string, n: number, limit: number | null): Promise<boolean> {
    if (n <= 0) return true;
    if (limit !== null && n > limit) return false;
    const column = sql.ref(count);
    const within = limit === null ? sql`true` : sql`client_daily_counts.${column} + ${n} <= ${limit}`;
    const { rows } = await sql<{ client_id: number }>`
      INSERT INTO client_daily_counts (client_id, day, ${column}) VALUES (${clientId}, ${day}::date, ${n})
      ON CONFLICT (client_id, day) DO UPDATE SET ${column} = client_daily_counts.${column} + ${n}
      WHERE ${within}
      RETURNING client_id`.execute(trx);
    return rows.length > 0;
  }
}
