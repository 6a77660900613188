import { type Kysely, sql } from 'kysely';
import { nodeShare } from '../../platform/node-share.ts';

/** Another node's published rates count while refreshed within this. */
export const RATE_USAGE_STALE_MS = 3_000;
/** How often a node publishes its use and reads the others'. */
export const RATE_USAGE_EVERY_MS = 1_000;
/** Keys this node saw requests for within this are the ones it reads the others' use of. */
const ACTIVE_MS = 10_000;

/**
 * The REST API's requests per second per key over every node on one database. Each node publishes
 * the requests it saw per key in its last second (api_rate_usage) and reads what the other nodes
 * saw for the keys it sees: its bucket then allows its share of the key's limit, in proportion to
 * the requests it gets. A key served by one node gets the whole limit there; one spread over nodes
 * gets it split as the load is, within a second of lag. Requests seen, not let through, are what
 * is shared, so the split does not swing between nodes from one second to the next. Times of
 * freshness are the database's.
 */
export class RateUsage {
  /** Requests seen per key since the last publish. */
  private counts = new Map<string, number>();
  /** This node's requests per second per key, as last published (its rows). */
  private mine = new Map<string, number>();
  /** The other nodes' requests per second per key, as last read. */
  private readonly others = new Map<string, number>();
  /** When each key last had a request here (ms). */
  private readonly active = new Map<string, number>();
  private lastPublish: number;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Kysely<unknown>,
    private readonly nodeId: string,
    private readonly log: (message: string, err?: unknown) => void,
    /** Milliseconds now. */
    private readonly clock: () => number,
  ) {
    this.lastPublish = clock();
  }

  /** Clears this node's rows of a previous run and starts publishing every second. */
  async start(): Promise<void> {
    await sql`DELETE FROM api_rate_usage WHERE node_id = ${this.nodeId}`.execute(this.db);
    this.timer = setInterval(() => void this.publish(this.clock()), RATE_USAGE_EVERY_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await sql`DELETE FROM api_rate_usage WHERE node_id = ${this.nodeId}`.execute(this.db).catch(() => undefined);
  }

  /** A request of the key came to this node. */
  note(key: string, now: number): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    this.active.set(key, now);
  }

  /** This node's part of the key's limit: 1 while no other node sees the key, else its share of the key's requests. */
  share(key: string): number {
    return nodeShare(this.mine.get(key) ?? 0, this.others.get(key) ?? 0);
  }

  /** Writes this node's requests per key since the last publish (as a rate) and reads the others' of the keys active here. */
  async publish(now: number): Promise<void> {
    const seconds = Math.max(RATE_USAGE_EVERY_MS, now - this.lastPublish) / 1000;
    const counts = this.counts;
    this.counts = new Map();
    this.lastPublish = now;
    for (const [key, at] of this.active) if (now - at > ACTIVE_MS) this.active.delete(key);
    const keys = [...counts.keys()];
    const rates = keys.map((k) => (counts.get(k) ?? 0) / seconds);
    const gone = [...this.mine.keys()].filter((k) => !counts.has(k));
    const active = [...this.active.keys()];
    try {
      await sql`
        WITH gone AS (DELETE FROM api_rate_usage WHERE node_id = ${this.nodeId} AND key = ANY(${gone}::text[]))
        INSERT INTO api_rate_usage (node_id, key, per_second, seen_at)
        SELECT ${this.nodeId}, k, r, clock_timestamp() FROM unnest(${keys}::text[], ${rates}::real[]) AS v(k, r)
        ON CONFLICT (node_id, key) DO UPDATE SET per_second = EXCLUDED.per_second, seen_at = EXCLUDED.seen_at`.execute(this.db);
      this.mine = new Map(keys.map((k, i) => [k, rates[i] ?? 0]));
      const { rows } = await sql<{ key: string; per_second: number }>`
        SELECT key, sum(per_second)::real AS per_second FROM api_rate_usage
        WHERE key = ANY(${active}::text[]) AND node_id <> ${this.nodeId} AND seen_at > clock_timestamp() - make_interval(secs => ${RATE_USAGE_STALE_MS / 1000})
        GROUP BY key`.execute(this.db);
      this.others.clear();
      for (const r of rows) this.others.set(r.key, Number(r.per_second));
    } catch (err) {
      this.log('sharing the API rate use with other nodes failed; this node goes on with what it read last', err);
    }
  }
}
