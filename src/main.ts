import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { ensureAdmin } from './accounts/ensure-admin.ts';
import { HistoryStore } from './accounts/history.store.ts';
import { OperatorAuth } from './accounts/operator-auth.ts';
import { OperatorStore } from './accounts/operator.store.ts';
import { registerOperatorRoutes } from './accounts/operators.http.ts';
import type { Database } from './database.ts';
import { createHttpApp } from './http/app.ts';
import { type Clock, systemClock } from './platform/clock.ts';
import type { Config } from './platform/config.ts';
import { type DbHandle, openDatabase } from './platform/db.ts';
import { migrateToLatest } from './platform/migrate.ts';
import { migrations } from './platform/migrations/index.ts';

export const VERSION = '0.1.0';

export interface Platform {
  readonly config: Config;
  readonly db: Kysely<Database>;
  readonly dbKind: DbHandle<Database>['kind'];
  readonly http: FastifyInstance;
  /** Base URL of the HTTP listener, e.g. http://127.0.0.1:8080 */
  readonly httpUrl: string;
  close(): Promise<void>;
}

export interface StartOptions {
  readonly clock?: Clock;
  /** Print a line for the operator (first-start password, listeners). */
  readonly say?: (line: string) => void;
}

export class ListenError extends Error {}

/** The composition root: opens the database, migrates, wires the modules, starts the listeners. */
export async function startPlatform(config: Config, opts: StartOptions = {}): Promise<Platform> {
  const clock = opts.clock ?? systemClock;
  const say = opts.say ?? (() => undefined);
  const handle = await openDatabase<Database>(config);
  const closers: (() => Promise<void>)[] = [() => handle.close()];
  const close = async (): Promise<void> => {
    for (const c of closers.reverse()) await c().catch(() => undefined);
  };
  try {
    await migrateToLatest(handle.db as Kysely<unknown>, migrations);
    const db = handle.db;
    const operators = new OperatorStore(db);
    const admin = await ensureAdmin(operators, config.adminPassword);
    if (admin.generatedPassword) say(`created operator "admin" with password: ${admin.generatedPassword}  (shown once; set PETREL_ADMIN_PASSWORD to choose it)`);

    const http = await createHttpApp({ logLevel: config.logLevel, webDist: config.webDist, version: VERSION });
    closers.push(() => http.close());
    const history = new HistoryStore(db);
    const auth = new OperatorAuth(operators, clock);
    registerOperatorRoutes(http, { db, auth, operators, history, secureCookies: false });

    const httpUrl = await listen(http, config.host, config.httpPort);
    say(`HTTP listening on ${httpUrl} (admin panel, APIs, OpenAPI at ${httpUrl}/api/docs)`);
    return { config, db, dbKind: handle.kind, http, httpUrl, close };
  } catch (err) {
    await close();
    throw err;
  }
}

async function listen(app: FastifyInstance, host: string, port: number): Promise<string> {
  try {
    await app.listen({ host, port });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new ListenError(`HTTP port ${port} on ${host} is already in use; set PETREL_HTTP_PORT to another port`);
    if (code === 'EADDRNOTAVAIL') throw new ListenError(`cannot listen on ${host}: no such local address (PETREL_HOST)`);
    throw err;
  }
  const address = app.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`;
}
