import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import pg from 'pg';

/**
 * The name this process claims work under (messages toward vendors, reports and MO toward
 * clients). When it is `stable`, the same node started again after a crash is the only one that
 * can hold claims under that name, so it takes them back at once instead of waiting out their
 * leases; a random name (no fixed SMPP port, no PETREL_NODE_ID) leaves recovery to the leases.
 */
export interface NodeIdentity {
  readonly id: string;
  readonly stable: boolean;
  /** Lets the name go (at shutdown). */
  release(): Promise<void>;
}

export class NodeIdInUseError extends Error {}

export interface NodeIdentityOptions {
  /** PETREL_NODE_ID, when set. */
  readonly configured: string | undefined;
  readonly databaseUrl: string | undefined;
  readonly smppPort: number;
  /**
   * How long to keep asking for a name that is held (10 s): after a kill -9 the database notices
   * the old process's connection is gone within moments, and its lock goes with it.
   */
  readonly waitMs?: number;
}

/**
 * Embedded database: one process owns the data folder, so the name is fixed. PostgreSQL: the
 * configured name, else host name and SMPP port (two processes cannot listen on one port of one
 * host), else a random one. A stable name is held with a session advisory lock for the life of
 * the process, so a second process started under the same name is refused instead of taking the
 * first one's claims.
 */
export async function claimNodeIdentity(o: NodeIdentityOptions): Promise<NodeIdentity> {
  if (!o.databaseUrl) return { id: o.configured ?? 'embedded', stable: true, release: async () => undefined };
  const named = o.configured ?? (o.smppPort !== 0 ? `${hostname()}:${o.smppPort}` : undefined);
  if (named === undefined) return { id: `${hostname()}:${randomUUID()}`, stable: false, release: async () => undefined };
  const holder = new pg.Client({ connectionString: o.databaseUrl });
  holder.on('error', () => undefined); // a lost connection frees the name; the claims themselves stay correct (leases)
  await holder.connect();
  const until = Date.now() + (o.waitMs ?? 10_000);
  let held: boolean;
  for (;;) {
    const { rows } = await holder.query<{ held: boolean }>("SELECT pg_try_advisory_lock(hashtextextended('petrel-node:' || $1, 0)) AS held", [named]);
    held = rows[0]?.held === true;
    if (held || Date.now() >= until) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  if (!held) {
    await holder.end().catch(() => undefined);
    throw new NodeIdInUseError(`node id "${named}" is held by another running Petrel node on this database; give each node its own PETREL_NODE_ID`);
  }
  return { id: named, stable: true, release: () => holder.end().catch(() => undefined) };
}
