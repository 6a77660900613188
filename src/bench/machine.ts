import { cpus, totalmem, release } from 'node:os';
import pg from 'pg';

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly ramGb: number;
  readonly os: string;
  readonly node: string;
  /** The server's version, or 'embedded PGlite' when the bench runs without DATABASE_URL. */
  readonly database: string;
}

/** What the numbers were measured on. */
export async function describeMachine(databaseUrl: string | undefined): Promise<Machine> {
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    ramGb: Math.round(totalmem() / 2 ** 30),
    os: `Linux ${release()}`,
    node: process.version,
    database: databaseUrl ? await serverVersion(databaseUrl) : 'embedded PGlite 0.5 (PostgreSQL in WebAssembly, in the Petrel process)',
  };
}

async function serverVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const { rows } = await client.query<{ v: string; fsync: string; sc: string }>(
      "SELECT split_part(version(), ' on ', 1) AS v, current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS sc",
    );
    const r = rows[0];
    return r ? `${r.v} (fsync ${r.fsync}, synchronous_commit ${r.sc})` : 'PostgreSQL (unknown version)';
  } catch (err) {
    return `PostgreSQL (unreachable: ${(err as Error).message})`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function describe(m: Machine): string {
  return `${m.cores} × ${m.cpu}, ${m.ramGb} GB RAM, ${m.os}, Node ${m.node}, ${m.database}`;
}
