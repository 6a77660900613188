import { type Kysely, sql } from 'kysely';

/**
 * Which node binds and sends for each vendor: one at a time, so a vendor sees the binds it
 * configured (not that many per node), and its TPS and daily limit are kept in one place. The
 * holder renews its lease; another node takes the vendor over when the lease runs out.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE vendor_leases (
      vendor_id bigint PRIMARY KEY,
      node_id text NOT NULL,
      until timestamptz NOT NULL
    )`.execute(db);
}
