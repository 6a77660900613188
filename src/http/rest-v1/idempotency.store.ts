import { type Kysely, sql } from 'kysely';
import type { Database } from '../../database.ts';

export type IdempotencyRecord =
  | { readonly kind: 'claimed' }
  | { readonly kind: 'running'; readonly requestHash: string; readonly since: Date }
  | { readonly kind: 'done'; readonly requestHash: string; readonly statusCode: number; readonly response: unknown };

/** Idempotency keys per client: the first request claims the key, its answer is kept for retries. */
export class IdempotencyStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** Claims the key for this request, or reads what holds it. One statement, so concurrent claims have one winner. */
  async claim(clientId: number, key: string, requestHash: string, at: Date): Promise<IdempotencyRecord> {
    const { rows } = await sql<{ claimed: boolean; request_hash: string; status_code: number | null; response: unknown; created_at: Date }>`
      WITH ins AS (
        INSERT INTO idempotency_keys (client_id, key, request_hash, created_at) VALUES (${clientId}, ${key}, ${requestHash}, ${at})
        ON CONFLICT (client_id, key) DO NOTHING
        RETURNING true AS claimed, request_hash, status_code, response, created_at
      )
      SELECT * FROM ins
      UNION ALL
      SELECT false, request_hash, status_code, response, created_at FROM idempotency_keys
      WHERE client_id = ${clientId} AND key = ${key} AND NOT EXISTS (SELECT 1 FROM ins)`.execute(this.db);
    const r = rows[0];
    // The row that blocked the insert was deleted meanwhile (a failed first request): claim again.
    if (!r) return this.claim(clientId, key, requestHash, at);
    if (r.claimed) return { kind: 'claimed' };
    if (r.status_code === null) return { kind: 'running', requestHash: r.request_hash, since: new Date(r.created_at) };
    return { kind: 'done', requestHash: r.request_hash, statusCode: r.status_code, response: typeof r.response === 'string' ? JSON.parse(r.response) : r.response };
  }

  async complete(clientId: number, key: string, statusCode: number, response: unknown, at: Date): Promise<void> {
    await sql`
      UPDATE idempotency_keys SET status_code = ${statusCode}, response = ${JSON.stringify(response)}, completed_at = ${at}
      WHERE client_id = ${clientId} AND key = ${key}`.execute(this.db);
  }

  /** The first request failed before it could have sent anything: a retry may run it again. */
  async release(clientId: number, key: string): Promise<void> {
    await sql`DELETE FROM idempotency_keys WHERE client_id = ${clientId} AND key = ${key} AND status_code IS NULL`.execute(this.db);
  }

  async deleteOlderThan(before: Date): Promise<number> {
    const { rows } = await sql<{ n: number }>`WITH d AS (DELETE FROM idempotency_keys WHERE created_at < ${before} RETURNING 1) SELECT count(*)::int AS n FROM d`.execute(this.db);
    return rows[0]?.n ?? 0;
  }
}
