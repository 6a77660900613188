import { type Kysely, sql } from 'kysely';

/**
 * Statistics without a hot row: every stage used to upsert the same stats_daily rows inside its
 * own transaction, so intake, dispatch and receipts waited for each other's row locks. They now
 * append their moves to stats_moves (no key, nothing to wait for) and a fold, about once a second,
 * moves them into stats_daily in one transaction. stats_counts is what readers use: the folded
 * rows and the moves not folded yet, so a report is exact at any moment.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

const statements = [
  `CREATE TABLE stats_moves (
    day date NOT NULL,
    client_id bigint NOT NULL,
    vendor_id bigint NOT NULL DEFAULT 0,
    country text NOT NULL DEFAULT '',
    network text NOT NULL DEFAULT '',
    state text NOT NULL,
    is_test boolean NOT NULL DEFAULT false,
    messages integer NOT NULL,
    segments integer NOT NULL,
    amount numeric(20,6) NOT NULL
  )`,
  `CREATE VIEW stats_counts AS
    SELECT day, client_id, vendor_id, country, network, state, is_test, messages, segments, amount FROM stats_daily
    UNION ALL
    SELECT day, client_id, vendor_id, country, network, state, is_test, messages, segments, amount FROM stats_moves`,
];
