/**
 * The load side of bench/intake-smpp.ts, in its own process (its own core): binds, keeps each
 * bind's window full of submit_sm for the given time, and reports counts and latencies as JSON
 * on stdout. Usage: node --import tsx bench/intake-smpp-load.ts '<json options>'
 */
import { connect, type Session } from '@petrel/smpp';

export interface LoadOptions {
  readonly port: number;
  readonly credentials: readonly { systemId: string; password: string }[];
  readonly bindsPerClient: number;
  readonly window: number;
  readonly warmupSeconds: number;
  readonly seconds: number;
}

const o = JSON.parse(process.argv[2] ?? '{}') as LoadOptions;
const sessions: Session[] = [];
for (const c of o.credentials) {
  for (let i = 0; i < o.bindsPerClient; i++) {
    sessions.push(await connect({ host: '127.0.0.1', port: o.port, systemId: c.systemId, password: c.password, bindType: 'transmitter', windowSize: o.window, enquireLinkIntervalMs: 0, requestTimeoutMs: 60_000 }));
  }
}

let measuring = false;
let stopping = false;
let accepted = 0;
let refused = 0;
let failed = 0;
const latencies: number[] = [];
const statuses = new Map<number, number>();
let n = 0;

function loop(session: Session): Promise<void> {
  return new Promise((done) => {
    let inFlight = 0;
    const next = (): void => {
      while (!stopping && inFlight < o.window) {
        inFlight++;
        const started = performance.now();
        const number = `38050${String(1_000_000 + (n++ % 8_999_999)).padStart(7, '0')}`;
        session
          .submitSm({ sourceAddr: 'Bench', sourceAddrTon: 5, destinationAddr: number, destAddrTon: 1, destAddrNpi: 1, registeredDelivery: 1, shortMessage: Buffer.from('Your one-time code is 482913. It expires in 5 minutes.') })
          .then(
            () => {
              if (measuring) {
                accepted++;
                latencies.push(performance.now() - started);
              }
            },
            (err: { commandStatus?: number }) => {
              if (!measuring) return;
              if (err.commandStatus === undefined) failed++;
              else {
                refused++;
                statuses.set(err.commandStatus, (statuses.get(err.commandStatus) ?? 0) + 1);
              }
            },
          )
          .finally(() => {
            inFlight--;
            if (stopping && inFlight === 0) done();
            else next();
          });
      }
    };
    next();
  });
}

const loops = sessions.map(loop);
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
await Promise.all(loops);
await Promise.all(sessions.map((s) => s.unbind().catch(() => undefined)));

latencies.sort((a, b) => a - b);
const pct = (p: number): number => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
process.stdout.write(
  `${JSON.stringify({
    binds: sessions.length,
    window: o.window,
    seconds: elapsed,
    accepted,
    refused,
    failed,
    refusals: Object.fromEntries([...statuses].map(([k, v]) => [`0x${k.toString(16)}`, v])),
    acceptedPerSecond: accepted / elapsed,
    latencyMs: { p50: pct(50), p90: pct(90), p99: pct(99), max: latencies[latencies.length - 1] ?? NaN },
    loadRssMb: process.memoryUsage().rss / 1048576,
    loadCpuSeconds: (cpu.user + cpu.system) / 1e6,
  })}\n`,
);
process.exit(0);
