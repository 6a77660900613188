import { type Kysely, sql } from 'kysely';

/**
 * Each node's live SMPP binds per client, so a client's max binds holds over all nodes: a node
 * counts the others' rows (those refreshed within the last seconds) before it accepts a bind.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE node_binds (
      node_id text NOT NULL,
      client_id bigint NOT NULL,
      binds integer NOT NULL,
      seen_at timestamptz NOT NULL,
      PRIMARY KEY (node_id, client_id)
    )`.execute(db);
  await sql`CREATE INDEX node_binds_client_idx ON node_binds (client_id)`.execute(db);
}
