import { type FaultLoadOptions, type FaultRunReport, runUnderFaults, type Spread, spread } from './fault-run.ts';
import { sleep } from './resilient-load.ts';

export interface OutageOptions extends FaultLoadOptions {
  readonly outages: number;
  /** How long the carrier stays down each time. */
  readonly outageMs: number;
  /** Time the carrier is up between two outages (and before the first), drawn uniformly. */
  readonly upMs: { readonly min: number; readonly max: number };
}

export interface OutageReport extends FaultRunReport {
  readonly outages: number;
  readonly outageSeconds: number;
  /** Messages acknowledged while the carrier was down (intake goes on; they wait), over all outages. */
  readonly ackedDuringOutages: number;
  /** After each outage: from the carrier's return until Petrel had bound again, and until the carrier had every message acknowledged before its return. */
  readonly rebindSeconds: Spread;
  readonly backlogSeconds: Spread;
}

/**
 * The carrier goes down `outages` times under load (every connection dropped, new ones refused;
 * the receipts it owes kept and sent after the rebind, as a store-and-forward SMSC does) and comes
 * back after `outageMs`; then the books, the texts and what the carrier got are checked
 * (fault-run.ts): the messages waited, none was lost or failed, each has its receipt, and the
 * carrier got a message twice only when its connection dropped with the submit unanswered.
 */
export async function runOutageTest(o: OutageOptions): Promise<OutageReport> {
  const rebinds: number[] = [];
  const backlogs: number[] = [];
  let ackedDuringOutages = 0;
  const report = await runUnderFaults({ ...o, faults: o.outages, pauseMs: o.upMs, dbPrefix: 'petrel_outage' }, async (ctx) => {
    const at = Date.now();
    const inFlight = ctx.notAtCarrier();
    const before = ctx.acknowledged();
    let bound = false;
    const onBind = (e: { status: number }) => {
      if (e.status === 0) bound = true;
    };
    ctx.simulator.startOutage();
    await sleep(o.outageMs);
    const during = ctx.acknowledged() - before;
    ackedDuringOutages += during;
    const waiting = ctx.notAtCarrier();
    ctx.simulator.on('bind', onBind);
    ctx.simulator.endOutage();
    const back = performance.now();
    let rebind: number | undefined;
    // Until the carrier has what was acknowledged before it came back (as many in flight as before the outage at most), 120 s at most.
    while (performance.now() - back < 120_000) {
      if (rebind === undefined && bound) rebind = (performance.now() - back) / 1000;
      if (rebind !== undefined && ctx.notAtCarrier() <= inFlight + 20) break;
      await sleep(50);
    }
    ctx.simulator.off('bind', onBind);
    const backlog = (performance.now() - back) / 1000;
    rebinds.push(rebind ?? Number.POSITIVE_INFINITY);
    backlogs.push(backlog);
    return { at, note: `carrier down ${o.outageMs / 1000} s, ${during} acknowledged meanwhile (${waiting} waiting for it); bound again ${rebind === undefined ? 'never' : `after ${rebind.toFixed(1)} s`}, backlog at the carrier ${backlog.toFixed(1)} s after its return` };
  });
  const failures = [...report.failures];
  if (ackedDuringOutages === 0) failures.push('nothing was acknowledged while the carrier was down: intake should go on and the messages wait');
  if (rebinds.some((s) => !Number.isFinite(s))) failures.push('Petrel did not bind again after an outage within 120 s');
  return { ...report, failures, outages: o.outages, outageSeconds: o.outageMs / 1000, ackedDuringOutages, rebindSeconds: spread(rebinds), backlogSeconds: spread(backlogs) };
}
