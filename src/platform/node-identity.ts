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
  /** Told when the connection holding the name is lost, and whether the name was taken again. */
  readonly warn?: (line: string) => void;
  /** Between two tries to take the name again after the connection holding it was lost (1 s). */
  readonly retryMs?: number;
}

const LOCK = "SELECT pg_try_advisory_lock(hashtextextended('petrel-node:' || $1, 0)) AS held";

/**
 * Embedded database: one process owns the data folder, so the name is fixed. PostgreSQL: the
 * configured name, else host name and SMPP port (two processes cannot listen on one port of one
 * host), else a random one. A stable name is held with a session advisory lock for the life of
 * the process (taken again when the database cuts the connection that holds it), so a second
 * process started under the same name is refused instead of taking the first one's claims.
 */
export async function claimNodeIdentity(o: NodeIdentityOptions): Promise<NodeIdentity> {
  if (!o.databaseUrl) return { id: o.configured ?? 'embedded', stable: true, release: async () => undefined };
  const named = o.configured ?? (o.smppPort !== 0 ? `${hostname()}:${o.smppPort}` : undefined);
  if (named === undefined) return { id: `${hostname()}:${randomUUID()}`, stable: false, release: async () => undefined };
  const holder = new HeldName(o.databaseUrl, named, o.warn ?? (() => undefined), o.retryMs ?? 1_000);
  const until = Date.now() + (o.waitMs ?? 10_000);
  const client = await holder.open();
  let held: boolean;
  for (;;) {
    held = await holder.tryLock(client);
    if (held || Date.now() >= until) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  if (!held) {
    await client.end().catch(() => undefined);
    throw new NodeIdInUseError(`node id "${named}" is held by another running Petrel node on this database; give each node its own PETREL_NODE_ID`);
  }
  holder.keep(client);
  return { id: named, stable: true, release: () => holder.release() };
}

/**
 * A node name held with a session advisory lock: the lock lives as long as its connection, so
 * when the database cuts that connection (a restart, a failover) the name is taken again as soon
 * as the database answers. Meanwhile another process could take it; that is said, and this one
 * keeps asking.
 */
class HeldName {
  private client: pg.Client | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly url: string,
    private readonly name: string,
    private readonly warn: (line: string) => void,
    private readonly retryMs: number,
  ) {}

  async open(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.url, application_name: 'petrel node name', connectionTimeoutMillis: 5_000 });
    client.on('error', () => undefined); // a lost connection is seen by its 'end'
    try {
      await client.connect();
    } catch (err) {
      await client.end().catch(() => undefined);
      throw err;
    }
    return client;
  }

  async tryLock(client: pg.Client): Promise<boolean> {
    const { rows } = await client.query<{ held: boolean }>(LOCK, [this.name]);
    return rows[0]?.held === true;
  }

  /** `client` holds the name from now on. */
  keep(client: pg.Client): void {
    this.client = client;
    client.once('end', () => {
      if (this.stopped || this.client !== client) return;
      this.client = undefined;
      this.warn(`node name "${this.name}": the database connection holding it was lost; taking it again`);
      this.retry(false);
    });
  }

  async release(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.client?.end().catch(() => undefined);
    this.client = undefined;
  }

  private retry(saidHeld: boolean): void {
    this.timer = setTimeout(() => void this.takeAgain(saidHeld), this.retryMs);
    this.timer.unref();
  }

  private async takeAgain(saidHeld: boolean): Promise<void> {
    if (this.stopped) return;
    let client: pg.Client | undefined;
    try {
      client = await this.open();
      if (await this.tryLock(client)) {
        if (this.stopped) return void (await client.end().catch(() => undefined));
        this.keep(client);
        this.warn(`node name "${this.name}": held again`);
        return;
      }
      await client.end().catch(() => undefined);
      if (!saidHeld) this.warn(`node name "${this.name}" is held by another process on this database now; give each node its own PETREL_NODE_ID`);
      this.retry(true);
    } catch {
      await client?.end().catch(() => undefined);
      this.retry(saidHeld); // the database is not back yet
    }
  }
}
