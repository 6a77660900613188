import { type Kysely, sql } from 'kysely';

/**
 * What each node let through per REST API key in its last second, so a key's requests per second
 * hold over all nodes: a node allows what the others did not use (rows refreshed within seconds).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE api_rate_usage (
      node_id text NOT NULL,
      key text NOT NULL,
      per_second real NOT NULL,
      seen_at timestamptz NOT NULL,
      PRIMARY KEY (node_id, key)
    )`.execute(db);
  await sql`CREATE INDEX api_rate_usage_key_idx ON api_rate_usage (key)`.execute(db);
}
