import { adminQuery as admin } from '../../src/bench/petrel-child.ts';
import { type FaultLoadOptions, type FaultRunReport, runUnderFaults, type Spread, spread } from './fault-run.ts';
import { sleep } from './resilient-load.ts';

export interface DatabaseOutageOptions extends FaultLoadOptions {
  readonly outages: number;
  /** How long the database refuses Petrel each time. */
  readonly outageMs: number;
  /** Time the database is up between two outages (and before the first), drawn uniformly. */
  readonly upMs: { readonly min: number; readonly max: number };
}

export interface DatabaseOutageReport extends FaultRunReport {
  readonly outages: number;
  readonly outageSeconds: number;
  /** Petrel's connections the server cut at the start of each outage, over all outages. */
  readonly connectionsCut: number;
  /**
   * Messages acknowledged from a second after the cut until the database's return: only answers to
   * what was committed before it can come then (the books check that each acknowledged one exists).
   */
  readonly ackedDuringOutages: number;
  /** Submits the clients were refused (and sent again), over the run: what came while nothing could be committed. */
  readonly refusedDuringRun: number;
  /** After each outage: from the database's return until the next acknowledgement. */
  readonly recoverySeconds: Spread;
  /** Petrel processes that ended during the run: it must ride out the outage, not die of it. */
  readonly exits: number;
}

/**
 * PostgreSQL goes away under load, `outages` times: Petrel's database stops taking connections
 * (ALLOW_CONNECTIONS false) and the server cuts the ones Petrel has, as in a restart or a
 * failover; after `outageMs` it takes them again. Petrel must stay up, acknowledge nothing it
 * cannot commit (the clients are refused and send again), answer the carrier's receipts with a
 * temporary error (the carrier sends them again), and go on by itself once the database is back;
 * then the books, the texts and what the carrier got are checked (fault-run.ts). Needs a
 * PostgreSQL server (DATABASE_URL): the embedded PGlite has no connection to lose.
 */
export async function runDatabaseOutageTest(o: DatabaseOutageOptions): Promise<DatabaseOutageReport> {
  if (!o.databaseUrl) throw new Error('the database outage run needs a PostgreSQL server: set DATABASE_URL');
  const recoveries: number[] = [];
  let connectionsCut = 0;
  let ackedDuringOutages = 0;
  let exits = 0;
  const report = await runUnderFaults({ ...o, faults: o.outages, pauseMs: o.upMs, dbPrefix: 'petrel_dbout' }, async (ctx) => {
    if (!ctx.database) throw new Error('no PostgreSQL database to take away');
    const { name, serverUrl } = ctx.database;
    const at = Date.now();
    connectionsCut += await refuse(serverUrl, name);
    await sleep(1000);
    const before = ctx.acknowledged();
    await sleep(Math.max(0, o.outageMs - 1000));
    const during = ctx.acknowledged() - before;
    ackedDuringOutages += during;
    await admin(serverUrl, `ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
    const back = performance.now();
    const atReturn = ctx.acknowledged();
    while (ctx.acknowledged() === atReturn && performance.now() - back < 60_000) await sleep(20);
    const recovery = ctx.acknowledged() > atReturn ? (performance.now() - back) / 1000 : Number.POSITIVE_INFINITY;
    recoveries.push(recovery);
    if (ctx.petrel.proc.exitCode !== null || ctx.petrel.proc.signalCode !== null) {
      exits++;
      await ctx.restart(); // so the run can still check the books; the exit fails it
    }
    return { at, note: `database away ${o.outageMs / 1000} s, ${during} acknowledged meanwhile; acknowledging again ${Number.isFinite(recovery) ? `${recovery.toFixed(1)} s` : 'never'} after its return` };
  });
  const failures = [...report.failures];
  if (exits > 0) failures.push(`Petrel's process ended ${exits} time(s) when the database went away`);
  if (recoveries.some((s) => !Number.isFinite(s))) failures.push('Petrel did not acknowledge again within 60 s of the database coming back');
  return { ...report, failures, outages: o.outages, outageSeconds: o.outageMs / 1000, connectionsCut, ackedDuringOutages, refusedDuringRun: report.refused + (report.http?.refused ?? 0), recoverySeconds: spread(recoveries), exits };
}

/** The database stops taking connections, and the server cuts every one it has (but ours). */
async function refuse(serverUrl: string, name: string): Promise<number> {
  await admin(serverUrl, `ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
  return admin(serverUrl, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid()`);
}
