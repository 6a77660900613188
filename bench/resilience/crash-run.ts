import { type Kysely, sql } from 'kysely';
import { openDatabase } from '../../src/platform/db.ts';
import { freePort } from '../../src/bench/free-port.ts';
import { type DlrReceiver, startDlrReceiver } from '../../src/bench/http-load.ts';
import { createStore, type PetrelChild, type PetrelStore, startPetrelChild } from '../../src/bench/petrel-child.ts';
import { benchText } from '../../src/bench/load-result.ts';
import { setUpBenchWorld } from '../../src/bench/petrel-setup.ts';
import { Rng } from '../fuzz/random.ts';
import { startSimulator } from '../../src/simulator/index.ts';
import { type BooksCheck, checkBooks } from './books.ts';
import { ResilientHttpLoad } from './resilient-http-load.ts';
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
  /** A `/sendsms` load besides (texts with a dlr-url, every `multipartEvery`-th of two parts); none when absent. */
  readonly http?: { readonly concurrency: number; readonly ratePerSecond: number; readonly multipartEvery: number };
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
  /** The `/sendsms` load, when there was one. */
  readonly http?: HttpCrashReport;
  readonly failures: readonly string[];
}

export interface HttpCrashReport {
  readonly sent: number;
  /** Texts answered 202, and of them those of two parts. */
  readonly acked: number;
  readonly ackedMultipart: number;
  readonly refused: number;
  readonly unanswered: number;
  /** Acknowledged texts whose final report reached their dlr-url. */
  readonly reported: number;
  readonly texts: TextsCheck;
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
    const httpSingles = httpLoad ? [...httpLoad.acked.keys()].filter((seq) => !httpLoad?.isMultipart(seq)) : [];
    const neverSentToVendor = [...load.acked.keys(), ...httpSingles].filter((seq) => !vendorLog.byText.has(benchText(seq))).length;
    const vendorDuplicates = vendorLog.duplicates(crashes);
    const failures = [...books.failures, ...(texts?.failures ?? [])];
    const missingReports = httpLoad?.missingReports() ?? [];
    if (missingReports.length > 0) failures.push(`${missingReports.length} acknowledged text(s) never had their final report at the dlr-url, e.g. seq ${missingReports.slice(0, 5).join(', ')}`);
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
      ...(httpLoad && texts
        ? {
            http: {
              sent: httpLoad.sent,
              acked: httpLoad.acked.size,
              ackedMultipart: [...httpLoad.acked.keys()].filter((seq) => httpLoad?.isMultipart(seq)).length,
              refused: httpLoad.refused,
              unanswered: httpLoad.unanswered,
              reported: [...httpLoad.acked.keys()].filter((seq) => httpLoad?.reported.has(seq)).length,
              texts: { textsWithoutRow: texts.textsWithoutRow, wrongParts: texts.wrongParts, messagesWithoutText: texts.messagesWithoutText },
            },
          }
        : {}),
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
 * Until every acknowledged message has its final receipt at the client (and every acknowledged
 * text its final report at its dlr-url), or nothing new came for
 * 75 s (longer than the 60 s claim lease, which would hold back what a killed process had claimed
 * if it were not restarted under the same node name), or the timeout.
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

/** The `/sendsms` load's sequence numbers start here: its texts apart from the SMPP load's. */
const HTTP_FIRST_SEQ = 500_000;

export interface TextsCheck {
  /** Acknowledged texts with no api_texts row: their reports would not know their dlr-url. */
  readonly textsWithoutRow: number;
  /** Texts whose row lists another number of parts than the text has. */
  readonly wrongParts: number;
  /** HTTP messages that belong to no text: a text stored in part, or without its row. */
  readonly messagesWithoutText: number;
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
