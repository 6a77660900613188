/**
 * Kannel (Debian's `kannel` package) side by side with Petrel: bearerbox over SMPP to the same
 * carrier simulator, its sendsms driven with a fixed count and concurrency over HTTP keep-alive,
 * DLRs on (dlr-mask=3, final ones only, to a local receiver), and /proc figures of both boxes.
 *
 *   npx tsx bench/kannel/kannel-bench.ts [--count 20000] [--concurrency 100] [--window 10] [--sessions 1]
 *
 * Installs the package with apt-get when bearerbox is missing (root only). Starts everything on
 * free ports on 127.0.0.1 in a temporary folder, stops everything and removes the folder at the end.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { type Child, spawnChild } from '../../src/bench/child.ts';
import { ensureDebianPackage } from '../../src/bench/debian-package.ts';
import { freePort } from '../../src/bench/free-port.ts';
import { runHttpLoad, startDlrReceiver } from '../../src/bench/http-load.ts';
import { benchText, type LoadResult } from '../../src/bench/load-result.ts';
import { BENCH_DESTINATION } from '../../src/bench/petrel-setup.ts';
import { ProcWatch, type ProcUsage } from '../../src/bench/proc-stats.ts';
import { startSimulatorChild } from '../../src/bench/simulator-child.ts';
import { ADMIN_PASSWORD, KANNEL_USER, kannelConfig } from './kannel-config.ts';

const BEARERBOX = '/usr/sbin/bearerbox';
const SMSBOX = '/usr/sbin/smsbox';

export interface KannelBenchOptions {
  readonly count: number;
  /** Parallel sendsms requests (keep-alive connections). */
  readonly concurrency: number;
  /** max-pending-submits toward the simulator. */
  readonly window: number;
  /** SMPP connections to the simulator. */
  readonly sessions: number;
  /** Use this simulator; when absent one is started (and stopped) here. */
  readonly simulatorPort?: number;
  /** Its pid, to report its CPU and memory beside Kannel's. */
  readonly simulatorPid?: number;
  /** Receipt delay of the simulator started here. */
  readonly delayMs?: string;
  /** Whole-run bound. */
  readonly timeoutMs?: number;
  readonly say?: (line: string) => void;
}

export interface KannelBenchResult {
  readonly version: string;
  readonly load: LoadResult;
  readonly processes: Readonly<Record<string, ProcUsage>>;
}

/** Installs Debian's kannel package when bearerbox is missing; throws when that cannot be done. */
export function ensureKannel(say: (line: string) => void = () => undefined): string {
  return ensureDebianPackage('kannel', [BEARERBOX, SMSBOX], say);
}

export async function runKannelBench(o: KannelBenchOptions): Promise<KannelBenchResult> {
  const say = o.say ?? (() => undefined);
  const version = ensureKannel(say);
  const deadline = performance.now() + (o.timeoutMs ?? 300_000);
  const dir = mkdtempSync(join(tmpdir(), 'petrel-kannel-'));
  const started: Child[] = [];
  try {
    const simulator = o.simulatorPort === undefined ? await startSimulatorChild({ delayMs: o.delayMs ?? '200', window: o.window }) : undefined;
    if (simulator) started.push(simulator);
    const setup = {
      dir,
      adminPort: await freePort(),
      smsboxPort: await freePort(),
      sendsmsPort: await freePort(),
      simulatorPort: o.simulatorPort ?? simulator?.port ?? 0,
      window: o.window,
      sessions: o.sessions,
    };
    const conf = join(dir, 'kannel.conf');
    writeFileSync(conf, kannelConfig(setup));
    const bearerbox = spawnChild('bearerbox', BEARERBOX, ['-v', '3', conf], { cwd: dir });
    started.push(bearerbox);
    await waitUntil(() => smscOnline(setup.adminPort, o.sessions), 30_000, () => `bearerbox did not bind to the simulator; ${logTail(dir, 'bearerbox.log')}`);
    const smsbox = spawnChild('smsbox', SMSBOX, ['-v', '3', conf], { cwd: dir });
    started.push(smsbox);
    await waitUntil(() => portOpen(setup.sendsmsPort), 30_000, () => `smsbox did not open its sendsms port; ${logTail(dir, 'smsbox.log')}`);
    say(`kannel ${version}: bearerbox pid ${bearerbox.pid}, smsbox pid ${smsbox.pid}, ${o.sessions} SMPP connection(s) with window ${o.window} to 127.0.0.1:${setup.simulatorPort}`);

    const receiver = await startDlrReceiver();
    const user = `username=${KANNEL_USER.username}&password=${KANNEL_USER.password}`;
    const watch = new ProcWatch({ bearerbox: bearerbox.pid, smsbox: smsbox.pid, driver: process.pid, ...(simulator ? { simulator: simulator.pid } : o.simulatorPid ? { simulator: o.simulatorPid } : {}) }).start();
    const load = await runHttpLoad({
      host: '127.0.0.1',
      port: setup.sendsmsPort,
      count: o.count,
      concurrency: o.concurrency,
      path: (seq) => `/cgi-bin/sendsms?${user}&from=Petrel&to=${BENCH_DESTINATION}&text=${encodeURIComponent(benchText(seq))}&dlr-mask=3&dlr-url=${encodeURIComponent(receiver.urlFor(seq))}`,
      acceptedBody: /^0: Accepted/,
      receiver,
      idleMs: 15_000,
      deadline,
    });
    const processes = watch.stop();
    await receiver.close();
    return { version, load, processes };
  } finally {
    for (const child of started.reverse()) await child.stop('SIGTERM', 5_000);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** bearerbox's status page lists the smsc connections; all `sessions` must say "online". */
async function smscOnline(adminPort: number, sessions: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${adminPort}/status.txt?password=${ADMIN_PASSWORD}`);
    const text = await res.text();
    return (text.match(/\(online /g) ?? []).length >= sessions;
  } catch {
    return false;
  }
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, why: () => string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(why());
}

function logTail(dir: string, file: string): string {
  try {
    return `${file}:\n${readFileSync(join(dir, file), 'utf8').split('\n').slice(-15).join('\n')}`;
  } catch {
    return `no ${file}`;
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { count: { type: 'string', default: '20000' }, concurrency: { type: 'string', default: '100' }, window: { type: 'string', default: '10' }, sessions: { type: 'string', default: '1' }, 'delay-ms': { type: 'string', default: '200' } },
  });
  const result = await runKannelBench({
    count: Number(values.count),
    concurrency: Number(values.concurrency),
    window: Number(values.window),
    sessions: Number(values.sessions),
    delayMs: values['delay-ms'],
    say: (line) => console.log(line),
  });
  console.log(JSON.stringify(result, null, 2));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
