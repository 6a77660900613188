import { type FaultLoadOptions, type FaultRunReport, runUnderFaults, type Spread, spread } from './fault-run.ts';

/** The command_status values SMPP clients (Kannel among them) take as temporary and send again. */
const SEND_AGAIN: ReadonlySet<string> = new Set(['ESME_RSYSERR', 'ESME_RTHROTTLED', 'ESME_RMSGQFUL', 'ESME_RX_T_APPN']);

export interface RestartOptions extends FaultLoadOptions {
  readonly restarts: number;
  /** Time between a (re)start and the next stop, drawn uniformly. */
  readonly stopAfterMs: { readonly min: number; readonly max: number };
}

export interface RestartReport extends FaultRunReport {
  readonly restarts: number;
  /** Stops that did not end with exit code 0 (a hang cut short by SIGKILL, or a crash). */
  readonly unclean: number;
  readonly stopSeconds: Spread;
  readonly restartSeconds: Spread;
}

/**
 * Stops Petrel with SIGTERM (as a deploy or `systemctl restart` does) `restarts` times at random
 * moments under load, starting it again each time on the same database, then checks the books,
 * the texts and what the carrier got (fault-run.ts). A clean stop answers or refuses what it took,
 * lets the carrier keep what it could not take, and leaves no submit answered but unstored: so
 * the carrier must get no message twice at all, where a kill -9 is allowed some.
 */
export async function runRestartTest(o: RestartOptions): Promise<RestartReport> {
  const stops: number[] = [];
  const starts: number[] = [];
  let unclean = 0;
  const report = await runUnderFaults({ ...o, faults: o.restarts, pauseMs: o.stopAfterMs, dbPrefix: 'petrel_restart' }, async (ctx) => {
    const at = Date.now();
    const t = performance.now();
    void ctx.petrel.stop('SIGTERM', 30_000);
    const exit = await ctx.petrel.exited;
    stops.push((performance.now() - t) / 1000);
    if (exit.code !== 0) unclean++;
    starts.push(await ctx.restart());
    return { at, note: `SIGTERM: exited ${exit.signal ?? exit.code} after ${stops.at(-1)?.toFixed(1)} s; back in ${starts.at(-1)?.toFixed(1)} s` };
  });
  const failures = [...report.failures];
  if (unclean > 0) failures.push(`${unclean} stop(s) did not end with exit code 0`);
  // A clean stop leaves nothing in a crash window: every duplicate at the carrier is a fault.
  if (report.vendorDuplicates.total > 0) failures.push(`${report.vendorDuplicates.total} message(s) reached the carrier twice across clean stops`);
  // What a stopping Petrel refuses, it refuses as "send again": a client takes any other status as the message's end.
  const final = Object.entries(report.refusedWith).filter(([status]) => !SEND_AGAIN.has(status));
  if (final.length > 0) failures.push(`submits refused with a status clients take as final while Petrel stopped: ${final.map(([status, n]) => `${n} × ${status}`).join(', ')}`);
  return { ...report, failures, restarts: o.restarts, unclean, stopSeconds: spread(stops), restartSeconds: spread(starts) };
}
