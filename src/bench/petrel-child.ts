import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type Child, spawnChild } from './child.ts';
import { freePort } from './free-port.ts';
import { PETREL_BIN } from './simulator-child.ts';
import { NODE_FLAGS } from '../platform/node-flags.ts';

export const BENCH_ADMIN_PASSWORD = 'bench-admin-pass';

/** Where a bench's Petrel keeps its data: a fresh database on a PostgreSQL server, or a temporary PGlite folder. */
export interface PetrelStore {
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  /** Drops the database / removes the folder. */
  remove(): Promise<void>;
}

/** A database of its own on the server at `baseUrl` (created here), else a temporary embedded folder. */
export async function createStore(baseUrl: string | undefined, prefix = 'petrel_bench'): Promise<PetrelStore> {
  const dataDir = mkdtempSync(join(tmpdir(), 'petrel-bench-'));
  if (!baseUrl) return { databaseUrl: undefined, dataDir, remove: async () => rmSync(dataDir, { recursive: true, force: true }) };
  const name = `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
  await adminQuery(baseUrl, `CREATE DATABASE ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    databaseUrl: url.toString(),
    dataDir,
    remove: async () => {
      await adminQuery(baseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** One statement on the server at `baseUrl` on a connection of its own; answers the rows it touched. */
export async function adminQuery(baseUrl: string, text: string): Promise<number> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    return (await client.query(text)).rowCount ?? 0;
  } finally {
    await client.end();
  }
}

export interface PetrelChildOptions {
  readonly store: PetrelStore;
  /** Fixed ports survive a restart (the crash test); free ones are picked when absent. */
  readonly httpPort?: number;
  readonly smppPort?: number;
  /** Write a V8 CPU profile into this folder when the process exits cleanly. */
  readonly cpuProfDir?: string;
  readonly extraEnv?: NodeJS.ProcessEnv;
}

export interface PetrelChild extends Child {
  readonly httpUrl: string;
  readonly httpPort: number;
  readonly smppPort: number;
}

/** `petrel start` as a child process, with warnings-only logs and loopback callbacks allowed; resolves once both listeners are up. */
export async function startPetrelChild(o: PetrelChildOptions): Promise<PetrelChild> {
  const httpPort = o.httpPort ?? (await freePort());
  const smppPort = o.smppPort ?? (await freePort());
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PETREL_DATA_DIR: o.store.dataDir,
    PETREL_HTTP_PORT: String(httpPort),
    PETREL_SMPP_PORT: String(smppPort),
    PETREL_HOST: '127.0.0.1',
    PETREL_ADMIN_PASSWORD: BENCH_ADMIN_PASSWORD,
    PETREL_LOG_LEVEL: 'warn',
    PETREL_ALLOW_PRIVATE_CALLBACKS: '1',
    PETREL_DEMO: '',
    PETREL_WEB_DIST: join(o.store.dataDir, 'no-web'),
    ...o.extraEnv,
  };
  if (o.store.databaseUrl) env.DATABASE_URL = o.store.databaseUrl;
  else delete env.DATABASE_URL;
  const nodeArgs = [...NODE_FLAGS, ...(o.cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', o.cpuProfDir] : [])];
  const child = spawnChild('petrel', process.execPath, [...nodeArgs, PETREL_BIN, 'start'], { env });
  try {
    const m = await child.waitFor(/HTTP listening on (http:\/\/\S+)/, 120_000);
    return Object.assign(child, { httpUrl: m[1] ?? `http://127.0.0.1:${httpPort}`, httpPort, smppPort });
  } catch (err) {
    await child.stop('SIGKILL');
    throw err;
  }
}
