import { type BenchReport, runBench } from './run-bench.ts';
import { summarize, withRounds, writeBenchReport } from './report.ts';

/** `petrel bench` flags as commander hands them over. */
export interface BenchFlags {
  readonly json?: boolean;
  readonly count: string;
  readonly binds: string;
  readonly window: string;
  readonly vendorSessions: string;
  readonly vendorWindow: string;
  readonly delayMs: string;
  /** undefined when neither --kannel nor --no-kannel was given: on. */
  readonly kannel?: boolean;
  readonly http?: boolean;
  readonly cpuProf?: boolean;
  readonly rounds?: string;
}

export class BenchOptionError extends Error {}

function whole(value: string, flag: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) throw new BenchOptionError(`${flag} must be a whole number from ${min} to ${max}, not "${value}"`);
  return n;
}

/**
 * Runs the side-by-side benchmark and writes bench/results/petrel-vs-kannel.{json,md} (-pglite without
 * DATABASE_URL). A partial run (--no-kannel, --no-http, or --cpu-prof, which slows Petrel) writes
 * bench/results/partial-run.{json,md} instead (not committed), so trying things never overwrites
 * the side-by-side result. With --json, progress goes to stderr and stdout gets one JSON line, last.
 */
export async function runBenchCommand(flags: BenchFlags, databaseUrl: string | undefined): Promise<void> {
  const say = (line: string): void => void (flags.json ? process.stderr : process.stdout).write(`${line}\n`);
  const rounds = whole(flags.rounds ?? '1', '--rounds', 1, 9);
  const options = {
    count: whole(flags.count, '--count', 100, 1_000_000),
    binds: whole(flags.binds, '--binds', 1, 100),
    window: whole(flags.window, '--window', 1, 1000),
    vendorSessions: whole(flags.vendorSessions, '--vendor-sessions', 1, 64),
    vendorWindow: whole(flags.vendorWindow, '--vendor-window', 1, 10_000),
    delayMs: flags.delayMs,
    kannel: flags.kannel !== false,
    http: flags.http !== false,
    cpuProf: flags.cpuProf ?? false,
    databaseUrl,
    say,
  };
  // The machine's speed drifts between runs: rounds alternate the systems, and the median round is reported.
  const reports: BenchReport[] = [];
  for (let i = 1; i <= rounds; i++) {
    if (rounds > 1) say(`round ${i} of ${rounds}`);
    reports.push(await runBench(options));
  }
  const report = withRounds(reports);
  // One file per kind of database, so the embedded run does not overwrite the PostgreSQL one.
  const full = flags.kannel !== false && flags.http !== false && !flags.cpuProf;
  const md = writeBenchReport(report, !full ? 'partial-run' : databaseUrl ? 'petrel-vs-kannel' : 'petrel-vs-kannel-pglite');
  if (flags.json) process.stdout.write(`${JSON.stringify(summarize(report))}\n`);
  else say(md);
}
