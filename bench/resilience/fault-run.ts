import { type Kysely, sql } from 'kysely';
import { openDatabase } from '../../src/platform/db.ts';
import { freePort } from '../../src/bench/free-port.ts';
import { type DlrReceiver, startDlrReceiver } from '../../src/bench/http-load.ts';
import { createStore, type PetrelChild, type PetrelStore, startPetrelChild } from '../../src/bench/petrel-child.ts';
import { benchText } from '../../src/bench/load-result.ts';
import { setUpBenchWorld } from '../../src/bench/petrel-setup.ts';
import { Rng } from '../fuzz/random.ts';
import { type Simulator, startSimulator } from '../../src/simulator/index.ts';
import { type BooksCheck, checkBooks } from './books.ts';
import { ResilientHttpLoad } from './resilient-http-load.ts';
import { ResilientLoad, sleep } from './resilient-load.ts';
import { VendorLog } from './vendor-log.ts';

/** The client loads a fault run drives, and how long it waits at the end. */
export interface FaultLoadOptions {
  readonly databaseUrl: string | undefined;
  readonly seed: number;
  /** SMPP load: binds × window in flight, at most ratePerSecond. */
  readonly binds: number;
  readonly window: number;
  readonly ratePerSecond: number;
  /** A `/sendsms` load besides (texts with a dlr-url, every `multipartEvery`-th of two parts); none when absent. */
  readonly http?: { readonly concurrency: number; readonly ratePerSecond: number; readonly multipartEvery: number };
  /** How long to wait, after the last fault, for every acknowledged message's receipt. */
  readonly drainTimeoutMs: number;
  readonly say?: (line: string) => void;
}

/** What a fault can act on: the platform's process (restart() replaces it), its database and the carrier. */
export interface FaultContext {
  readonly petrel: PetrelChild;
  /** Petrel's own database on the PostgreSQL server (undefined on the embedded PGlite). */
  readonly database: { readonly name: string; readonly serverUrl: string } | undefined;
  readonly simulator: Simulator;
  readonly rng: Rng;
  /** Kills nothing: starts Petrel again on the same database and ports (after the caller killed it); answers the seconds it took. */
  restart(): Promise<number>;
  /** Messages acknowledged so far (SMPP and `/sendsms`). */
  acknowledged(): number;
  /** Acknowledged messages the carrier has not got yet (SMPP and one-part texts). */
  notAtCarrier(): number;
}

/** One fault: when it struck (duplicates at the carrier are excused across it), and a line for the log. */
export interface FaultDone {
  readonly at: number;
  readonly note: string;
}

export interface FaultRunReport {
  readonly faults: number;
  readonly database: string;
  readonly sent: number;
  readonly acked: number;
  readonly refused: number;
  /** command_status name → submits refused with it. */
  readonly refusedWith: Readonly<Record<string, number>>;
  /** Submits whose answer never came (cut off by a fault): not acknowledged, so the client would retry them. */
  readonly unanswered: number;
  readonly receiptsAtClient: number;
  /** From the end of the load until every receipt was in (or the wait gave up). */
  readonly drainSeconds: number;
  readonly books: BooksCheck;
  /** Acknowledged texts the carrier never got. */
  readonly neverSentToVendor: number;
  readonly vendorDuplicates: { readonly total: number; readonly inCrashWindow: number; readonly outside: readonly string[] };
  /** The `/sendsms` load, when there was one. */
  readonly http?: HttpLoadReport;
  readonly failures: readonly string[];
}

export interface HttpLoadReport {
  readonly sent: number;
  /** Texts answered 202, and of them those of two parts. */
  readonly acked: number;
  readonly ackedMultipart: number;
  readonly refused: number;
  /** HTTP status → requests refused with it. */
  readonly refusedWith: Readonly<Record<string, number>>;
  readonly unanswered: number;
  /** Acknowledged texts whose final report reached their dlr-url. */
  readonly reported: number;
  readonly texts: TextsCheck;
}

export interface TextsCheck {
  /** Acknowledged texts with no api_texts row: their reports would not know their dlr-url. */
  readonly textsWithoutRow: number;
  /** Texts whose row lists another number of parts than the text has. */
  readonly wrongParts: number;
  /** HTTP messages that belong to no text: a text stored in part, or without its row. */
  readonly messagesWithoutText: number;
}

/** The `/sendsms` load's sequence numbers start here: its texts apart from the SMPP load's. */
const HTTP_FIRST_SEQ = 500_000;

/**
 * Petrel (a child process on its own database), the carrier simulator (in this process, receipts
 * after 200 ms, all DELIVRD, 50 in flight per connection) and client loads that outlive both (SMPP, and `/sendsms` when asked);
 * `faults` times, after a pause drawn from `pauseMs`, `fault` strikes. Then the loads stop sending,
 * the run waits for every acknowledged message's receipt, and checks the books, the texts and
 * what the carrier got: every acknowledged message in the database and final, each charged once,
 * every balance equal to its ledger, every acknowledged text with its row and its final report
 * at its dlr-url, and duplicates at the carrier only across a fault.
 */
export async function runUnderFaults(o: FaultLoadOptions & { readonly faults: number; readonly pauseMs: { readonly min: number; readonly max: number }; readonly dbPrefix: string }, fault: (ctx: FaultContext, i: number) => Promise<FaultDone>): Promise<FaultRunReport> {
  const say = o.say ?? (() => undefined);
  const rng = new Rng(o.seed);
  // Receipts in flight per connection as many as Petrel's submits (vendorWindow below): a backlog of receipts drains as fast as Petrel takes them.
  const simulator = await startSimulator({ port: 0, receiptDelayMs: 200, outcomes: { DELIVRD: 1 }, windowSize: 50 });
  const vendorLog = new VendorLog(simulator);
  const store = await createStore(o.databaseUrl, o.dbPrefix);
  const ports = { httpPort: await freePort(), smppPort: await freePort() };
  let petrel: PetrelChild | undefined;
  let load: ResilientLoad | undefined;
  let httpLoad: ResilientHttpLoad | undefined;
  let receiver: DlrReceiver | undefined;
  try {
    petrel = await startPetrel(store, ports);
    const client = await setUpBenchWorld(petrel.httpUrl, { simulatorPort: simulator.port, vendorSessions: 2, vendorWindow: 50, maxBinds: 100, balance: '1000' });
    load = new ResilientLoad({ host: '127.0.0.1', port: ports.smppPort, systemId: client.systemId, password: client.smppPassword, binds: o.binds, window: o.window, ratePerSecond: o.ratePerSecond });
    if (o.http) {
      receiver = await startDlrReceiver();
      httpLoad = new ResilientHttpLoad({ host: '127.0.0.1', port: ports.httpPort, login: client.login, apiPassword: client.apiPassword, ...o.http, firstSeq: HTTP_FIRST_SEQ, receiver });
    }
    const acknowledged = () => (load?.acked.size ?? 0) + (httpLoad?.acked.size ?? 0);
    const singles = () => (httpLoad ? [...httpLoad.acked.keys()].filter((seq) => !httpLoad?.isMultipart(seq)) : []);
    const notAtCarrier = () => [...(load?.acked.keys() ?? []), ...singles()].filter((seq) => !vendorLog.byText.has(benchText(seq))).length;
    const struck: number[] = [];
    for (let i = 1; i <= o.faults; i++) {
      // Let the load get going first, then strike at a random moment.
      const before = load.acked.size;
      for (let waited = 0; load.acked.size < before + 10 && waited < 15_000; waited += 100) await sleep(100);
      await sleep(rng.int(o.pauseMs.min, o.pauseMs.max));
      const current = petrel;
      const ctx: FaultContext = {
        petrel: current,
        database: store.databaseUrl && o.databaseUrl ? { name: new URL(store.databaseUrl).pathname.slice(1), serverUrl: o.databaseUrl } : undefined,
        simulator,
        rng,
        acknowledged,
        notAtCarrier,
        restart: async () => {
          const t = performance.now();
          petrel = await startPetrel(store, ports);
          return (performance.now() - t) / 1000;
        },
      };
      const done = await fault(ctx, i);
      struck.push(done.at);
      say(`fault ${i}/${o.faults}: ${done.note}; ${acknowledged()} acknowledged so far`);
    }
    await sleep(2000);
    load.pause();
    httpLoad?.pause();
    const drainStarted = performance.now();
    await drain(load, httpLoad, o.drainTimeoutMs);
    const drainSeconds = round1((performance.now() - drainStarted) / 1000);
    say(`drained in ${drainSeconds} s: ${load.receipted.size} of ${load.acked.size} receipts at the client${httpLoad ? `; ${httpLoad.reported.size} of ${httpLoad.acked.size} texts' reports at their dlr-url` : ''}`);
    await load.stop();
    await httpLoad?.stop();
    await petrel.stop('SIGTERM', 20_000);
    petrel = undefined;
    const handle = await openDatabase<unknown>({ databaseUrl: store.databaseUrl, dataDir: store.dataDir });
    const { books, texts } = await (async () => {
      const texts = httpLoad ? await checkTexts(handle.db, httpLoad) : undefined;
      const ids = new Set([...load.acked.values(), ...(httpLoad?.acked.values() ?? []), ...(texts?.partIds ?? [])]);
      return { books: await checkBooks(handle.db, [...ids]), texts };
    })().finally(() => handle.close());
    // One-part texts only: the carrier gets a long text as parts (a final receipt for each says they got there).
    const neverSentToVendor = notAtCarrier();
    const vendorDuplicates = vendorLog.duplicates(struck);
    const failures = [...books.failures, ...(texts?.failures ?? [])];
    if (neverSentToVendor > 0) failures.push(`${neverSentToVendor} acknowledged message(s) never reached the carrier`);
    if (vendorDuplicates.outside.length > 0) failures.push(`${vendorDuplicates.total - vendorDuplicates.inCrashWindow} duplicate(s) at the carrier outside any fault's window, e.g. "${vendorDuplicates.outside[0]}"`);
    if (load.acked.size === 0) failures.push('nothing was acknowledged: the load never got through');
    const missingReports = httpLoad?.missingReports() ?? [];
    if (missingReports.length > 0) failures.push(`${missingReports.length} acknowledged text(s) never had their final report at the dlr-url, e.g. seq ${missingReports.slice(0, 5).join(', ')}`);
    return {
      faults: o.faults,
      database: store.databaseUrl ? 'PostgreSQL' : 'embedded PGlite',
      sent: load.sent,
      acked: load.acked.size,
      refused: load.refused,
      refusedWith: Object.fromEntries(load.refusedWith),
      unanswered: load.unanswered,
      receiptsAtClient: load.receipted.size,
      drainSeconds,
      books,
      neverSentToVendor,
      vendorDuplicates,
      ...(httpLoad && texts ? { http: httpReport(httpLoad, texts) } : {}),
      failures,
    };
  } finally {
    await load?.stop();
    await httpLoad?.stop();
    await receiver?.close();
    await petrel?.stop('SIGKILL');
    await simulator.stop();
    await store.remove();
  }
}

function httpReport(load: ResilientHttpLoad, texts: TextsCheck): HttpLoadReport {
  const acked = [...load.acked.keys()];
  return {
    sent: load.sent,
    acked: acked.length,
    ackedMultipart: acked.filter((seq) => load.isMultipart(seq)).length,
    refused: load.refused,
    refusedWith: Object.fromEntries(load.refusedWith),
    unanswered: load.unanswered,
    reported: acked.filter((seq) => load.reported.has(seq)).length,
    texts: { textsWithoutRow: texts.textsWithoutRow, wrongParts: texts.wrongParts, messagesWithoutText: texts.messagesWithoutText },
  };
}

export const round1 = (n: number): number => Math.round(n * 10) / 10;

/** The median and the largest of a run's timings (seconds), to a tenth. */
export interface Spread {
  readonly median: number;
  readonly max: number;
}

export function spread(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: round1(sorted[Math.floor(sorted.length / 2)] ?? 0), max: round1(sorted.at(-1) ?? 0) };
}

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
 * Until every acknowledged message has its final receipt at the client (and every acknowledged
 * text its final report at its dlr-url), or nothing new came for 75 s (longer than the 60 s claim
 * lease, which would hold back what a killed process had claimed if it were not restarted under
 * the same node name), or the timeout.
 */
async function drain(load: ResilientLoad, httpLoad: ResilientHttpLoad | undefined, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  const progress = () => load.receipted.size + (httpLoad?.reported.size ?? 0);
  let last = progress();
  let lastChange = Date.now();
  while (Date.now() < until && load.missingReceipts().length + (httpLoad?.missingReports().length ?? 0) > 0) {
    await sleep(250);
    if (progress() !== last) {
      last = progress();
      lastChange = Date.now();
    } else if (Date.now() - lastChange > 75_000) return;
  }
}

/** Every acknowledged text has its row with all its parts, and no HTTP message is outside a text; answers the parts' ids for the books. */
async function checkTexts(db: Kysely<unknown>, load: ResilientHttpLoad): Promise<TextsCheck & { partIds: string[]; failures: string[] }> {
  const acked = [...load.acked];
  const { rows } = await sql<{ id: string; part_ids: string[] }>`SELECT id::text, part_ids::text[] AS part_ids FROM api_texts WHERE id = ANY(${acked.map(([, id]) => Number(id))}::bigint[])`.execute(db);
  const byId = new Map(rows.map((r) => [r.id, r.part_ids]));
  const textsWithoutRow = acked.filter(([, id]) => !byId.has(id)).length;
  const wrongParts = acked.filter(([seq, id]) => byId.has(id) && byId.get(id)?.length !== (load.isMultipart(seq) ? 2 : 1)).length;
  const { rows: loose } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM messages m
    WHERE m.channel = 'http' AND NOT EXISTS (SELECT 1 FROM api_texts t WHERE t.id = m.id) AND NOT EXISTS (SELECT 1 FROM api_text_parts p WHERE p.message_id = m.id)`.execute(db);
  const messagesWithoutText = loose[0]?.n ?? 0;
  const failures: string[] = [];
  if (textsWithoutRow > 0) failures.push(`${textsWithoutRow} acknowledged text(s) have no api_texts row: their reports cannot reach their dlr-url`);
  if (wrongParts > 0) failures.push(`${wrongParts} text(s) have a row listing the wrong number of parts`);
  if (messagesWithoutText > 0) failures.push(`${messagesWithoutText} HTTP message(s) belong to no text: stored in part, or without the text's row`);
  return { textsWithoutRow, wrongParts, messagesWithoutText, partIds: rows.flatMap((r) => r.part_ids), failures };
}

/** What a command prints after its own line: the `/sendsms` load's figures, then PASS or the failures. */
export function outcomeLines(report: FaultRunReport): string[] {
  const lines: string[] = [];
  if (report.http) {
    const h = report.http;
    lines.push(
      `/sendsms: ${h.sent} sent, ${h.acked} acknowledged (${h.ackedMultipart} of two parts), ${h.unanswered} cut off, ${h.refused} refused; ` +
        `${h.reported} final reports at their dlr-url; ${h.texts.textsWithoutRow} texts without their row, ${h.texts.messagesWithoutText} messages outside a text`,
    );
  }
  lines.push(report.failures.length === 0 ? 'PASS' : `FAIL:\n  ${report.failures.join('\n  ')}`);
  return lines;
}

/** The flags every fault-run command takes (node:util parseArgs options), besides its own. */
export const LOAD_FLAGS = {
  seed: { type: 'string', default: String(Date.now() % 100_000) },
  rate: { type: 'string', default: '300' },
  binds: { type: 'string', default: '4' },
  window: { type: 'string', default: '10' },
  'http-rate': { type: 'string', default: '100' },
} as const;

/** The loads those flags ask for, on DATABASE_URL (else a temporary PGlite folder), printing progress. */
export function loadOptionsFrom(values: { readonly seed: string; readonly rate: string; readonly binds: string; readonly window: string; readonly 'http-rate': string }): FaultLoadOptions {
  const httpRate = Number(values['http-rate']);
  return {
    databaseUrl: process.env.DATABASE_URL,
    seed: Number(values.seed),
    binds: Number(values.binds),
    window: Number(values.window),
    ratePerSecond: Number(values.rate),
    ...(httpRate > 0 ? { http: { concurrency: 20, ratePerSecond: httpRate, multipartEvery: 3 } } : {}),
    drainTimeoutMs: 180_000,
    say: (line) => console.log(line),
  };
}
