import type { FastifyBaseLogger } from 'fastify';
import { BillingStore } from '../billing/billing.store.ts';
import type { Decimal } from 'decimal.js';
import { ClientQueries } from '../messaging/client-queries.store.ts';
import { ClientDeliverer, DEFAULT_DELIVERER_OPTIONS, type DelivererOptions } from '../messaging/client-delivery/client-deliverer.ts';
import { ClientReportsStore } from '../messaging/client-delivery/client-reports.store.ts';
import { type BatcherOptions, DEFAULT_BATCHER_OPTIONS, IntakeBatcher } from '../messaging/intake/intake-batcher.ts';
import { IntakeCache } from '../messaging/intake/intake-cache.ts';
import { type Db, IntakeStore } from '../messaging/intake/intake.store.ts';
import { RoutingCache } from '../messaging/intake/routing-cache.ts';
import type { Refunder } from '../messaging/transitions.store.ts';
import type { Clock } from '../platform/clock.ts';
import { BindCounts } from './bind-counts.store.ts';
import { ClientBinds } from './client-binds.ts';
import { ClientSmppServer } from './client-smpp-server.ts';

export interface ClientSideOptions {
  readonly db: Db;
  readonly clock: Clock;
  readonly host: string;
  readonly smppPort: number;
  readonly logger: FastifyBaseLogger;
  /** The name this node's claims of reports and MO carry (platform/node-identity.ts). */
  readonly nodeId: string;
  readonly batcher?: Partial<BatcherOptions>;
  readonly deliverer?: Partial<DelivererOptions>;
  readonly random?: () => number;
}

/** The client side of the message path: intake (group commit), the SMPP server, receipts and MO back. */
export interface ClientSide {
  readonly intake: IntakeBatcher;
  readonly routing: RoutingCache;
  readonly binds: ClientBinds;
  readonly smpp: ClientSmppServer;
  readonly deliverer: ClientDeliverer;
  /** A client's queries and cancels of its own messages (SMPP query_sm and cancel_sm, REST, the operator's cancel). */
  readonly queries: ClientQueries;
  /** host:port of the SMPP listener. */
  readonly smppAddress: string;
  /** The vendor side calls this after committing client_reports or inbox rows for a client. */
  notifyReports(clientId: number): void;
  close(): Promise<void>;
}

export async function startClientSide(o: ClientSideOptions): Promise<ClientSide> {
  const log = (message: string, err?: unknown): void => o.logger.warn({ err }, message);
  const routing = new RoutingCache(o.db);
  const billing = new BillingStore(o.db as unknown as ConstructorParameters<typeof BillingStore>[0]);
  const intake = new IntakeBatcher({ db: o.db, store: new IntakeStore(), routing, random: o.random ?? Math.random, cache: new IntakeCache() }, o.clock, { ...DEFAULT_BATCHER_OPTIONS, ...o.batcher }, log);
  const binds = new ClientBinds();
  const bindCounts = new BindCounts(o.db, o.nodeId, log);
  await bindCounts.start();
  const deliverer = new ClientDeliverer(new ClientReportsStore(o.db, o.nodeId), binds, o.clock, { ...DEFAULT_DELIVERER_OPTIONS, ...o.deliverer }, log);
  const refunder = { refund: (trx: Parameters<Refunder['refund']>[0], clientId: number, messageId: number, amount: Decimal, reason: string) => billing.refund(trx as unknown as Parameters<BillingStore['refund']>[0], clientId, messageId, amount, reason) };
  const queries = new ClientQueries(o.db, refunder);
  const smpp = new ClientSmppServer({ db: o.db, intake, binds, bindCounts, clock: o.clock, log: (line) => o.logger.info(line), queries, onReports: (ids) => ids.forEach((id) => deliverer.notifyReports(id)) });
  const smppAddress = await smpp.listen(o.smppPort, o.host);
  deliverer.start();
  return {
    intake,
    routing,
    binds,
    smpp,
    deliverer,
    queries,
    smppAddress,
    notifyReports: (clientId) => deliverer.notifyReports(clientId),
    close: async () => {
      await smpp.close();
      await bindCounts.stop();
      await intake.close();
      await deliverer.stop();
    },
  };
}
