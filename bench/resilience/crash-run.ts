import { openDatabase } from '../../src/platform/db.ts';
import { freePort } from '../../src/bench/free-port.ts';
import { createStore, type PetrelChild, type PetrelStore, startPetrelChild } from '../../src/bench/petrel-child.ts';
import { benchText } from '../../src/bench/load-result.ts';
import { setUpBenchWorld } from '../../src/bench/petrel-setup.ts';
import { Rng } from '../fuzz/random.ts';
import { startSimulator } from '../../src/simulator/index.ts';
import { type BooksCheck, checkBooks } from './books.ts';
import { ResilientLoad, sleep } from './resilient-load.ts';
import { VendorLog } from './vendor-log.ts';

export interface CrashOptions {
  readonly kills: number;
  readonly databaseUrl: string | undefined;
  readonly seed: number;
  /** Client load: binds × window in flight, at most ratePerSecond. */
  readonly binds: number;
  readonly window: number;
  readonly ratePerSecond: number;
  /** Time between a (re)start and the next kill, drawn uniformly. */
  readonly killAfterMs: { readonly min: number; readonly max: number };
  /** How long to wait, after the last restart, for every acknowledged message's receipt. */
  readonly drainTimeoutMs: number;
  readonly say?: (line: string) => void;
}

export interface CrashReport {
  readonly kills: number;
  readonly database: string;
  readonly sent: number;
  readonly acked: number;
  readonly refused: number;
  /** Submits whose answer was cut off by a crash: not acknowledged, so the client would retry them. */
  readonly unanswered: number;
  readonly receiptsAtClient: number;
  readonly restartSeconds: { readonly median: number; readonly max: number };
  /** From the end of the load until every receipt was in (or the wait gave up). */
  readonly drainSeconds: number;
  readonly books: BooksCheck;
  /** Acknowledged texts the carrier never got. */
  readonly neverSentToVendor: number;
  readonly vendorDuplicates: { readonly total: number; readonly inCrashWindow: number; readonly outside: readonly string[] };
  readonly failures: readonly string[];
}

/**
 * Kill -9 Petrel `kills` times at random moments under an SMPP load, restarting it each time on
 * the same database, then check the books and what the carrier got.
 */
export async function runCrashTest(o: CrashOptions): Promise<CrashReport> {
  const say = o.say ?? (() => undefined);
  const rng = new Rng(o.seed);
  const simulator = await startSimulator({ port: 0, receiptDelayMs: 200, outcomes: { DELIVRD: 1 } });
  const vendorLog = new VendorLog(simulator);
  const store = await createStore(o.databaseUrl, 'petrel_crash');
  const ports = { httpPort: await freePort(), smppPort: await freePort() };
  let petrel: PetrelChild | undefined;
  let load: ResilientLoad | undefined;
  try {
    petrel = await startPetrel(store, ports);
    const client = await setUpBenchWorld(petrel.httpUrl, { simulatorPort: simulator.port, vendorSessions: 2, vendorWindow: 50, maxBinds: 100, balance: '1000' });
    load = new ResilientLoad({ host: '127.0.0.1', port: ports.smppPort, systemId: client.systemId, password: client.smppPassword, binds: o.binds, window: o.window, ratePerSecond: o.ratePerSecond });
    const crashes: number[] = [];
    const restarts: number[] = [];
    for (let i = 1; i <= o.kills; i++) {
      // Let the load get going on this incarnation first, then kill at a random moment.
      const before = load.acked.size;
      for (let waited = 0; load.acked.size < before + 10 && waited < 15_000; waited += 100) await sleep(100);
      await sleep(rng.int(o.killAfterMs.min, o.killAfterMs.max));
      crashes.push(Date.now());
      petrel.proc.kill('SIGKILL');
      await petrel.exited;
      const t = performance.now();
      petrel = await startPetrel(store, ports);
      restarts.push((performance.now() - t) / 1000);
      say(`crash ${i}/${o.kills}: killed; back in ${restarts.at(-1)?.toFixed(1)} s; ${load.acked.size} acknowledged so far`);
    }
    await sleep(2000);
    load.pause();
    const drainStarted = performance.now();
    await drain(load, o.drainTimeoutMs);
    const drainSeconds = round1((performance.now() - drainStarted) / 1000);
    say(`drained in ${drainSeconds} s: ${load.receipted.size} of ${load.acked.size} receipts at the client`);
    await load.stop();
    await petrel.stop('SIGTERM', 20_000);
    petrel = undefined;
    const ackedIds = [...load.acked.values()];
    const handle = await openDatabase<unknown>({ databaseUrl: store.databaseUrl, dataDir: store.dataDir });
    const books = await checkBooks(handle.db, ackedIds).finally(() => handle.close());
    const neverSentToVendor = [...load.acked.keys()].filter((seq) => !vendorLog.byText.has(benchText(seq))).length;
    const vendorDuplicates = vendorLog.duplicates(crashes);
    const failures = [...books.failures];
    if (neverSentToVendor > 0) failures.push(`${neverSentToVendor} acknowledged message(s) never reached the carrier`);
    if (vendorDuplicates.outside.length > 0) failures.push(`${vendorDuplicates.total - vendorDuplicates.inCrashWindow} duplicate(s) at the carrier outside any crash window, e.g. "${vendorDuplicates.outside[0]}"`);
    if (load.acked.size === 0) failures.push('nothing was acknowledged: the load never got through');
    const sorted = [...restarts].sort((a, b) => a - b);
    return {
      kills: o.kills,
      database: store.databaseUrl ? 'PostgreSQL' : 'embedded PGlite',
      sent: load.sent,
      acked: load.acked.size,
      refused: load.refused,
      unanswered: load.unanswered,
      receiptsAtClient: load.receipted.size,
      drainSeconds,
      restartSeconds: { median: round1(sorted[Math.floor(sorted.length / 2)] ?? 0), max: round1(sorted.at(-1) ?? 0) },
      books,
      neverSentToVendor,
      vendorDuplicates,
      failures,
    };
  } finally {
    await load?.stop();
    await petrel?.stop('SIGKILL');
    await simulator.stop();
    await store.remove();
  }
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

/** A restart may find a port of the killed process not yet free, or off Linux the embedded database's lock still fresh (data-dir-lock.ts): try again for a minute. */
async function startPetrel(store: PetrelStore, ports: { httpPort: number; smppPort: number }): Promise<PetrelChild> {
  const until = Date.now() + 60_000;
  for (;;) {
    try {
      return await startPetrelChild({ store, ...ports });
    } catch (err) {
      if (Date.now() > until) throw err;
      await sleep(500);
    }
  }
}

/**
 * Until every acknowledged message has its final receipt at the client, or nothing new came for
 * 75 s (longer than the 60 s claim lease, which would hold back what a killed process had claimed
 * if it were not restarted under the same node name), or the timeout.
 */
async function drain(load: ResilientLoad, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last = load.receipted.size;
  let lastChange = Date.now();
  while (Date.now() < until && load.missingReceipts().length > 0) {
    await sleep(250);
    if (load.receipted.size !== last) {
      last = load.receipted.size;
      lastChange = Date.now();
    } else if (Date.now() - lastChange > 75_000) return;
  }
}
