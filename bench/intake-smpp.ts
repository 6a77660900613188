/**
 * Benchmark: SMPP clients submitting to Petrel's intake on PostgreSQL.
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/intake-smpp.ts
 * Options (environment): BENCH_CLIENTS (4), BENCH_BINDS_PER_CLIENT (2), BENCH_WINDOW (32),
 * BENCH_SECONDS (20), BENCH_WARMUP (3), BENCH_PROFILE=1 (writes a .cpuprofile of the server).
 * The platform runs in this process; the load runs in a child process, so each has its own core.
 * Writes bench/results/intake-smpp.{json,md}.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { hashPassword } from '../src/accounts/password.ts';
import { runWithNodeFlags } from '../src/bench/with-node-flags.ts';
import { NODE_FLAGS } from '../src/platform/node-flags.ts';
import { startPlatform } from '../src/main.ts';
import { loadConfig } from '../src/platform/config.ts';

runWithNodeFlags(); // measure the platform with the Node flags it ships with

const env = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);
const CLIENTS = env('BENCH_CLIENTS', 4);
const BINDS_PER_CLIENT = env('BENCH_BINDS_PER_CLIENT', 2);
const WINDOW = env('BENCH_WINDOW', 32);
const SECONDS = env('BENCH_SECONDS', 20);
const WARMUP = env('BENCH_WARMUP', 3);
const baseUrl = process.env.DATABASE_URL;
if (!baseUrl) {
  process.stderr.write('set DATABASE_URL to a PostgreSQL server (the benchmark creates and drops a database of its own)\n');
  process.exit(2);
}

const dbName = `petrel_bench_${Date.now().toString(36)}`;
await admin(`CREATE DATABASE ${dbName}`);
const url = new URL(baseUrl);
url.pathname = `/${dbName}`;
const dataDir = mkdtempSync(join(tmpdir(), 'petrel-bench-'));
const config = loadConfig({ PETREL_LOG_LEVEL: 'warn' }, { databaseUrl: url.toString(), dataDir, httpPort: 0, smppPort: 0, adminPassword: 'bench-admin-pass', webDist: join(dataDir, 'none') });
const platform = await startPlatform(config);
try {
  const credentials = await setUp(platform.db);
  platform.clientSide.routing.invalidate();
  let peakRss = 0;
  const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 250);
  const batchesBefore = { ...platform.clientSide.intake.counters };
  const loadBefore = loadavg()[0];
  const load = await runLoad({ port: platform.clientSide.smpp.port, credentials, bindsPerClient: BINDS_PER_CLIENT, window: WINDOW, warmupSeconds: WARMUP, seconds: SECONDS }, platform.db);
  await new Promise((resolve) => setTimeout(resolve, 200)); // the last /proc reading
  clearInterval(rssTimer);
  const counters = platform.clientSide.intake.counters;
  const batches = counters.batches - batchesBefore.batches;
  const stored = await sql<{ n: number }>`SELECT count(*)::int AS n FROM messages`.execute(platform.db);
  const books = await sql<{ ok: boolean }>`SELECT bool_and(c.balance = (SELECT sum(amount) FROM ledger l WHERE l.client_id = c.id)) AS ok FROM clients c`.execute(platform.db);
  const pgVersion = await sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(platform.db);
  const result = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version, nodeFlags: NODE_FLAGS.join(' '), postgres: pgVersion.rows[0]?.v, loadAverageBefore: loadBefore, loadAverageAfter: loadavg()[0] },
    setup: { clients: CLIENTS, bindsPerClient: BINDS_PER_CLIENT, window: WINDOW, seconds: SECONDS, warmupSeconds: WARMUP },
    ...load,
    serverPeakRssMb: Math.round(peakRss / 1048576),
    cpuMicrosPerMessage: perMessage(load),
    batches: { total: batches, averageSize: batches ? Math.round((counters.requests - batchesBefore.requests) / batches) : 0, failed: counters.failedBatches - batchesBefore.failedBatches },
    messagesStored: stored.rows[0]?.n,
    balancesEqualLedger: books.rows[0]?.ok,
    goal: { acceptedPerSecond: 10_000, p99Ms: 50 },
  };
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(new URL('./results/intake-smpp.json', import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(new URL('./results/intake-smpp.md', import.meta.url), markdown(result));
  process.stdout.write(markdown(result));
} finally {
  await platform.close();
  await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  rmSync(dataDir, { recursive: true, force: true });
}

async function setUp(db: typeof platform.db): Promise<{ systemId: string; password: string }[]> {
  await sql`INSERT INTO destinations (country, name, mcc) VALUES ('UA', 'Ukraine', '255')`.execute(db);
  await sql`INSERT INTO destinations (country, name, network, mcc, mnc, prefixes) VALUES ('UA', 'Ukraine — Vodafone', 'Vodafone', '255', '01', '{38050,38066}')`.execute(db);
  await sql`INSERT INTO vendors (name, host, port, system_id, password) VALUES ('upstream', '127.0.0.1', 9, 'v', 'v')`.execute(db);
  await sql`INSERT INTO pools (name) VALUES ('main')`.execute(db);
  await sql`INSERT INTO pool_members (pool_id, vendor_id, weight) SELECT p.id, v.id, 100 FROM pools p, vendors v`.execute(db);
  await sql`INSERT INTO routes (name, pool_id) SELECT 'general', id FROM pools`.execute(db);
  const hash = await hashPassword('bench123');
  const credentials: { systemId: string; password: string }[] = [];
  for (let i = 1; i <= CLIENTS; i++) {
    const { rows } = await sql<{ id: number }>`
      INSERT INTO clients (login, password_hash, currency, contact_name, phone, email, price_update_email, billing_email, moderation, timezone, priority, dlr_wait_days, expired_dlr_status, dynamic_sender, balance)
      VALUES (${`bench${i}`}, ${hash}, 'EUR', 'Bench', '+380501234567', 'b@example.com', 'b@example.com', 'b@example.com', 'automatic', 'UTC', 0, 3, 'EXPIRED', true, 1000000)
      RETURNING id`.execute(db);
    const id = rows[0]?.id as number;
    await sql`INSERT INTO ledger (client_id, kind, amount, balance_after, actor) VALUES (${id}, 'topup', 1000000, 1000000, 'bench')`.execute(db);
    await sql`INSERT INTO client_prices (client_id, destination_id, price, effective_from, created_by) SELECT ${id}, id, 0.001, '2000-01-01', 'bench' FROM destinations WHERE mnc IS NULL`.execute(db);
    await sql`INSERT INTO client_access (client_id, smpp_system_id, smpp_password_hash, max_binds) VALUES (${id}, ${`bench${i}`}, ${hash}, 100)`.execute(db);
    credentials.push({ systemId: `bench${i}`, password: 'bench123' });
  }
  return credentials;
}

/** CPU seconds of this process and of the PostgreSQL backends serving its database, between the load's two marks. */
interface CpuWindow {
  server: number;
  postgres: number;
}

function runLoad(options: object, db: typeof platform.db): Promise<Record<string, unknown> & { cpu: CpuWindow }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', new URL('./intake-smpp-load.ts', import.meta.url).pathname, JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const cpu: CpuWindow = { server: 0, postgres: 0 };
    let start: { server: NodeJS.CpuUsage; postgres: Promise<Map<number, number>> } | undefined;
    child.stderr.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      if (text.includes('measuring')) start = { server: process.cpuUsage(), postgres: backendCpu(db) };
      if (text.includes('measured') && start) {
        const s = start;
        const server = process.cpuUsage(s.server);
        cpu.server = (server.user + server.system) / 1e6;
        void Promise.all([s.postgres, backendCpu(db)]).then(([a, b]) => (cpu.postgres = [...b].reduce((sum, [pid, t]) => sum + t - (a.get(pid) ?? t), 0)));
      }
      process.stderr.write(text.replace(/measur(ing|ed)\n/g, ''));
    });
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve({ ...(JSON.parse(out.trim().split('\n').pop() ?? '{}') as Record<string, unknown>), cpu }) : reject(new Error(`load process exited with ${code}`))));
  });
}

/** utime + stime (seconds) of each backend connected to this database, from /proc. */
async function backendCpu(db: typeof platform.db): Promise<Map<number, number>> {
  const { rows } = await sql<{ pid: number }>`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`.execute(db);
  const ticks = 100; // USER_HZ on Linux
  const cpu = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      cpu.set(pid, (Number(fields[11]) + Number(fields[12])) / ticks);
    } catch {
      // not on this machine (a remote server) or gone
    }
  }
  return cpu;
}

/** CPU microseconds each part spent per accepted message, and what two idle cores would then allow. */
function perMessage(load: Record<string, unknown> & { cpu: CpuWindow }): { server: number; postgres: number; load: number; ceilingOnTwoIdleCores: number } {
  const accepted = Number(load.accepted) || 1;
  const server = (load.cpu.server * 1e6) / accepted;
  const postgres = (load.cpu.postgres * 1e6) / accepted;
  const loadSide = (Number(load.loadCpuSeconds) * 1e6) / accepted;
  return { server: Math.round(server), postgres: Math.round(postgres), load: Math.round(loadSide), ceilingOnTwoIdleCores: Math.round(2e6 / (server + postgres + loadSide)) };
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
  return [
    '# Intake over SMPP (submit_sm → committed → submit_sm_resp)',
    '',
    `Run ${r.date} on ${r.machine.cpus} × ${r.machine.cpu}, Node ${r.machine.node} (${r.machine.nodeFlags}), PostgreSQL ${r.machine.postgres}; 1-minute load average ${f(r.machine.loadAverageBefore)} before, ${f(r.machine.loadAverageAfter)} after (other work on the machine competes for its 2 cores).`,
    `Load: ${r.setup.clients} clients × ${r.setup.bindsPerClient} transmitter binds, window ${r.setup.window} each, ${r.setup.seconds} s measured after ${r.setup.warmupSeconds} s warm-up, in a separate process.`,
    '',
    '| accepted msg/s | p50 ms | p90 ms | p99 ms | max ms | refused | failed | server peak RSS | batches (avg size) |',
    '|---|---|---|---|---|---|---|---|---|',
    `| ${Math.round(r.acceptedPerSecond)} | ${f(r.latencyMs.p50)} | ${f(r.latencyMs.p90)} | ${f(r.latencyMs.p99)} | ${f(r.latencyMs.max)} | ${r.refused} | ${r.failed} | ${r.serverPeakRssMb} MB | ${r.batches.total} (${r.batches.averageSize}) |`,
    '',
    `CPU per accepted message: server ${r.cpuMicrosPerMessage.server} µs, PostgreSQL ${r.cpuMicrosPerMessage.postgres} µs, load generator ${r.cpuMicrosPerMessage.load} µs — on two idle cores that allows about ${r.cpuMicrosPerMessage.ceilingOnTwoIdleCores} msg/s.`,
    '',
    `Goal: ≥ ${r.goal.acceptedPerSecond} msg/s with p99 ≤ ${r.goal.p99Ms} ms. Every balance equals its ledger afterwards: ${r.balancesEqualLedger}. Messages stored: ${r.messagesStored}.`,
    '',
  ].join('\n');
}
