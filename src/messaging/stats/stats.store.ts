import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../../database.ts';
import type { StatsDelta } from './stats-delta.ts';

/**
 * The statement that appends summed moves (aggregateDeltas) to stats_moves, for a WITH clause of
 * the statement that changes the messages they describe (intake's insert, the transitions' write).
 */
export function appendStatsMoves(rows: readonly StatsDelta[]): RawBuilder<unknown> {
  const col = <T>(f: (r: StatsDelta) => T): T[] => rows.map(f);
  return sql`
    INSERT INTO stats_moves (day, client_id, vendor_id, country, network, state, is_test, messages, segments, amount)
    SELECT * FROM unnest(${col((r) => r.day)}::date[], ${col((r) => r.clientId)}::bigint[], ${col((r) => r.vendorId)}::bigint[], ${col((r) => r.country)}::text[],
      ${col((r) => r.network)}::text[], ${col((r) => r.state)}::text[], ${col((r) => r.isTest)}::boolean[], ${col((r) => r.messages)}::int[],
      ${col((r) => r.segments)}::int[], ${col((r) => r.amount)}::numeric[])
    RETURNING 1`;
}

/**
 * Moves every appended delta into stats_daily in one statement (so one transaction): the rows
 * taken are deleted and their sums upserted together, in key order. Two nodes folding at once
 * never take the same move twice (the second skips rows the first deleted). Returns the moves folded.
 */
export async function foldStats(db: Kysely<Database>): Promise<number> {
  // A data-modifying WITH always runs to completion, read or not (PostgreSQL docs, 7.8.4).
  const { rows } = await sql<{ folded: number }>`
    WITH taken AS (DELETE FROM stats_moves RETURNING *),
    summed AS (
      SELECT day, client_id, vendor_id, country, network, state, is_test, sum(messages)::int AS messages, sum(segments)::int AS segments, sum(amount) AS amount, count(*) AS n
      FROM taken GROUP BY day, client_id, vendor_id, country, network, state, is_test
    ), folded AS (
      INSERT INTO stats_daily AS s (day, client_id, vendor_id, country, network, state, is_test, messages, segments, amount)
      SELECT day, client_id, vendor_id, country, network, state, is_test, messages, segments, amount FROM summed
      ORDER BY day, client_id, vendor_id, country, network, state, is_test
      ON CONFLICT (day, client_id, vendor_id, country, network, state, is_test) DO UPDATE
      SET messages = s.messages + excluded.messages, segments = s.segments + excluded.segments, amount = s.amount + excluded.amount
    )
    SELECT coalesce(sum(n), 0)::int AS folded FROM summed`.execute(db);
  return Number(rows[0]?.folded ?? 0);
}

/** Folds the appended statistics about once a second on every node, and once more when stopping. */
export class StatsFolder {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly onError: (err: unknown) => void,
    private readonly everyMs = 1_000,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.fold(), this.everyMs);
    this.timer.unref();
  }

  /** One fold after the one running (if any). */
  fold(): Promise<unknown> {
    this.running = this.running.then(() => foldStats(this.db)).catch(this.onError);
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.fold();
  }
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
