import type { Kysely } from 'kysely';
import type { Database } from '../../database.ts';
import type { ReportHandoff } from '../client-delivery/report-handoff.ts';
import type { Clock } from '../../platform/clock.ts';
import { ExpiryJob } from '../expiry/expiry-job.ts';
import { MoIntake, type MoOwners } from '../mo/mo-intake.ts';
import { ReceiptIntake } from '../receipts/receipt-intake.ts';
import type { Refunder } from '../transitions.store.ts';
import { Dispatcher } from './dispatcher.ts';
import type { Log } from './log.ts';
import { RoutingViewCache } from './routing-view.ts';
import type { DispatchTuning } from './vendor-dispatcher.ts';

export interface VendorSideDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly log: Log;
  readonly billing: Refunder;
  readonly owners: MoOwners;
  /** The name this node's claims carry (platform/node-identity.ts). */
  readonly nodeId: string;
  /** New client_reports or inbox rows were committed for these clients (ClientDeliverer.notifyReports). */
  readonly notify: (clientId: number) => void;
  /** The client deliverer of this node, which takes SMPP receipts of clients bound here straight away. */
  readonly reports?: ReportHandoff;
  readonly tuning?: Partial<DispatchTuning>;
  readonly vendorRefreshMs?: number;
  /** How long this node's hold on a vendor lasts unrenewed (Dispatcher). */
  readonly vendorLeaseMs?: number;
  readonly expiryEveryMs?: number;
  readonly earlySweepMs?: number;
  readonly moReassemblyTimeoutMs?: number;
  readonly random?: () => number;
}

export interface VendorSide {
  readonly dispatcher: Dispatcher;
  /** Routes and reroute codes as dispatch and receipts read them (cached a few seconds). */
  readonly routing: RoutingViewCache;
  readonly receipts: ReceiptIntake;
  readonly mo: MoIntake;
  readonly expiry: ExpiryJob;
  stop(): Promise<void>;
}

/** The vendor side of the message path: dispatch, vendor receipts, MO and expiry, started together. */
export async function startVendorSide(deps: VendorSideDeps): Promise<VendorSide> {
  const onReports = (clientIds: readonly number[]): void => {
    for (const id of clientIds) deps.notify(id);
  };
  const routing = new RoutingViewCache(deps.db);
  const random = deps.random ? { random: deps.random } : {};
  const receipts = new ReceiptIntake({ db: deps.db, clock: deps.clock, log: deps.log, billing: deps.billing, routing, onReports, ...random, ...(deps.reports ? { reports: deps.reports } : {}), ...(deps.earlySweepMs ? { sweepMs: deps.earlySweepMs } : {}) });
  const mo = new MoIntake({ db: deps.db, clock: deps.clock, log: deps.log, owners: deps.owners, onInbox: deps.notify, ...(deps.moReassemblyTimeoutMs ? { reassemblyTimeoutMs: deps.moReassemblyTimeoutMs } : {}) });
  const dispatcher = new Dispatcher({
    db: deps.db,
    nodeId: deps.nodeId,
    clock: deps.clock,
    log: deps.log,
    billing: deps.billing,
    routing,
    receipts,
    mo,
    onReports,
    ...random,
    ...(deps.tuning ? { tuning: deps.tuning } : {}),
    ...(deps.vendorRefreshMs ? { refreshMs: deps.vendorRefreshMs } : {}),
    ...(deps.vendorLeaseMs ? { vendorLeaseMs: deps.vendorLeaseMs } : {}),
  });
  const expiry = new ExpiryJob({ db: deps.db, clock: deps.clock, log: deps.log, billing: deps.billing, onReports, ...(deps.expiryEveryMs ? { everyMs: deps.expiryEveryMs } : {}) });
  receipts.start();
  mo.start();
  expiry.start();
  await dispatcher.start();
  return {
    dispatcher,
    routing,
    receipts,
    mo,
    expiry,
    stop: async () => {
      await expiry.stop();
      await dispatcher.stop();
      await receipts.stop();
      await mo.stop();
    },
  };
}
