import { type FaultLoadOptions, type FaultRunReport, runUnderFaults, type Spread, spread } from './fault-run.ts';

export interface CrashOptions extends FaultLoadOptions {
  readonly kills: number;
  /** Time between a (re)start and the next kill, drawn uniformly. */
  readonly killAfterMs: { readonly min: number; readonly max: number };
}

export interface CrashReport extends FaultRunReport {
  readonly kills: number;
  readonly restartSeconds: Spread;
}

/**
 * Kill -9 Petrel `kills` times at random moments under load, restarting it each time on the same
 * database, then check the books, the texts and what the carrier got (fault-run.ts).
 */
export async function runCrashTest(o: CrashOptions): Promise<CrashReport> {
  const restarts: number[] = [];
  const report = await runUnderFaults({ ...o, faults: o.kills, pauseMs: o.killAfterMs, dbPrefix: 'petrel_crash' }, async (ctx) => {
    const at = Date.now();
    ctx.petrel.proc.kill('SIGKILL');
    await ctx.petrel.exited;
    restarts.push(await ctx.restart());
    return { at, note: `killed; back in ${restarts.at(-1)?.toFixed(1)} s` };
  });
  return { ...report, kills: o.kills, restartSeconds: spread(restarts) };
}
