import { mkdirSync } from 'node:fs';
import { type KannelBenchResult, runKannelBench } from '../../bench/kannel/kannel-bench.ts';
import { runHttpLoad, startDlrReceiver } from './http-load.ts';
import { benchText, type LoadResult } from './load-result.ts';
import { describeMachine, type Machine } from './machine.ts';
import { createStore, startPetrelChild } from './petrel-child.ts';
import { BENCH_DESTINATION, type BenchClient, setUpBenchWorld } from './petrel-setup.ts';
import { newestProfile, type ProfileSummary, summarizeProfile } from './profile-summary.ts';
import { type ProcGroup, processesNamed, ProcWatch, type ProcUsage } from './proc-stats.ts';
import { RESULTS_DIR } from './report.ts';
import { startSimulatorChild } from './simulator-child.ts';
import { runSmppLoad } from './smpp-load.ts';

export interface BenchOptions {
  readonly count: number;
  /** Client SMPP binds, and submit_sm in flight on each: binds × window is the concurrency of every run. */
  readonly binds: number;
  readonly window: number;
  /** Vendor side, the same for Petrel and Kannel: SMPP connections and submits in flight on each. */
  readonly vendorSessions: number;
  readonly vendorWindow: number;
  /** Simulator receipt delay, e.g. '200'. */
  readonly delayMs: string;
  readonly kannel: boolean;
  readonly http: boolean;
  /** Write Petrel's CPU profile to bench/results/ (where .gitignore keeps *.cpuprofile out). */
  readonly cpuProf: boolean;
  readonly databaseUrl: string | undefined;
  readonly say: (line: string) => void;
}

export interface RunResult {
  readonly load: LoadResult;
  readonly processes: Readonly<Record<string, ProcUsage>>;
  /** Why the run could not be made, when it could not. */
  readonly failed?: string;
}

export interface BenchReport {
  readonly at: string;
  readonly machine: Machine;
  readonly options: Omit<BenchOptions, 'say' | 'databaseUrl'>;
  readonly petrelSmpp?: RunResult;
  readonly petrelHttp?: RunResult;
  readonly kannel?: RunResult & { readonly version: string };
  readonly cpuProfile?: string;
  readonly profileSummary?: ProfileSummary;
  readonly problems: readonly string[];
  /** With --rounds: every round's figures, in order; the report itself is round `medianRound` (1-based). */
  readonly rounds?: readonly RoundFigures[];
  readonly medianRound?: number;
}

/** One round of a repeated benchmark, as the summary line gives it. */
export interface RoundFigures {
  readonly petrelE2e: number;
  readonly kannelE2e: number | null;
  readonly ratio: number | null;
  readonly p99SubmitRespMs: number;
}

/** Petrel (SMPP, then /sendsms) and Kannel against one carrier simulator, with the same count and concurrency. */
export async function runBench(o: BenchOptions): Promise<BenchReport> {
  const machine = await describeMachine(o.databaseUrl);
  o.say(`machine: ${machine.cores} × ${machine.cpu}, ${machine.ramGb} GB, Node ${machine.node}, ${machine.database}`);
  const problems: string[] = [];
  const simulator = await startSimulatorChild({ delayMs: o.delayMs, window: o.vendorWindow });
  try {
    const petrel = await runPetrel(o, simulator.port, simulator.pid, problems);
    let kannel: BenchReport['kannel'];
    if (o.kannel) {
      o.say(`kannel: ${o.count} messages over sendsms, ${o.binds * o.window} in parallel`);
      try {
        const k: KannelBenchResult = await runKannelBench({ count: o.count, concurrency: o.binds * o.window, window: o.vendorWindow, sessions: o.vendorSessions, simulatorPort: simulator.port, simulatorPid: simulator.pid, timeoutMs: loadTimeoutMs(o.count), say: o.say });
        kannel = { version: k.version, load: k.load, processes: k.processes };
      } catch (err) {
        problems.push(`Kannel: ${(err as Error).message.split('\n')[0]}`);
      }
    }
    return { at: new Date().toISOString(), machine, options: strip(o), ...petrel, ...(kannel ? { kannel } : {}), problems };
  } finally {
    await simulator.stop();
  }
}

function strip(o: BenchOptions): BenchReport['options'] {
  const { say: _say, databaseUrl: _db, ...rest } = o;
  return rest;
}

const loadTimeoutMs = (count: number): number => 60_000 + count * 5;

async function runPetrel(o: BenchOptions, simulatorPort: number, simulatorPid: number, problems: string[]): Promise<Pick<BenchReport, 'petrelSmpp' | 'petrelHttp' | 'cpuProfile' | 'profileSummary'>> {
  const store = await createStore(o.databaseUrl);
  // Profiles land in bench/results/ itself, where .gitignore keeps *.cpuprofile out of the repository.
  const profileDir = RESULTS_DIR;
  if (o.cpuProf) mkdirSync(profileDir, { recursive: true });
  const startedAt = Date.now();
  const petrel = await startPetrelChild({ store, ...(o.cpuProf ? { cpuProfDir: profileDir } : {}) });
  const out: { petrelSmpp?: RunResult; petrelHttp?: RunResult; cpuProfile?: string; profileSummary?: ProfileSummary } = {};
  const logged = collectWarnings(petrel);
  try {
    o.say(`petrel: pid ${petrel.pid}, ${petrel.httpUrl}, SMPP 127.0.0.1:${petrel.smppPort}, ${store.databaseUrl ? 'PostgreSQL' : 'embedded PGlite'}`);
    const client = await setUpBenchWorld(petrel.httpUrl, { simulatorPort, vendorSessions: o.vendorSessions, vendorWindow: o.vendorWindow, maxBinds: Math.max(o.binds, 10), balance: String(Math.ceil(o.count * 0.001 * 3) + 10) });
    // A local PostgreSQL server's CPU is Petrel's database work; a remote one is out of sight.
    const pids = { petrel: petrel.pid, ...(isLocalServer(store.databaseUrl) ? { postgres: processesNamed('postgres') } : {}), simulator: simulatorPid, driver: process.pid };
    const smpp = (count: number, deadlineMs: number) =>
      runSmppLoad({ host: '127.0.0.1', port: petrel.smppPort, systemId: client.systemId, password: client.smppPassword, binds: o.binds, window: o.window, count, destination: BENCH_DESTINATION, idleMs: 15_000, deadline: performance.now() + deadlineMs });
    const warm = await smpp(Math.min(1000, Math.ceil(o.count / 10)), 60_000);
    o.say(`petrel warm-up over SMPP: ${warm.accepted} accepted, ${warm.receipts} receipts back, refused ${JSON.stringify(warm.refused)}, ${warm.errors} errors`);
    if (warm.accepted === 0) throw new Error(`Petrel accepted none of the warm-up messages (refused ${JSON.stringify(warm.refused)}, ${warm.errors} errors)`);
    if (warm.receipts === 0) problems.push('Petrel SMPP: no receipt came back in the warm-up: the path past intake (dispatch to the vendor, receipts back) does not work yet');
    o.say(`petrel over SMPP: ${o.count} messages, ${o.binds} binds × window ${o.window}`);
    out.petrelSmpp = await measured(pids, () => smpp(o.count, loadTimeoutMs(o.count)));
    if (o.http) out.petrelHttp = await runPetrelHttp(o, petrel.httpUrl, client, pids, problems);
  } catch (err) {
    problems.push(`Petrel: ${(err as Error).message.split('\n')[0]}`);
  } finally {
    await petrel.stop('SIGTERM', 20_000);
    await store.remove();
  }
  if (logged.count > 0) problems.push(`Petrel logged ${logged.count} warning/error line(s); the first distinct ones: ${logged.first.join(' | ')}`);
  if (o.cpuProf) {
    const file = newestProfile(profileDir, petrel.pid, startedAt);
    if (file) {
      out.cpuProfile = file;
      out.profileSummary = summarizeProfile(file);
    }
  }
  return out;
}

async function runPetrelHttp(o: BenchOptions, httpUrl: string, client: BenchClient, pids: Record<string, number | ProcGroup>, problems: string[]): Promise<RunResult | undefined> {
  const url = new URL(httpUrl);
  const receiver = await startDlrReceiver();
  try {
    const auth = `username=${encodeURIComponent(client.login)}&password=${encodeURIComponent(client.apiPassword)}`;
    const load = (count: number, firstSeq: number, deadlineMs: number) =>
      runHttpLoad({
        host: url.hostname,
        port: Number(url.port),
        count,
        firstSeq,
        concurrency: o.binds * o.window,
        path: (seq) => `/sendsms?${auth}&from=Petrel&to=${BENCH_DESTINATION}&text=${encodeURIComponent(benchText(seq))}&dlr-mask=3&dlr-url=${encodeURIComponent(receiver.urlFor(seq))}`,
        receiver,
        idleMs: 15_000,
        deadline: performance.now() + deadlineMs,
      });
    // Sequence numbers (and so texts) apart from the SMPP runs' and from each other.
    const base = 10 * o.count;
    const warm = await load(Math.min(500, Math.ceil(o.count / 10)), base * 2, 60_000);
    o.say(`petrel warm-up over /sendsms: ${warm.accepted} accepted, ${warm.receipts} DLRs back, refused ${JSON.stringify(warm.refused)}`);
    if (warm.accepted === 0) {
      problems.push(`Petrel /sendsms: nothing accepted (${JSON.stringify(warm.refused)}; ${warm.errors} errors): skipped`);
      return undefined;
    }
    o.say(`petrel over /sendsms: ${o.count} messages, ${o.binds * o.window} in parallel`);
    return await measured(pids, () => load(o.count, base, loadTimeoutMs(o.count)));
  } finally {
    await receiver.close();
  }
}

async function measured(pids: Record<string, number | ProcGroup>, run: () => Promise<LoadResult>): Promise<RunResult> {
  const watch = new ProcWatch(pids).start();
  const load = await run();
  return { load, processes: watch.stop() };
}

/** Petrel logs JSON lines (pino); warnings and errors are counted and the first few kept for the report. */
function collectWarnings(child: { onLine(fn: (line: string) => void): void }): { count: number; first: string[] } {
  const seen = { count: 0, first: [] as string[] };
  child.onLine((line) => {
    const level = /"level":(\d+)/.exec(line)?.[1];
    if (level === undefined || Number(level) < 40) return;
    seen.count++;
    const msg = (/"msg":"([^"]{0,200})/.exec(line)?.[1] ?? line.slice(0, 200)) + (/"message":"([^"]{0,200})/.exec(line)?.[1] ? `: ${/"message":"([^"]{0,200})/.exec(line)?.[1]}` : '');
    if (seen.first.length < 5 && !seen.first.includes(msg)) seen.first.push(msg);
  });
  return seen;
}

/** Whether the database is a PostgreSQL server on this machine (its processes can be watched). */
export function isLocalServer(databaseUrl: string | undefined): boolean {
  if (!databaseUrl) return false;
  const host = new URL(databaseUrl).hostname;
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]' || host === '';
}
