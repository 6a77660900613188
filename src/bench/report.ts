import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchReport, RoundFigures, RunResult } from './run-bench.ts';
import { round } from './proc-stats.ts';

export const RESULTS_DIR = fileURLToPath(new URL('../../bench/results', import.meta.url));

/** The one line `petrel bench --json` prints last. */
export interface BenchSummary {
  readonly petrel: { readonly e2eMsgPerSec: number; readonly intakeMsgPerSec: number; readonly p99SubmitRespMs: number; readonly rssMb: number };
  readonly kannel: { readonly e2eMsgPerSec: number } | null;
  readonly ratioE2e: number | null;
}

export function summarize(r: BenchReport): BenchSummary {
  const p = r.petrelSmpp;
  const kannelE2e = r.kannel?.load.e2eMsgPerSec;
  const petrelE2e = p?.load.e2eMsgPerSec ?? 0;
  return {
    petrel: { e2eMsgPerSec: petrelE2e, intakeMsgPerSec: p?.load.intakeMsgPerSec ?? 0, p99SubmitRespMs: p?.load.p99SubmitRespMs ?? 0, rssMb: p?.processes.petrel?.peakRssMb ?? 0 },
    kannel: kannelE2e === undefined ? null : { e2eMsgPerSec: kannelE2e },
    ratioE2e: kannelE2e ? round(petrelE2e / kannelE2e, 2) : null,
  };
}

/** A round's figures, from its summary. */
export function roundFigures(r: BenchReport): RoundFigures {
  const s = summarize(r);
  return { petrelE2e: s.petrel.e2eMsgPerSec, kannelE2e: s.kannel?.e2eMsgPerSec ?? null, ratio: s.ratioE2e, p99SubmitRespMs: s.petrel.p99SubmitRespMs };
}

/**
 * Several rounds as one report: the round whose ratio is the median (Petrel's end-to-end rate when
 * Kannel did not run; the lower one of the middle two for an even count), with every round's
 * figures and every round's problems. A round is a real run, so its table stays consistent.
 */
export function withRounds(reports: readonly BenchReport[]): BenchReport {
  const [first] = reports;
  if (first === undefined) throw new RangeError('no benchmark round to report');
  if (reports.length === 1) return first;
  const figures = reports.map(roundFigures);
  const rank = (f: RoundFigures): number => f.ratio ?? f.petrelE2e;
  const order = figures.map((_, i) => i).sort((a, b) => rank(figures[a] as RoundFigures) - rank(figures[b] as RoundFigures));
  const median = order[Math.floor((order.length - 1) / 2)] as number;
  const problems = [...new Set(reports.flatMap((r, i) => r.problems.map((p) => `round ${i + 1}: ${p}`)))];
  return { ...(reports[median] as BenchReport), rounds: figures, medianRound: median + 1, problems };
}

/** bench/results/<name>.json (everything) and <name>.md (the side-by-side table); returns the Markdown. */
export function writeBenchReport(r: BenchReport, name = 'petrel-vs-kannel'): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const summary = summarize(r);
  writeFileSync(join(RESULTS_DIR, `${name}.json`), JSON.stringify({ ...r, summary }, null, 2) + '\n');
  const md = markdown(r, summary);
  writeFileSync(join(RESULTS_DIR, `${name}.md`), md);
  return md;
}

function markdown(r: BenchReport, s: BenchSummary): string {
  const m = r.machine;
  const o = r.options;
  const rows: Row[] = [
    { name: 'Petrel, SMPP', note: ' (commits and bills every message)', run: r.petrelSmpp },
    { name: 'Petrel, HTTP /sendsms', note: '', run: r.petrelHttp },
    { name: `Kannel ${r.kannel?.version ?? ''}, HTTP sendsms`, note: ' (in memory, unbilled)', run: r.kannel },
  ];
  const table = [
    '| system and path | accepted msg/s | end-to-end msg/s | receipts / accepted | p50 ms | p99 ms | CPU (cores) | peak RSS MB |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.flatMap(({ name, note, run }) => {
      if (run === undefined) return [];
      const l = run.load;
      const cpu = Object.entries(run.processes).map(([p, u]) => `${p} ${u.cpuCores}`).join(', ');
      const rss = Object.entries(run.processes).filter(([p]) => !NO_RSS.has(p)).map(([p, u]) => `${p} ${u.peakRssMb}`).join(', ');
      return `| ${name}${note} | ${l.intakeMsgPerSec} | ${l.e2eMsgPerSec} | ${l.receipts} / ${l.accepted} | ${l.p50SubmitRespMs} | ${l.p99SubmitRespMs} | ${cpu} | ${rss} |`;
    }),
  ];
  const lines = [
    '# Petrel and Kannel side by side',
    '',
    `${r.at} · ${m.cores} × ${m.cpu} · ${m.ramGb} GB RAM · ${m.os} · Node ${m.node} · ${m.database}`,
    '',
    `${o.count} messages per run; ${o.binds} SMPP binds × window ${o.window} for Petrel = ${o.binds * o.window} HTTP requests in parallel (keep-alive) for /sendsms and Kannel; ` +
      `vendor side for both: ${o.vendorSessions} SMPP connection(s) × window ${o.vendorWindow} to the carrier simulator (receipt after ${o.delayMs} ms, all DELIVRD).`,
    '',
    ...table,
    '',
    `**Ratio Petrel/Kannel end to end: ${s.ratioE2e ?? 'n/a'}** (goal ≥ 1.5) · Petrel p99 submit_sm_resp: ${s.petrel.p99SubmitRespMs} ms (goal ≤ 50 ms).`,
    '',
    ...cpuPerMessageLine(rows),
    ...roundLines(r),
    '- accepted msg/s: accepted requests / (last answer − first request). End-to-end: final receipts back at the client / (last receipt − first request).',
    '- p50/p99: submit_sm → submit_sm_resp (HTTP: request → answer), as the load driver saw it.',
    '- CPU: CPU seconds / wall seconds over the measured run, from /proc (1.0 = one core busy); "driver" is the load generator and DLR receiver; "postgres" is every PostgreSQL server process on the machine (measured when DATABASE_URL is a local server; PGlite runs inside Petrel). Peak RSS: the highest RSS sampled every 100 ms.',
    ...(r.cpuProfile ? [`- Petrel's CPU profile (--cpu-prof, open it in Chrome DevTools or speedscope): ${r.cpuProfile}.`] : []),
    ...r.problems.map((p) => `- Problem: ${p}`),
    '',
    ...(r.profileSummary ? profileLines(r.profileSummary) : []),
    'Findings and how to reproduce: bench/results/README.md.',
    '',
  ];
  return lines.join('\n');
}

function profileLines(p: NonNullable<BenchReport['profileSummary']>): string[] {
  return [
    '',
    `## Where Petrel's time went (CPU profile of the whole run, ${p.seconds} s)`,
    '',
    '| area | share of samples |',
    '| --- | --- |',
    ...p.byArea.map(([area, share]) => `| ${area} | ${share}% |`),
    '',
    '| hottest functions (self time) | share |',
    '| --- | --- |',
    ...p.hottest.map(([fn, share]) => `| ${fn.replace(/\|/g, '\\|')} | ${share}% |`),
    '',
  ];
}

/** A line of the side-by-side table: the system and path, what to say of it, and its run. */
interface Row {
  readonly name: string;
  readonly note: string;
  readonly run: RunResult | undefined;
}

/** Processes whose RSS the table leaves out: the load driver, and PostgreSQL (its backends share memory, so their sum overstates it). */
const NO_RSS = new Set(['driver', 'postgres']);

/** Processes that are not the system measured: the load and the carrier. */
const NOT_THE_SYSTEM = new Set(['driver', 'simulator']);

/** CPU the system itself spent per message that came back end to end (Petrel with its database, Kannel's two boxes). */
export function cpuMicrosPerMessage(run: RunResult): number | undefined {
  if (run.load.receipts === 0) return undefined;
  const seconds = Object.entries(run.processes).reduce((sum, [p, u]) => (NOT_THE_SYSTEM.has(p) ? sum : sum + u.cpuSeconds), 0);
  return Math.round((seconds * 1e6) / run.load.receipts);
}

function cpuPerMessageLine(rows: readonly Row[]): string[] {
  const parts = rows.flatMap(({ name, run }) => {
    const us = run && cpuMicrosPerMessage(run);
    return run === undefined || us === undefined ? [] : [`${name}: ${us} µs (${Object.keys(run.processes).filter((p) => !NOT_THE_SYSTEM.has(p)).join(' + ')})`];
  });
  return parts.length === 0 ? [] : [`CPU per message back end to end, the system's own processes: ${parts.join(' · ')}.`, ''];
}

function roundLines(r: BenchReport): string[] {
  if (!r.rounds || r.rounds.length < 2) return [];
  return [
    `${r.rounds.length} rounds, each Petrel then Kannel on the same machine state; the table above is round ${r.medianRound}, the median ratio:`,
    '',
    '| round | Petrel end-to-end msg/s | Kannel end-to-end msg/s | ratio | Petrel p99 ms |',
    '| --- | --- | --- | --- | --- |',
    ...r.rounds.map((f, i) => `| ${i + 1} | ${f.petrelE2e} | ${f.kannelE2e ?? 'n/a'} | ${f.ratio ?? 'n/a'} | ${f.p99SubmitRespMs} |`),
    '',
  ];
}
