import { type Kysely, sql } from 'kysely';
import type { Database } from '../../database.ts';
import { aggregateDeltas, type StatsDelta } from './stats-delta.ts';

/**
 * Adds deltas to stats_daily: summed per group, then one multi-row upsert (rows in key order, so
 * two transactions never wait on each other's rows in opposite orders). Call inside the
 * transaction that changes the messages the deltas describe.
 */
export async function addToStats(trx: Kysely<Database>, deltas: readonly StatsDelta[]): Promise<void> {
  const rows = aggregateDeltas(deltas);
  if (rows.length === 0) return;
  const col = <T>(f: (r: StatsDelta) => T): T[] => rows.map(f);
  await sql`
    INSERT INTO stats_daily AS s (day, client_id, vendor_id, country, network, state, is_test, messages, segments, amount)
    SELECT * FROM unnest(${col((r) => r.day)}::date[], ${col((r) => r.clientId)}::bigint[], ${col((r) => r.vendorId)}::bigint[], ${col((r) => r.country)}::text[],
      ${col((r) => r.network)}::text[], ${col((r) => r.state)}::text[], ${col((r) => r.isTest)}::boolean[], ${col((r) => r.messages)}::int[],
      ${col((r) => r.segments)}::int[], ${col((r) => r.amount)}::numeric[])
    ON CONFLICT (day, client_id, vendor_id, country, network, state, is_test) DO UPDATE
    SET messages = s.messages + excluded.messages, segments = s.segments + excluded.segments, amount = s.amount + excluded.amount`.execute(trx);
}

/**
 * The SQL that yields a message's statistics key columns (day, country, network) from `messages m`
 * joined with `clients c` and `LEFT JOIN destinations d`. Intake uses the same expressions when it
 * counts accepted messages, so both sides agree on the group of a message.
 */
export const STATS_KEY_SQL = {
  day: sql<string>`to_char((m.created_at AT TIME ZONE c.timezone)::date, 'YYYY-MM-DD')`,
  country: sql<string>`coalesce(m.country, d.country, '')`,
  network: sql<string>`CASE WHEN d.mnc IS NULL THEN '' ELSE coalesce(d.mcc, '') || '-' || d.mnc END`,
};
