import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import { noConnectionError } from './database-unavailable.ts';
import { encodeParameters } from './array-parameters.ts';
import { DataDirInUseError, lockDataDir } from './data-dir-lock.ts';
import { useFastTimestamptz } from './result-dates.ts';

export interface DbHandle<DB> {
  readonly db: Kysely<DB>;
  readonly kind: 'postgres' | 'pglite';
  close(): Promise<void>;
}

export class DatabaseUnavailableError extends Error {}

// Same JS types on both engines: int8 → number (ids and counts stay far below 2^53), numeric →
// string (money is exact: callers wrap it in Decimal), timestamptz → Date (read by result-dates.ts).
const INT8_OID = 20;
pg.types.setTypeParser(INT8_OID, (v: string) => Number(v));
useFastTimestamptz();

/**
 * Planner settings of Petrel's own sessions. The message path looks rows up by key in batches
 * (an unnest of ids joined to messages, client_reports), over a working set that is in memory.
 * PostgreSQL's default random_page_cost (4, a spinning disk's) makes the planner read a young
 * table whole rather than probe its index: a plan that stays cached on the connection while the
 * table grows (measured: two scans of the whole messages table per receipt batch in the benchmark,
 * 20–45 % more of the server's CPU in the runs that kept it). 1.1 is the usual value for SSD or memory-resident data.
 */
export const SESSION_SETTINGS: Readonly<Record<string, string>> = { random_page_cost: '1.1' };

/**
 * The `options` startup parameter for a pool at `url`: Petrel's session settings, unless the
 * operator chose options of their own (an `options` parameter in DATABASE_URL, or PGOPTIONS,
 * which the driver then reads itself).
 */
export function sessionOptions(url: string, pgOptions: string | undefined): string | undefined {
  if (pgOptions || new URL(url).searchParams.has('options')) return undefined;
  return Object.entries(SESSION_SETTINGS)
    .map(([name, value]) => `-c ${name}=${value}`)
    .join(' ');
}

/** Opens PostgreSQL at `databaseUrl`, or the embedded PGlite in `dataDir` (locked to one process). */
export async function openDatabase<DB>(opts: { databaseUrl?: string | undefined; dataDir: string; poolSize?: number; pgOptions?: string | undefined }): Promise<DbHandle<DB>> {
  if (opts.databaseUrl) return openPostgres<DB>(opts.databaseUrl, opts.poolSize ?? 10, sessionOptions(opts.databaseUrl, opts.pgOptions));
  return openPglite<DB>(opts.dataDir);
}

async function openPostgres<DB>(url: string, max: number, options: string | undefined): Promise<DbHandle<DB>> {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5000, ...(options ? { options } : {}) });
  pool.on('error', () => undefined); // an idle client's error must not kill the process; the next query reports it
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw new DatabaseUnavailableError(`cannot reach the database at ${redact(url)}: ${(err as Error).message}`);
  }
  const statements = new StatementNames(undefined, encodeParameters);
  const checkout = async (): Promise<pg.PoolClient> => {
    try {
      return survivingErrors(await pool.connect());
    } catch (err) {
      throw noConnectionError(err);
    }
  };
  const preparingPool = { connect: async () => statements.prepareOn(await checkout()), end: () => pool.end(), options: pool.options };
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: preparingPool }) });
  return { db, kind: 'postgres', close: () => db.destroy() };
}

const listened = new WeakSet<pg.PoolClient>();

/**
 * A connection lost while checked out (the server restarted, a failover, an administrator's
 * pg_terminate_backend) between two of its queries emits 'error' on the client, and pg-pool
 * listens only to idle clients: unheard, that event would end the process. Heard, the client is
 * simply broken: its next query fails like any database error, and pg-pool drops it when it is
 * released, so the next checkout opens a new connection.
 */
function survivingErrors(client: pg.PoolClient): pg.PoolClient {
  if (!listened.has(client)) {
    listened.add(client);
    client.on('error', () => undefined);
  }
  return client;
}

/**
 * Named (prepared) statements for the texts the platform runs again and again: PostgreSQL then
 * parses each once per connection and can keep its plan, instead of parsing and planning every
 * batch of the message path afresh (a measured fifth of its CPU there). A text is named the
 * second time it is seen, up to `limit` texts (queries built with a varying number of
 * parameters stay unnamed once the limit is reached, so no connection holds statements without bound).
 * The same wrapper hands the driver the parameters as `encode` writes them (the pool's:
 * `encodeParameters`, array-parameters.ts).
 */
export class StatementNames {
  private readonly seen = new Map<string, number>();
  private readonly names = new Map<string, string>();
  private readonly patched = new WeakSet<pg.PoolClient>();

  constructor(
    private readonly limit = 400,
    private readonly encode: (values: unknown[]) => unknown[] = (values) => values,
  ) {}

  prepareOn(client: pg.PoolClient): pg.PoolClient {
    if (this.patched.has(client)) return client;
    this.patched.add(client);
    const query = client.query.bind(client) as (config: unknown, values?: unknown) => Promise<pg.QueryResult>;
    const named = (text: unknown, given?: unknown): Promise<pg.QueryResult> => {
      const values = Array.isArray(given) ? this.encode(given) : given;
      const name = typeof text === 'string' && Array.isArray(values) && values.length > 0 ? this.nameOf(text) : undefined;
      return name === undefined ? query(text, values) : query({ name, text, values });
    };
    return Object.assign(client, { query: named });
  }

  private nameOf(text: string): string | undefined {
    const known = this.names.get(text);
    if (known !== undefined || this.names.size >= this.limit) return known;
    const count = (this.seen.get(text) ?? 0) + 1;
    if (count < 2) {
      if (this.seen.size < this.limit * 10) this.seen.set(text, count);
      return undefined;
    }
    this.seen.delete(text);
    const name = `petrel_${this.names.size + 1}`;
    this.names.set(text, name);
    return name;
  }
}

async function openPglite<DB>(dataDir: string): Promise<DbHandle<DB>> {
  mkdirSync(dataDir, { recursive: true });
  let release: () => Promise<void>;
  try {
    release = await lockDataDir(dataDir);
  } catch (err) {
    throw new DatabaseUnavailableError(err instanceof DataDirInUseError ? err.message : `cannot lock the data folder ${dataDir}: ${(err as Error).message}`);
  }
  try {
    const pglite = await PGlite.create({ dataDir: join(dataDir, 'pg') });
    // One session for the life of the process: the same planner settings as a server's sessions.
    for (const [name, value] of Object.entries(SESSION_SETTINGS)) await pglite.query(`SET ${name} = '${value}'`);
    const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite: () => Promise.resolve(pglite) }) });
    return {
      db,
      kind: 'pglite',
      close: async () => {
        await db.destroy();
        await pglite.close().catch(() => undefined);
        await release();
      },
    };
  } catch (err) {
    await release();
    throw new DatabaseUnavailableError(`cannot open the embedded database in ${dataDir}: ${(err as Error).message}`);
  }
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
