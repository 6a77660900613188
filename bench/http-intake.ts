/**
 * Benchmark: the HTTP API (GET /sendsms) and REST API v1 (POST /api/v1/messages) accepting
 * messages into Petrel's intake on PostgreSQL — 202 means committed and charged.
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/http-intake.ts
 * Options (environment): BENCH_CLIENTS (4), BENCH_CONCURRENCY (256), BENCH_BATCH (100 recipients
 * for the batch cases), BENCH_SECONDS (10), BENCH_WARMUP (3), BENCH_CASES (e.g. "1,3": only those).
 * The platform runs in this process; the load in another: wrk (Debian's package, installed when
 * missing and this is root) for HTTP, bench/intake-smpp-load.ts for the SMPP reference. wrk costs
 * the machine about 12 µs per request where a Node HTTP client (undici) cost about 35,
 * taken from the server on two cores. Writes bench/results/http-intake.{json,md}.
 */
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { newApiKey } from '../src/accounts/api-keys-format.ts';
import { hashPassword } from '../src/accounts/password.ts';
import { runWithNodeFlags } from '../src/bench/with-node-flags.ts';
import { NODE_FLAGS } from '../src/platform/node-flags.ts';
import { startPlatform } from '../src/main.ts';
import { loadConfig } from '../src/platform/config.ts';
import { ensureWrk, runWrk } from '../src/bench/wrk.ts';
import type { LoadOptions as SmppCase } from './intake-smpp-load.ts';

runWithNodeFlags(); // measure the platform with the Node flags it ships with

const env = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);
const CLIENTS = env('BENCH_CLIENTS', 4);
const CONCURRENCY = env('BENCH_CONCURRENCY', 256);
const BATCH = env('BENCH_BATCH', 100);
const SECONDS = env('BENCH_SECONDS', 10);
const WARMUP = env('BENCH_WARMUP', 3);
const baseUrl = process.env.DATABASE_URL;
if (!baseUrl) {
  process.stderr.write('set DATABASE_URL to a PostgreSQL server (the benchmark creates and drops a database of its own)\n');
  process.exit(2);
}

const wrkVersion = ensureWrk((line) => process.stderr.write(`${line}\n`));
const dbName = `petrel_hbench_${Date.now().toString(36)}`;
await admin(`CREATE DATABASE ${dbName}`);
const url = new URL(baseUrl);
url.pathname = `/${dbName}`;
const dataDir = mkdtempSync(join(tmpdir(), 'petrel-hbench-'));
const config = loadConfig({ PETREL_LOG_LEVEL: 'warn' }, { databaseUrl: url.toString(), dataDir, httpPort: 0, smppPort: 0, adminPassword: 'bench-admin-pass', webDist: join(dataDir, 'none') });
const platform = await startPlatform(config, { httpApi: { ratePerSecond: 1_000_000 } });
const floor = await emptyHttpServer();
try {
  const clients = await setUp(platform.db);
  platform.clientSide.routing.invalidate();
  const port = Number(new URL(platform.httpUrl).port);
  const base = { port, clients, concurrency: CONCURRENCY, warmupSeconds: WARMUP, seconds: SECONDS };
  // The SMPP intake under the same conditions, for the goal "at least as many accepted per second as SMPP".
  const smpp: SmppCase = { port: platform.clientSide.smpp.port, credentials: clients.map((c) => ({ systemId: c.login, password: c.password })), bindsPerClient: 2, window: Math.max(1, Math.round(CONCURRENCY / (2 * CLIENTS))), warmupSeconds: WARMUP, seconds: SECONDS };
  const cases: { name: string; options: HttpCase | SmppCase; concurrency: number; recipients: number }[] = [
    { name: `SMPP submit_sm (reference: ${CLIENTS * 2} binds × window ${smpp.window})`, options: smpp, concurrency: CLIENTS * 2 * smpp.window, recipients: 1 },
    { name: 'GET /sendsms, 1 recipient per request', options: { ...base, kind: 'sendsms', recipients: 1 }, concurrency: CONCURRENCY, recipients: 1 },
    { name: 'POST /api/v1/messages, 1 recipient per request', options: { ...base, kind: 'rest', recipients: 1 }, concurrency: CONCURRENCY, recipients: 1 },
    { name: `GET /sendsms, ${BATCH} recipients per request`, options: { ...base, kind: 'sendsms', recipients: BATCH, concurrency: Math.max(1, Math.round(CONCURRENCY / 16)) }, concurrency: Math.max(1, Math.round(CONCURRENCY / 16)), recipients: BATCH },
    { name: `POST /api/v1/messages, ${BATCH} recipients per request`, options: { ...base, kind: 'rest', recipients: BATCH, concurrency: Math.max(1, Math.round(CONCURRENCY / 16)) }, concurrency: Math.max(1, Math.round(CONCURRENCY / 16)), recipients: BATCH },
    // What Node's HTTP server costs by itself, under the same load: nothing parsed past the head, nothing stored.
    { name: 'GET /sendsms answered by node:http with an empty handler (no Fastify, nothing stored): the floor', options: { ...base, port: (floor.address() as { port: number }).port, kind: 'sendsms', recipients: 1 }, concurrency: CONCURRENCY, recipients: 1 },
  ];
  const only = process.env.BENCH_CASES?.split(',').map(Number);
  const results = [];
  for (const c of cases.filter((_, i) => !only || only.includes(i + 1))) {
    const before = { ...platform.clientSide.intake.counters };
    const loadBefore = loadavg()[0];
    const load = 'kind' in c.options ? await httpLoad(c.options, platform.db) : await smppLoad(c.options, platform.db);
    const after = platform.clientSide.intake.counters;
    const batches = after.batches - before.batches;
    results.push({
      case: c.name,
      concurrency: c.concurrency,
      recipientsPerRequest: c.recipients,
      loadAverageBefore: loadBefore,
      ...load,
      requestsPerSecond: load.requestsPerSecond ?? load.acceptedPerSecond,
      cpuMicrosPerMessage: perMessage(load),
      batches: { total: batches, averageSize: batches ? Math.round((after.requests - before.requests) / batches) : 0, failed: after.failedBatches - before.failedBatches },
    });
    process.stderr.write(`${c.name}: ${Math.round(load.acceptedPerSecond as number)} msg/s\n`);
  }
  const stored = await sql<{ n: number }>`SELECT count(*)::int AS n FROM messages`.execute(platform.db);
  const texts = await sql<{ n: number }>`SELECT count(*)::int AS n FROM api_texts`.execute(platform.db);
  const books = await sql<{ ok: boolean }>`SELECT bool_and(c.balance = (SELECT sum(amount) FROM ledger l WHERE l.client_id = c.id)) AS ok FROM clients c`.execute(platform.db);
  const pgVersion = await sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(platform.db);
  const result = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version, wrk: wrkVersion, nodeFlags: NODE_FLAGS.join(' '), postgres: pgVersion.rows[0]?.v, loadAverageAfter: loadavg()[0] },
    setup: { clients: CLIENTS, concurrency: CONCURRENCY, seconds: SECONDS, warmupSeconds: WARMUP },
    cases: results,
    messagesStored: stored.rows[0]?.n,
    textsRecorded: texts.rows[0]?.n,
    balancesEqualLedger: books.rows[0]?.ok,
    smppReference: smppReference(),
  };
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(new URL('./results/http-intake.json', import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(new URL('./results/http-intake.md', import.meta.url), markdown(result));
  process.stdout.write(markdown(result));
} finally {
  floor.closeAllConnections();
  floor.close();
  await platform.close();
  await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  rmSync(dataDir, { recursive: true, force: true });
}

/** A node:http server that answers every request as /sendsms would answer one accepted recipient, without looking at it. */
function emptyHttpServer(): Promise<Server> {
  const server = createServer((_req, res) => {
    res.writeHead(202, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('0: Accepted for delivery 1\n');
  });
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Clients with the HTTP and REST rights, an API password and a key; a vendor nobody dispatches to, so messages stay queued. */
async function setUp(db: typeof platform.db): Promise<{ login: string; password: string; key: string }[]> {
  await sql`INSERT INTO destinations (country, name, mcc) VALUES ('UA', 'Ukraine', '255')`.execute(db);
  await sql`INSERT INTO destinations (country, name, network, mcc, mnc, prefixes) VALUES ('UA', 'Ukraine — Vodafone', 'Vodafone', '255', '01', '{38050,38066}')`.execute(db);
  await sql`INSERT INTO vendors (name, host, port, system_id, password) VALUES ('upstream', '127.0.0.1', 9, 'v', 'v')`.execute(db);
  await sql`INSERT INTO pools (name) VALUES ('main')`.execute(db);
  await sql`INSERT INTO pool_members (pool_id, vendor_id, weight) SELECT p.id, v.id, 100 FROM pools p, vendors v`.execute(db);
  await sql`INSERT INTO routes (name, pool_id) SELECT 'general', id FROM pools`.execute(db);
  const hash = await hashPassword('bench123'); // ≤ 8 characters: it is the SMPP password too
  const out: { login: string; password: string; key: string }[] = [];
  for (let i = 1; i <= CLIENTS; i++) {
    const { rows } = await sql<{ id: number }>`
      INSERT INTO clients (login, password_hash, currency, contact_name, phone, email, price_update_email, billing_email, moderation, timezone, priority, dlr_wait_days, expired_dlr_status, dynamic_sender, can_send_smpp, can_send_http_api, can_send_rest, balance)
      VALUES (${`hbench${i}`}, ${hash}, 'EUR', 'Bench', '+380501234567', 'b@example.com', 'b@example.com', 'b@example.com', 'automatic', 'UTC', 0, 3, 'EXPIRED', true, true, true, true, 1000000)
      RETURNING id`.execute(db);
    const id = rows[0]?.id as number;
    await sql`INSERT INTO ledger (client_id, kind, amount, balance_after, actor) VALUES (${id}, 'topup', 1000000, 1000000, 'bench')`.execute(db);
    await sql`INSERT INTO client_prices (client_id, destination_id, price, effective_from, created_by) SELECT ${id}, id, 0.001, '2000-01-01', 'bench' FROM destinations WHERE mnc IS NULL`.execute(db);
    await sql`INSERT INTO client_access (client_id, smpp_system_id, smpp_password_hash, api_password_hash, max_binds) VALUES (${id}, ${`hbench${i}`}, ${hash}, ${hash}, 100)`.execute(db);
    const key = newApiKey();
    await sql`INSERT INTO api_keys (client_id, name, prefix, key_hash, created_by) VALUES (${id}, 'bench', ${key.prefix}, ${key.hash}, 'bench')`.execute(db);
    out.push({ login: `hbench${i}`, password: 'bench123', key: key.key });
  }
  return out;
}

/** An HTTP case: `concurrency` connections with a request each in flight, `recipients` per request. */
interface HttpCase {
  readonly port: number;
  readonly kind: 'sendsms' | 'rest';
  /** Per client: login + API password (sendsms) and an API key (rest). */
  readonly clients: readonly { login: string; password: string; key: string }[];
  readonly concurrency: number;
  readonly recipients: number;
  readonly warmupSeconds: number;
  readonly seconds: number;
}

interface CpuWindow {
  server: number;
  postgres: number;
}

/** The SMPP reference case: bench/intake-smpp-load.ts in a child process, which says when it measures. */
function smppLoad(options: SmppCase, db: typeof platform.db): Promise<Record<string, unknown> & { cpu: CpuWindow }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', new URL('./intake-smpp-load.ts', import.meta.url).pathname, JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const cpu: CpuWindow = { server: 0, postgres: 0 };
    let start: { server: NodeJS.CpuUsage; postgres: Promise<Map<number, number>> } | undefined;
    let settled: Promise<void> = Promise.resolve();
    child.stderr.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      if (text.includes('measuring')) start = { server: process.cpuUsage(), postgres: backendCpu(db) };
      if (text.includes('measured') && start) {
        const s = start;
        const server = process.cpuUsage(s.server);
        cpu.server = (server.user + server.system) / 1e6;
        settled = Promise.all([s.postgres, backendCpu(db)]).then(([a, b]) => {
          cpu.postgres = cpuSince(a, b);
        });
      }
      process.stderr.write(text.replace(/measur(ing|ed)\n/g, ''));
    });
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`load process exited with ${code}`));
      void settled.then(() => resolve({ ...(JSON.parse(out.trim().split('\n').pop() ?? '{}') as Record<string, unknown>), cpu }));
    });
  });
}

/** The HTTP cases: wrk with bench/http-intake.lua, a warm-up run, then the measured one with the CPU of the server and of PostgreSQL around it. */
async function httpLoad(o: HttpCase, db: typeof platform.db): Promise<Record<string, unknown> & { cpu: CpuWindow }> {
  const run = (seconds: number) =>
    runWrk({
      url: `http://127.0.0.1:${o.port}`,
      script: new URL('./http-intake.lua', import.meta.url).pathname,
      args: [o.kind, String(o.recipients), o.clients.map((c) => `${c.login}:${c.password}:${c.key}`).join(',')],
      connections: o.concurrency,
      seconds,
    });
  await run(o.warmupSeconds);
  const server0 = process.cpuUsage();
  const pg0 = await backendCpu(db);
  const r = await run(o.seconds);
  const server = process.cpuUsage(server0);
  const pg1 = await backendCpu(db);
  return {
    seconds: r.seconds,
    requests: r.requests,
    accepted: r.accepted,
    refused: r.answered * o.recipients - r.accepted,
    failed: r.requests - r.answered + r.errors.connect + r.errors.read + r.errors.write + r.errors.timeout,
    acceptedPerSecond: r.accepted / r.seconds,
    requestsPerSecond: r.requests / r.seconds,
    latencyMs: r.latencyMs,
    loadCpuSeconds: r.loadCpuSeconds,
    cpu: { server: (server.user + server.system) / 1e6, postgres: cpuSince(pg0, pg1) },
  };
}

/** The CPU seconds the backends used between two readings of backendCpu (a backend absent from the first is left out). */
function cpuSince(before: ReadonlyMap<number, number>, after: ReadonlyMap<number, number>): number {
  return [...after].reduce((sum, [pid, t]) => sum + t - (before.get(pid) ?? t), 0);
}

/** utime + stime (seconds) of each backend connected to this database, from /proc. */
async function backendCpu(db: typeof platform.db): Promise<Map<number, number>> {
  const { rows } = await sql<{ pid: number }>`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`.execute(db);
  const cpu = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      cpu.set(pid, (Number(fields[11]) + Number(fields[12])) / 100);
    } catch {
      // not on this machine (a remote server) or gone
    }
  }
  return cpu;
}

function perMessage(load: Record<string, unknown> & { cpu: CpuWindow }): { server: number; postgres: number; load: number; ceilingOnTwoIdleCores: number } {
  const accepted = Number(load.accepted) || 1;
  const server = (load.cpu.server * 1e6) / accepted;
  const postgres = (load.cpu.postgres * 1e6) / accepted;
  const loadSide = (Number(load.loadCpuSeconds) * 1e6) / accepted;
  return { server: Math.round(server), postgres: Math.round(postgres), load: Math.round(loadSide), ceilingOnTwoIdleCores: Math.round(2e6 / (server + postgres + loadSide)) };
}

/** The SMPP intake's last recorded result, for the goal "at least as many accepted per second as SMPP". */
function smppReference(): { acceptedPerSecond: number; p99Ms: number; date: string; cpuMicrosPerMessage: unknown } | null {
  try {
    const r = JSON.parse(readFileSync(new URL('./results/intake-smpp.json', import.meta.url), 'utf8')) as { acceptedPerSecond: number; latencyMs: { p99: number }; date: string; cpuMicrosPerMessage: unknown };
    return { acceptedPerSecond: Math.round(r.acceptedPerSecond), p99Ms: r.latencyMs.p99, date: r.date, cpuMicrosPerMessage: r.cpuMicrosPerMessage };
  } catch {
    return null;
  }
}

/** One sentence comparing each HTTP case with the SMPP row of the same run. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the result rows built above
function reading(cases: any[]): string {
  const smpp = cases.find((c) => String(c.case).startsWith('SMPP'));
  if (!smpp) return '';
  const parts = cases
    .filter((c) => c !== smpp)
    .map((c) => `${c.case}: ${(c.acceptedPerSecond / smpp.acceptedPerSecond).toFixed(2)}× the SMPP rate, ${(c.cpuMicrosPerMessage.server / Math.max(1, smpp.cpuMicrosPerMessage.server)).toFixed(1)}× its server CPU per message`);
  const floor = cases.find((c) => String(c.case).includes('empty handler'));
  const sendsms = cases.find((c) => String(c.case).startsWith('GET /sendsms, 1 recipient'));
  const floorSentence =
    floor && sendsms
      ? ` Node's HTTP server by itself, answering without looking at the request, costs ${floor.cpuMicrosPerMessage.server} µs of server CPU and ${floor.cpuMicrosPerMessage.load} µs of wrk's per request; with the ${sendsms.cpuMicrosPerMessage.postgres} µs of PostgreSQL a message over /sendsms needs, that is ${floor.cpuMicrosPerMessage.server + floor.cpuMicrosPerMessage.load + sendsms.cpuMicrosPerMessage.postgres} µs of the machine per message before any of Petrel's work, against ${smpp.cpuMicrosPerMessage.server + smpp.cpuMicrosPerMessage.load + smpp.cpuMicrosPerMessage.postgres} µs for the whole of a message over SMPP: on a machine that the server, PostgreSQL and the load share, one message per request cannot reach the SMPP rate.`
      : '';
  return `Compared with SMPP in this run — ${parts.join('; ')}. One message per HTTP request pays for HTTP parsing, routing, authentication and an answer per message; a request with many recipients spreads that cost.${floorSentence}`;
}

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the result object built above
function markdown(r: Record<string, any>): string {
  const f = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : String(x));
  const smpp = r.smppReference;
  return [
    '# Intake over HTTP: /sendsms and REST v1 (request → committed and charged → 202)',
    '',
    `Run ${r.date} on ${r.machine.cpus} × ${r.machine.cpu}, Node ${r.machine.node} (${r.machine.nodeFlags}), PostgreSQL ${r.machine.postgres}; 1-minute load average after: ${f(r.machine.loadAverageAfter)} (other work on the machine competes for its cores).`,
    `Load: ${r.setup.clients} clients; HTTP from wrk ${r.machine.wrk} (one thread, keep-alive, a request in flight per connection, bench/http-intake.lua), SMPP from a Node process; ${r.setup.seconds} s measured after ${r.setup.warmupSeconds} s warm-up per case; the vendor is unreachable, so messages stay queued (intake only, as in intake-smpp).`,
    '',
    '| case | requests in flight | accepted msg/s | requests/s | p50 ms | p90 ms | p99 ms | max ms | refused | failed | batches (avg size) | CPU µs/msg server · PG · load | load avg before |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
    ...r.cases.map((c: any) => `| ${c.case} | ${c.concurrency} | ${Math.round(c.acceptedPerSecond)} | ${Math.round(c.requestsPerSecond)} | ${f(c.latencyMs.p50)} | ${f(c.latencyMs.p90)} | ${f(c.latencyMs.p99)} | ${f(c.latencyMs.max)} | ${c.refused} | ${c.failed} | ${c.batches.total} (${c.batches.averageSize}) | ${c.cpuMicrosPerMessage.server} · ${c.cpuMicrosPerMessage.postgres} · ${c.cpuMicrosPerMessage.load} | ${f(c.loadAverageBefore)} |`),
    '',
    'The SMPP row is the same intake over SMPP in the same run, with the same number of requests in flight (load: bench/intake-smpp-load.ts).',
    reading(r.cases),
    smpp ? `bench/results/intake-smpp.md (its own run, ${smpp.date}): ${smpp.acceptedPerSecond} msg/s, p99 ${f(smpp.p99Ms)} ms.` : '',
    `Goal (issue 5): at least as many accepted per second as the SMPP intake. Every balance equals its ledger afterwards: ${r.balancesEqualLedger}. Messages stored: ${r.messagesStored}; texts recorded: ${r.textsRecorded}.`,
    '',
  ].join('\n');
}
