import { sql } from 'kysely';
import type { Db } from '../messaging/intake/intake.store.ts';
import { nodeShare } from '../platform/node-share.ts';

/** A node's rows count while refreshed within this; a node that died stops counting after it. */
export const BIND_COUNT_STALE_MS = 15_000;
/** How often a node refreshes its rows (well inside BIND_COUNT_STALE_MS). */
export const BIND_COUNT_REFRESH_MS = 5_000;

/**
 * Max binds over every node on one database. Each node keeps its live binds per client in
 * node_binds; a bind is accepted only if this node's binds (those accepted and those being
 * accepted right now) plus the other nodes' fresh rows stay within the client's max, checked under
 * a per-client advisory lock so two nodes never take the last place both. Times are the
 * database's, so nodes whose clocks disagree still agree on which counts are fresh.
 */
export class BindCounts {
  /** This node's binds per client, counted the moment a bind is being accepted. */
  private readonly mine = new Map<number, number>();
  /** The other nodes' live binds of the clients bound here, as last read. */
  private readonly others = new Map<number, number>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly nodeId: string,
    private readonly log: (message: string, err?: unknown) => void,
  ) {}

  /** Clears this node's rows of a previous run and starts refreshing them. */
  async start(): Promise<void> {
    await sql`DELETE FROM node_binds WHERE node_id = ${this.nodeId}`.execute(this.db);
    this.timer = setInterval(() => void this.refresh(), BIND_COUNT_REFRESH_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await sql`DELETE FROM node_binds WHERE node_id = ${this.nodeId}`.execute(this.db).catch(() => undefined);
  }

  /** Takes a place for one more bind of the client; false when its max binds is reached over all nodes. */
  async reserve(clientId: number, maxBinds: number): Promise<boolean> {
    const mine = (this.mine.get(clientId) ?? 0) + 1;
    this.mine.set(clientId, mine);
    try {
      const accepted = await this.db.transaction().execute(async (trx) => {
        await sql`SELECT pg_advisory_xact_lock(hashtextextended('petrel-binds:' || ${clientId}::text, 0))`.execute(trx);
        const { rows } = await sql<{ others: number }>`
          SELECT coalesce(sum(binds), 0)::int AS others FROM node_binds
          WHERE client_id = ${clientId} AND node_id <> ${this.nodeId} AND seen_at > clock_timestamp() - make_interval(secs => ${BIND_COUNT_STALE_MS / 1000})`.execute(trx);
        const current = this.mine.get(clientId) ?? 0;
        const others = rows[0]?.others ?? 0;
        this.others.set(clientId, others);
        if (others + current > maxBinds) return false;
        await this.write(trx, clientId, current);
        return true;
      });
      if (!accepted) this.forget(clientId);
      return accepted;
    } catch (err) {
      this.forget(clientId);
      throw err;
    }
  }

  /**
   * This node's share of the client's binds over all nodes (1 when it has them all): the part of
   * the client's throughput limit this node enforces, so the limit holds over every node.
   */
  share(clientId: number): number {
    return nodeShare(this.mine.get(clientId) ?? 0, this.others.get(clientId) ?? 0);
  }

  /** A bind of the client ended: its place is free, here and in node_binds. */
  release(clientId: number): void {
    const left = this.forget(clientId);
    if (!this.stopped) this.write(this.db, clientId, left).catch((err: unknown) => this.log('updating the bind count failed; the next refresh corrects it', err));
  }

  /** Takes one place of the client back from this node's count (a bind that ended or was not accepted); answers what is left. */
  private forget(clientId: number): number {
    const left = Math.max(0, (this.mine.get(clientId) ?? 0) - 1);
    if (left > 0) this.mine.set(clientId, left);
    else {
      this.mine.delete(clientId);
      this.others.delete(clientId);
    }
    return left;
  }

  private async write(db: Db, clientId: number, binds: number): Promise<void> {
    if (binds === 0) await sql`DELETE FROM node_binds WHERE node_id = ${this.nodeId} AND client_id = ${clientId}`.execute(db);
    else
      await sql`
        INSERT INTO node_binds (node_id, client_id, binds, seen_at) VALUES (${this.nodeId}, ${clientId}, ${binds}, clock_timestamp())
        ON CONFLICT (node_id, client_id) DO UPDATE SET binds = EXCLUDED.binds, seen_at = EXCLUDED.seen_at`.execute(db);
  }

  /** Rewrites this node's rows from its own counts, fresh, and reads the other nodes' counts of the same clients. */
  private async refresh(): Promise<void> {
    const ids = [...this.mine.keys()];
    try {
      await sql`
        WITH gone AS (DELETE FROM node_binds WHERE node_id = ${this.nodeId} AND NOT (client_id = ANY(${ids}::bigint[])))
        INSERT INTO node_binds (node_id, client_id, binds, seen_at)
        SELECT ${this.nodeId}, c, n, clock_timestamp() FROM unnest(${ids}::bigint[], ${ids.map((id) => this.mine.get(id) ?? 0)}::int[]) AS v(c, n)
        ON CONFLICT (node_id, client_id) DO UPDATE SET binds = EXCLUDED.binds, seen_at = EXCLUDED.seen_at`.execute(this.db);
      const { rows } = await sql<{ client_id: number; binds: number }>`
        SELECT client_id, sum(binds)::int AS binds FROM node_binds
        WHERE client_id = ANY(${ids}::bigint[]) AND node_id <> ${this.nodeId} AND seen_at > clock_timestamp() - make_interval(secs => ${BIND_COUNT_STALE_MS / 1000})
        GROUP BY client_id`.execute(this.db);
      const fresh = new Map(rows.map((r) => [Number(r.client_id), r.binds]));
      for (const id of ids) this.others.set(id, fresh.get(id) ?? 0);
    } catch (err) {
      this.log('refreshing the bind counts failed; the next refresh tries again', err);
    }
  }
}
