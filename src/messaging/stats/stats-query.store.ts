import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../../database.ts';

export const STATS_GROUPS = ['day', 'client', 'vendor', 'country', 'network', 'state', 'test'] as const;
export type StatsGroup = (typeof STATS_GROUPS)[number];

export interface StatsQuery {
  /** 'YYYY-MM-DD', inclusive, in each client's local days. */
  readonly from: string;
  readonly to: string;
  readonly clientId?: number;
  /** Only these clients (a manager's); undefined = every client. */
  readonly clientIds?: readonly number[];
  readonly groupBy: readonly StatsGroup[];
}

export interface StatsRow {
  readonly day?: string;
  readonly clientId?: number;
  readonly vendorId?: number;
  readonly country?: string;
  readonly network?: string;
  readonly state?: string;
  readonly isTest?: boolean;
  /** With the client group: its login (stats.http.ts). */
  readonly clientLogin?: string | null;
  /** With the vendor group: its name; null for messages no vendor took yet (vendor 0). */
  readonly vendorName?: string | null;
  /** With the network group: the network's name; null for a country-level destination. */
  readonly networkName?: string | null;
  /** Amounts are in the clients' currencies, so every row is one currency. */
  readonly currency: string;
  readonly messages: number;
  readonly segments: number;
  readonly amount: string;
}

const COLUMN: Readonly<Record<StatsGroup, { expr: RawBuilder<unknown>; key: keyof StatsRow }>> = {
  day: { expr: sql`to_char(s.day, 'YYYY-MM-DD')`, key: 'day' },
  client: { expr: sql`s.client_id`, key: 'clientId' },
  vendor: { expr: sql`s.vendor_id`, key: 'vendorId' },
  country: { expr: sql`s.country`, key: 'country' },
  network: { expr: sql`s.network`, key: 'network' },
  state: { expr: sql`s.state`, key: 'state' },
  test: { expr: sql`s.is_test`, key: 'isTest' },
};

/** Statistics from the counters only (stats_counts: folded and not yet folded), never from the messages table. */
export async function queryStats(db: Kysely<Database>, q: StatsQuery): Promise<StatsRow[]> {
  const groups = [...new Set(q.groupBy)];
  const selected = groups.map((g, i) => sql`${COLUMN[g].expr} AS ${sql.ref(`g${i}`)}`);
  const filters = [sql`s.day BETWEEN ${q.from}::date AND ${q.to}::date`];
  if (q.clientId !== undefined) filters.push(sql`s.client_id = ${q.clientId}`);
  if (q.clientIds !== undefined) filters.push(q.clientIds.length ? sql`s.client_id IN (${sql.join(q.clientIds)})` : sql`false`);
  const groupCols = [...groups.map((_, i) => sql.ref(`g${i}`)), sql`c.currency`];
  const { rows } = await sql<Record<string, unknown>>`
    SELECT ${sql.join([...selected, sql`c.currency`])}, sum(s.messages)::bigint AS messages, sum(s.segments)::bigint AS segments, sum(s.amount)::text AS amount
    FROM stats_counts s JOIN clients c ON c.id = s.client_id
    WHERE ${sql.join(filters, sql` AND `)}
    GROUP BY ${sql.join(groupCols)}
    HAVING sum(s.messages) <> 0
    ORDER BY ${sql.join(groupCols)}`.execute(db);
  return rows.map((r) => {
    const out: Record<string, unknown> = { currency: r.currency, messages: Number(r.messages), segments: Number(r.segments), amount: String(r.amount) };
    groups.forEach((g, i) => {
      const v = r[`g${i}`];
      out[COLUMN[g].key] = g === 'client' || g === 'vendor' ? Number(v) : v;
    });
    return out as unknown as StatsRow;
  });
}
