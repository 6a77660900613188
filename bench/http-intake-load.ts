/**
 * The load side of bench/http-intake.ts, in its own process: keeps `concurrency` HTTP requests in
 * flight over keep-alive connections (undici's pool, a connection per request in flight) for the
 * given time and reports accepted messages, refusals and latencies as JSON on stdout. undici costs
 * the load side about half the CPU per request of node:http's agent, which on two cores is taken
 * from the server being measured.
 * Usage: node --import tsx bench/http-intake-load.ts '<json options>'
 */
import { Pool } from 'undici';

export interface HttpLoadOptions {
  readonly port: number;
  readonly kind: 'sendsms' | 'rest';
  /** Per client: login + API password (sendsms) and an API key (rest). */
  readonly clients: readonly { login: string; password: string; key: string }[];
  readonly concurrency: number;
  /** Recipients per request. */
  readonly recipients: number;
  readonly warmupSeconds: number;
  readonly seconds: number;
}

const o = JSON.parse(process.argv[2] ?? '{}') as HttpLoadOptions;
const pool = new Pool(`http://127.0.0.1:${o.port}`, { connections: o.concurrency, pipelining: 1 });
const TEXT = 'Your one-time code is 482913. It expires in 5 minutes.';

let measuring = false;
let stopping = false;
let accepted = 0;
let requests = 0;
let refused = 0;
let failed = 0;
let n = 0;
const latencies: number[] = [];
const statuses = new Map<number, number>();

const number = (): string => `38050${String(1_000_000 + (n++ % 8_999_999)).padStart(7, '0')}`;

function request(worker: number): { path: string; method: 'GET' | 'POST'; headers: Record<string, string>; body: string | undefined } {
  const c = o.clients[worker % o.clients.length] as HttpLoadOptions['clients'][number];
  const to = Array.from({ length: o.recipients }, number);
  if (o.kind === 'sendsms') {
    const q = new URLSearchParams({ username: c.login, password: c.password, from: 'Bench', to: to.join('+'), text: TEXT });
    return { path: `/sendsms?${q}`, method: 'GET', headers: {}, body: undefined };
  }
  const body = JSON.stringify({ from: 'Bench', to: o.recipients === 1 ? to[0] : to, text: TEXT });
  return { path: '/api/v1/messages', method: 'POST', headers: { authorization: `Bearer ${c.key}`, 'content-type': 'application/json' }, body };
}

/** Accepted recipients of one answer: lines or entries that carry an id. */
function acceptedIn(status: number, body: string): number {
  if (status !== 202) return 0;
  if (o.kind === 'sendsms') return body.split('\n').filter((l) => l.startsWith('0: Accepted')).length;
  return (JSON.parse(body) as { messages: { id: string | null }[] }).messages.filter((m) => m.id !== null).length;
}

async function one(worker: number): Promise<void> {
  const r = request(worker);
  const started = performance.now();
  try {
    const res = await pool.request({ path: r.path, method: r.method, headers: r.headers, body: r.body });
    const body = await res.body.text();
    if (!measuring) return;
    const ok = acceptedIn(res.statusCode, body);
    requests++;
    accepted += ok;
    refused += o.recipients - ok;
    if (res.statusCode !== 202) statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
    latencies.push(performance.now() - started);
  } catch {
    if (measuring) failed++;
  }
}

async function worker(i: number): Promise<void> {
  while (!stopping) await one(i);
}

const workers = Array.from({ length: o.concurrency }, (_, i) => worker(i));
await new Promise((r) => setTimeout(r, o.warmupSeconds * 1000));
measuring = true;
process.stderr.write('measuring\n');
const cpu0 = process.cpuUsage();
const t0 = performance.now();
await new Promise((r) => setTimeout(r, o.seconds * 1000));
measuring = false;
process.stderr.write('measured\n');
const elapsed = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
stopping = true;
await Promise.all(workers);
await pool.close();

latencies.sort((a, b) => a - b);
const pct = (p: number): number => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
process.stdout.write(
  `${JSON.stringify({
    seconds: elapsed,
    requests,
    accepted,
    refused,
    failed,
    statuses: Object.fromEntries(statuses),
    acceptedPerSecond: accepted / elapsed,
    requestsPerSecond: requests / elapsed,
    latencyMs: { p50: pct(50), p90: pct(90), p99: pct(99), max: latencies[latencies.length - 1] ?? NaN },
    loadCpuSeconds: (cpu.user + cpu.system) / 1e6,
  })}\n`,
);
process.exit(0);
