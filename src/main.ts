import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { accountsStores } from './accounts/accounts-stores.ts';
import { registerClientRoutes } from './accounts/clients.http.ts';
import { ensureAdmin } from './accounts/ensure-admin.ts';
import { HistoryStore } from './accounts/history.store.ts';
import { registerLegalEntityRoutes } from './accounts/legal-entities.http.ts';
import { registerListRoutes } from './accounts/lists.http.ts';
import { OperatorAuth } from './accounts/operator-auth.ts';
import { OperatorStore } from './accounts/operator.store.ts';
import { registerOperatorRoutes } from './accounts/operators.http.ts';
import { registerProductRoutes } from './accounts/products.http.ts';
import type { Database } from './database.ts';
import { createHttpApp } from './http/app.ts';
import { metricsRegistry, registerMetricsRoute } from './http/metrics.http.ts';
import { type Clock, systemClock } from './platform/clock.ts';
import type { Config } from './platform/config.ts';
import { type DbHandle, openDatabase } from './platform/db.ts';
import { claimNodeIdentity } from './platform/node-identity.ts';
import type { DelivererOptions } from './messaging/client-delivery/client-deliverer.ts';
import { vendorsToWake } from './messaging/intake/handoff.ts';
import { takeBackClaims } from './messaging/node-claims.store.ts';
import { vendorHolder } from './messaging/dispatch/vendor-leases.store.ts';
import { migrateToLatest } from './platform/migrate.ts';
import { migrations } from './platform/migrations/index.ts';
import { BillingStore } from './billing/billing.store.ts';
import { startDemo } from './demo/start-demo.ts';
import { startVendorSide, type VendorSide } from './messaging/dispatch/start-vendor-side.ts';
import { registerMessageLogRoutes } from './messaging/message-log.http.ts';
import { registerRefusalRoutes } from './messaging/messages.http.ts';
import { registerInboxRoutes } from './messaging/mo/inbox.http.ts';
import { registerStatsRoutes } from './messaging/stats/stats.http.ts';
import { StatsFolder } from './messaging/stats/stats.store.ts';
import { registerMessagePathConfig } from './routing/message-path-config.http.ts';
import { MoNumberStore } from './routing/mo-number.store.ts';
import { type ClientSide, startClientSide } from './smpp/client-side.ts';
import { SmppListenError } from './smpp/client-smpp-server.ts';
import { ApiKeyStore } from './accounts/api-keys.store.ts';
import { registerApiKeyRoutes } from './accounts/api-keys.http.ts';
import { PriceStore } from './billing/price.store.ts';
import { ClientApiAuth } from './http/rest-v1/client-auth.ts';
import { registerRestV1 } from './http/rest-v1/register-rest-v1.ts';
import { TextSubmitter } from './http/rest-v1/texts/text-submitter.ts';
import { registerSendsmsRoutes } from './http/sendsms.http.ts';
import { DeliveriesStore } from './notify/webhooks/deliveries.store.ts';
import { startWebhooks, type WebhookOptions, type Webhooks } from './notify/webhooks/start-webhooks.ts';
import { registerWebhookRoutes } from './notify/webhooks/webhooks.http.ts';
import { registerMailRoutes } from './notify/email/mail.http.ts';
import { type Mail, type MailOptions, queuePriceChangeMail, startMail } from './notify/email/start-mail.ts';
import { SenderStore } from './policy/sender.store.ts';

export const VERSION = '0.1.0';

export interface Platform {
  readonly config: Config;
  readonly db: Kysely<Database>;
  readonly dbKind: DbHandle<Database>['kind'];
  readonly http: FastifyInstance;
  /** Base URL of the HTTP listener, e.g. http://127.0.0.1:8080 */
  readonly httpUrl: string;
  /** Intake, the clients' SMPP server, receipts and MO to clients. */
  readonly clientSide: ClientSide;
  /** Vendor binds and dispatch, vendor receipts and MO, expiry. */
  readonly vendorSide: VendorSide;
  /** The name this node claims work under (PETREL_NODE_ID or derived; see platform/node-identity.ts). */
  readonly nodeId: string;
  /** Client webhooks and dlr-url calls: the report relay and the outbox sender. */
  readonly webhooks: Webhooks;
  /** E-mail to clients: the outbox and its sender. */
  readonly mail: Mail;
  close(): Promise<void>;
}

export interface StartOptions {
  readonly clock?: Clock;
  /** Print a line for the operator (first-start password, listeners). */
  readonly say?: (line: string) => void;
  /** HTTP/REST API tuning (tests): webhook timing, the default requests per second of an API key. */
  readonly httpApi?: { readonly webhooks?: Partial<WebhookOptions>; readonly ratePerSecond?: number };
  /** Receipt and MO delivery to clients (tests): batch, lease, sweep. */
  readonly deliverer?: Partial<DelivererOptions>;
  /** E-mail timing (tests): poll, back-off, the low-balance sweep. */
  readonly mail?: Partial<MailOptions>;
}

export class ListenError extends Error {}

/** The composition root: opens the database, migrates, wires the modules, starts the listeners. */
export async function startPlatform(config: Config, opts: StartOptions = {}): Promise<Platform> {
  const clock = opts.clock ?? systemClock;
  const say = opts.say ?? (() => undefined);
  const handle = await openDatabase<Database>(config);
  const closers: (() => Promise<void>)[] = [() => handle.close()];
  const close = async (): Promise<void> => {
    for (const c of closers.reverse()) await c().catch(() => undefined);
  };
  try {
    await migrateToLatest(handle.db as Kysely<unknown>, migrations);
    const db = handle.db;
    // The name this node claims work under; a node started again under it takes its claims back at once.
    const node = await claimNodeIdentity({ configured: config.nodeId, databaseUrl: config.databaseUrl, smppPort: config.smppPort, warn: say });
    closers.push(() => node.release());
    if (node.stable) {
      const taken = await takeBackClaims(db, node.id);
      const deliveries = await new DeliveriesStore(db, node.id).takeBack();
      if (taken.messages + taken.reports + taken.mo + deliveries > 0) say(`node ${node.id}: took back ${taken.messages} message(s), ${taken.reports} report(s), ${taken.mo} MO and ${deliveries} webhook delivery(ies) claimed before a restart`);
    }
    const operators = new OperatorStore(db);
    const admin = await ensureAdmin(operators, config.adminPassword);
    if (admin.generatedPassword) say(`created operator "admin" with password: ${admin.generatedPassword}  (shown once; set PETREL_ADMIN_PASSWORD to choose it)`);

    const http = await createHttpApp({ logLevel: config.logLevel, webDist: config.webDist, version: VERSION });
    closers.push(() => http.close());
    const history = new HistoryStore(db);
    const auth = new OperatorAuth(operators, clock);
    registerOperatorRoutes(http, { db, auth, operators, history, secureCookies: false });
    const stores = accountsStores(db, clock, { operators, history });
    registerClientRoutes(http, { auth, stores });
    registerListRoutes(http, { auth, stores });
    registerLegalEntityRoutes(http, { auth, stores });
    registerProductRoutes(http, { auth, stores });
    // The dispatcher (started below) reports its binds' live state; requests come only after listen.
    const onConfigChanged = (): void => {
      clientSide.routing.invalidate();
      vendorSide.routing.invalidate();
      void vendorSide.dispatcher.refresh();
    };
    registerMessagePathConfig(http, { db, auth, history, clock, vendorBinds: (id) => vendorSide.dispatcher.bindStatus(id), vendorHolder: (id) => vendorHolder(db, id), onConfigChanged, onPriceChange: queuePriceChangeMail });

    // The client side of the message path: intake (group commit), SMPP server, receipts and MO to clients.
    const clientSide = await startClientSide({ db, clock, host: config.host, smppPort: config.smppPort, logger: http.log, nodeId: node.id, ...(opts.deliverer ? { deliverer: opts.deliverer } : {}) }).catch((err: unknown) => {
      throw err instanceof SmppListenError ? new ListenError(err.message) : err;
    });
    closers.push(() => clientSide.close());
    registerRefusalRoutes(http, { db, auth, refusals: clientSide.intake.refusals });
    registerMessageLogRoutes(http, { db, auth, clock, queries: clientSide.queries, onReports: (ids) => ids.forEach((id) => clientSide.notifyReports(id)) });
    say(`SMPP listening on ${clientSide.smppAddress} (client binds)`);

    // --demo: the carrier simulator in this process and the demo world (vendor, routes, prices, client), made once.
    if (config.demo) {
      const demo = await startDemo({ db, clock, host: config.host, smppPort: config.smppPort, smppAddress: clientSide.smppAddress, say });
      closers.push(() => demo.stop());
      clientSide.routing.invalidate();
    }

    // The vendor side of the message path: binds to vendors and dispatch, their receipts and MO,
    // Days of waiting DLR, statistics. Reports and MO it commits go to the client side's deliverer.
    const billing = new BillingStore(db as unknown as ConstructorParameters<typeof BillingStore>[0]);
    const moNumbers = new MoNumberStore(db as unknown as ConstructorParameters<typeof MoNumberStore>[0]);
    const vendorSide = await startVendorSide({
      db,
      nodeId: node.id,
      clock,
      log: http.log,
      billing: { refund: (trx, clientId, messageId, amount, reason) => billing.refund(trx as unknown as Parameters<BillingStore['refund']>[0], clientId, messageId, amount, reason) },
      owners: moNumbers,
      notify: (clientId) => clientSide.notifyReports(clientId),
      reports: clientSide.deliverer,
    });
    closers.push(() => vendorSide.stop());
    clientSide.intake.handOffTo(vendorSide.dispatcher);
    clientSide.intake.onCommitted((batch) => {
      for (const vendorId of vendorsToWake(batch.accepted, batch.handed, clock.now())) vendorSide.dispatcher.wake(vendorId);
    });
    const statsFolder = new StatsFolder(db, (err) => http.log.error({ err: (err as Error).message }, 'folding statistics failed; the moves wait for the next fold'));
    statsFolder.start();
    closers.push(() => statsFolder.stop());
    registerStatsRoutes(http, { db, auth, clock });
    registerInboxRoutes(http, { db, auth });

    // HTTP API (/sendsms), REST API v1, API keys and webhooks. Both APIs hand texts to the one
    // intake pipeline through the TextSubmitter; the relay turns reports and MO into signed deliveries.
    const webhooks = startWebhooks({ db, nodeId: node.id, clock, allowPrivate: config.allowPrivateCallbacks, version: VERSION, log: (m, err) => http.log.warn({ err }, m), options: opts.httpApi?.webhooks });
    closers.push(() => webhooks.stop());
    // E-mail to clients: the outbox, its SMTP sender (PETREL_SMTP_URL) and the low-balance notices.
    const mail = startMail({ db, nodeId: node.id, clock, smtpUrl: config.smtpUrl, from: config.mailFrom, log: (m, err) => http.log.warn({ err }, m), options: opts.mail });
    closers.push(() => mail.stop());
    registerMailRoutes(http, { db, auth, outbox: mail.outbox, sending: mail.sending });
    const apiKeys = new ApiKeyStore(db as unknown as ConstructorParameters<typeof ApiKeyStore>[0]);
    const apiAuth = new ClientApiAuth(db, apiKeys, clock);
    const submitter = new TextSubmitter(clientSide.intake);
    registerApiKeyRoutes(http, { db, auth, clock, keys: apiKeys, onRevoked: (hash) => apiAuth.forgetKey(hash) });
    registerWebhookRoutes(http, { db, auth, clock, settings: webhooks.settings, deliveries: webhooks.deliveries, guard: webhooks.guard, wake: webhooks.wake });
    registerSendsmsRoutes(http, { auth: apiAuth, submitter, guard: webhooks.guard, clock });
    const restV1 = await registerRestV1(http, {
      db,
      clock,
      auth: apiAuth,
      submitter,
      guard: webhooks.guard,
      prices: new PriceStore(db as unknown as ConstructorParameters<typeof PriceStore>[0]),
      senders: new SenderStore(db as unknown as ConstructorParameters<typeof SenderStore>[0]),
      queries: clientSide.queries,
      defaultRatePerSecond: opts.httpApi?.ratePerSecond ?? 100,
      nodeId: node.id,
      log: (m, err) => http.log.warn({ err }, m),
    });
    closers.push(() => restV1.stop());

    // GET /metrics for Prometheus (with PETREL_METRICS_TOKEN): the modules' counters, read when scraped.
    const registry = metricsRegistry({
      intake: () => clientSide.intake.counters,
      accepted: () => clientSide.intake.acceptedByChannel,
      refused: () => clientSide.intake.refusals.totals(),
      vendors: () => vendorSide.dispatcher.status(),
      clientSessions: () => clientSide.binds.total(),
      webhooks: () => webhooks.sender.counters,
      mail: () => mail.counters,
      mailPending: () => mail.outbox.pending(),
    });
    registerMetricsRoute(http, { registry, token: config.metricsToken });

    const httpUrl = await listen(http, config.host, config.httpPort);
    say(`HTTP listening on ${httpUrl} (admin panel, APIs, OpenAPI at ${httpUrl}/api/docs)`);
    return { config, db, dbKind: handle.kind, nodeId: node.id, http, httpUrl, clientSide, vendorSide, webhooks, mail, close };
  } catch (err) {
    await close();
    throw err;
  }
}

async function listen(app: FastifyInstance, host: string, port: number): Promise<string> {
  try {
    await app.listen({ host, port });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new ListenError(`HTTP port ${port} on ${host} is already in use; set PETREL_HTTP_PORT to another port`);
    if (code === 'EADDRNOTAVAIL') throw new ListenError(`cannot listen on ${host}: no such local address (PETREL_HOST)`);
    throw err;
  }
  const address = app.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`;
}
