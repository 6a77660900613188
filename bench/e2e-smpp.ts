/**
 * Benchmark: the whole path on PostgreSQL. SMPP clients submit to Petrel; Petrel charges, queues,
 * dispatches to the built-in carrier simulator (in Petrel's process, receipts after a fixed delay),
 * correlates the simulator's receipts and sends each client its receipt with Petrel's id.
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/e2e-smpp.ts
 * Options (environment): BENCH_COUNT (20000), BENCH_CLIENTS (2), BENCH_BINDS_PER_CLIENT (2),
 * BENCH_WINDOW (50), BENCH_VENDOR_SESSIONS (2), BENCH_VENDOR_WINDOW (200), BENCH_RECEIPT_DELAY_MS (100).
 * The load runs in a child process. Writes bench/results/e2e-smpp.{json,md}.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { hashPassword } from '../src/accounts/password.ts';
import { runWithNodeFlags } from '../src/bench/with-node-flags.ts';
import { NODE_FLAGS } from '../src/platform/node-flags.ts';
import { startPlatform } from '../src/main.ts';
import { loadConfig } from '../src/platform/config.ts';
import { startSimulator } from '../src/simulator/index.ts';

runWithNodeFlags(); // measure the platform with the Node flags it ships with

const env = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);
const COUNT = env('BENCH_COUNT', 20_000);
const CLIENTS = env('BENCH_CLIENTS', 2);
const BINDS_PER_CLIENT = env('BENCH_BINDS_PER_CLIENT', 2);
const WINDOW = env('BENCH_WINDOW', 50);
const VENDOR_SESSIONS = env('BENCH_VENDOR_SESSIONS', 2);
const VENDOR_WINDOW = env('BENCH_VENDOR_WINDOW', 200);
const RECEIPT_DELAY_MS = env('BENCH_RECEIPT_DELAY_MS', 100);
const baseUrl = process.env.DATABASE_URL;
if (!baseUrl) {
  process.stderr.write('set DATABASE_URL to a PostgreSQL server (the benchmark creates and drops a database of its own)\n');
  process.exit(2);
}

const dbName = `petrel_e2e_${Date.now().toString(36)}`;
await admin(`CREATE DATABASE ${dbName}`);
const url = new URL(baseUrl);
url.pathname = `/${dbName}`;
const dataDir = mkdtempSync(join(tmpdir(), 'petrel-e2e-'));
const simulator = await startSimulator({ receiptDelayMs: RECEIPT_DELAY_MS, outcomes: { DELIVRD: 1 }, windowSize: VENDOR_WINDOW, maxPending: 10_000_000 });
const config = loadConfig({ PETREL_LOG_LEVEL: 'warn' }, { databaseUrl: url.toString(), dataDir, httpPort: 0, smppPort: 0, adminPassword: 'bench-admin-pass', webDist: join(dataDir, 'none') });
const platform = await startPlatform(config);
try {
  const credentials = await setUp(platform.db, simulator.port);
  platform.clientSide.routing.invalidate();
  await platform.vendorSide.dispatcher.refresh();
  const loadBefore = loadavg()[0] ?? 0;
  let peakRss = 0;
  const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 250);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const load = await runLoad({ port: platform.clientSide.smpp.port, credentials, bindsPerClient: BINDS_PER_CLIENT, window: WINDOW, count: COUNT, timeoutSeconds: 300 });
  const wall = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  clearInterval(rssTimer);
  const states = await sql<{ state: string; n: number }>`SELECT state, count(*)::int AS n FROM messages GROUP BY state ORDER BY state`.execute(platform.db);
  const counters = await sql<{ state: string; n: number }>`SELECT state, sum(messages)::int AS n FROM stats_counts GROUP BY state HAVING sum(messages) <> 0 ORDER BY state`.execute(platform.db);
  const books = await sql<{ ok: boolean }>`SELECT bool_and(c.balance = (SELECT sum(amount) FROM ledger l WHERE l.client_id = c.id)) AS ok FROM clients c`.execute(platform.db);
  const pgVersion = await sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(platform.db);
  const messageStates = Object.fromEntries(states.rows.map((r) => [r.state, r.n]));
  const result = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version, nodeFlags: NODE_FLAGS.join(' '), postgres: pgVersion.rows[0]?.v, loadAverageBefore: loadBefore, loadAverageAfter: loadavg()[0] ?? 0 },
    setup: { count: COUNT, clients: CLIENTS, bindsPerClient: BINDS_PER_CLIENT, window: WINDOW, vendorSessions: VENDOR_SESSIONS, vendorWindow: VENDOR_WINDOW, receiptDelayMs: RECEIPT_DELAY_MS },
    ...load,
    serverPeakRssMb: Math.round(peakRss / 1048576),
    serverCpuCores: (cpu.user + cpu.system) / 1e6 / wall,
    simulator: simulator.counters(),
    messageStates,
    countersEqualMessages: JSON.stringify(messageStates) === JSON.stringify(Object.fromEntries(counters.rows.map((r) => [r.state, r.n]))),
    balancesEqualLedger: books.rows[0]?.ok,
  };
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(new URL('./results/e2e-smpp.json', import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(new URL('./results/e2e-smpp.md', import.meta.url), markdown(result));
  process.stdout.write(markdown(result));
} finally {
  await platform.close();
  await simulator.stop();
  await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  rmSync(dataDir, { recursive: true, force: true });
}

async function setUp(db: typeof platform.db, simulatorPort: number): Promise<{ systemId: string; password: string }[]> {
  await sql`INSERT INTO destinations (country, name, mcc) VALUES ('UA', 'Ukraine', '255')`.execute(db);
  await sql`INSERT INTO destinations (country, name, network, mcc, mnc, prefixes) VALUES ('UA', 'Ukraine — Vodafone', 'Vodafone', '255', '01', '{38050,38066}')`.execute(db);
  await sql`INSERT INTO vendors (name, host, port, system_id, password, sessions, tps, window_size) VALUES ('simulator', '127.0.0.1', ${simulatorPort}, 'petrel', 'petrel', ${VENDOR_SESSIONS}, 100000, ${VENDOR_WINDOW})`.execute(db);
  await sql`INSERT INTO pools (name) VALUES ('main')`.execute(db);
  await sql`INSERT INTO pool_members (pool_id, vendor_id, weight) SELECT p.id, v.id, 100 FROM pools p, vendors v`.execute(db);
  await sql`INSERT INTO routes (name, pool_id) SELECT 'general', id FROM pools`.execute(db);
  const hash = await hashPassword('bench123');
  const credentials: { systemId: string; password: string }[] = [];
  for (let i = 1; i <= CLIENTS; i++) {
    const { rows } = await sql<{ id: number }>`
      INSERT INTO clients (login, password_hash, currency, contact_name, phone, email, price_update_email, billing_email, moderation, timezone, priority, dlr_wait_days, expired_dlr_status, dynamic_sender, balance)
      VALUES (${`e2e${i}`}, ${hash}, 'EUR', 'Bench', '+380501234567', 'b@example.com', 'b@example.com', 'b@example.com', 'automatic', 'UTC', 0, 3, 'EXPIRED', true, 1000000)
      RETURNING id`.execute(db);
    const id = rows[0]?.id as number;
    await sql`INSERT INTO ledger (client_id, kind, amount, balance_after, actor) VALUES (${id}, 'topup', 1000000, 1000000, 'bench')`.execute(db);
    await sql`INSERT INTO client_prices (client_id, destination_id, price, effective_from, created_by) SELECT ${id}, id, 0.001, '2000-01-01', 'bench' FROM destinations WHERE mnc IS NULL`.execute(db);
    await sql`INSERT INTO client_access (client_id, smpp_system_id, smpp_password_hash, max_binds) VALUES (${id}, ${`e2e${i}`}, ${hash}, 100)`.execute(db);
    credentials.push({ systemId: `e2e${i}`, password: 'bench123' });
  }
  return credentials;
}

function runLoad(options: object): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', new URL('./e2e-smpp-load.ts', import.meta.url).pathname, JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop() ?? '{}') as Record<string, unknown>) : reject(new Error(`load process exited with ${code}`))));
  });
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
    '# End to end over SMPP (client → Petrel → carrier simulator → receipt → client)',
    '',
    `Run ${r.date} on ${r.machine.cpus} × ${r.machine.cpu}, Node ${r.machine.node} (${r.machine.nodeFlags}), PostgreSQL ${r.machine.postgres}; 1-minute load average ${r.machine.loadAverageBefore.toFixed(1)} before, ${r.machine.loadAverageAfter.toFixed(1)} after (other work on the machine shows here).`,
    `Load: ${r.setup.count} messages from ${r.setup.clients} clients × ${r.setup.bindsPerClient} transceiver binds (window ${r.setup.window}) in a separate process; vendor: ${r.setup.vendorSessions} binds, window ${r.setup.vendorWindow}; simulator in Petrel's process, receipt after ${r.setup.receiptDelayMs} ms, all DELIVRD.`,
    '',
    '| accepted msg/s | end-to-end msg/s | submit_sm_resp p50 / p99 ms | submit → receipt p50 / p99 ms | receipts | server peak RSS | server CPU (cores) |',
    '|---|---|---|---|---|---|---|',
    `| ${Math.round(r.acceptedPerSecond)} | ${Math.round(r.endToEndPerSecond)} | ${f(r.submitRespMs.p50)} / ${f(r.submitRespMs.p99)} | ${f(r.endToEndMs.p50)} / ${f(r.endToEndMs.p99)} | ${r.receipts} of ${r.accepted} | ${r.serverPeakRssMb} MB | ${r.serverCpuCores.toFixed(2)} |`,
    '',
    `Messages by state afterwards: ${JSON.stringify(r.messageStates)}; statistics counters equal them: ${r.countersEqualMessages}; every balance equals its ledger: ${r.balancesEqualLedger}.`,
    'End-to-end msg/s is receipts at the client per second from the first submit to the last receipt; the simulator shares Petrel\'s process (and the 2 cores with PostgreSQL and the load).',
    '',
  ].join('\n');
}
