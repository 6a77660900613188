import type { Kysely } from 'kysely';
import type { Database } from '../../database.ts';
import type { Clock } from '../../platform/clock.ts';
import { DeliveriesStore } from './deliveries.store.ts';
import { HttpCaller } from './http-call.ts';
import { ReportRelay, type RelayOptions } from './report-relay.ts';
import { DEFAULT_BACKOFF_MS } from './rules/backoff.ts';
import { type SenderOptions, WebhookSender } from './webhook-sender.ts';
import { UrlGuard } from './url-guard.ts';
import { WebhookSettingsStore } from './webhook-settings.store.ts';

export interface WebhookOptions extends SenderOptions {
  readonly relay: RelayOptions;
  /** Time limit of one call to a client's endpoint. */
  readonly callTimeoutMs: number;
}

export const DEFAULT_WEBHOOK_OPTIONS: WebhookOptions = {
  pollMs: 500,
  batch: 200,
  // Two relay lots: a lot goes in claimed for this node's sender while it sends the one before.
  hold: 1_000,
  concurrency: 32,
  leaseMs: 60_000,
  backoffMs: DEFAULT_BACKOFF_MS,
  callTimeoutMs: 10_000,
  relay: { pollMs: 250, batch: 500 },
};

export interface Webhooks {
  readonly guard: UrlGuard;
  readonly settings: WebhookSettingsStore;
  readonly deliveries: DeliveriesStore;
  readonly sender: WebhookSender;
  readonly relay: ReportRelay;
  /** New deliveries were committed by this node: send them now. */
  wake(): void;
  stop(): Promise<void>;
}

/** Client webhooks and dlr-url calls: the relay that fills the outbox and the sender that empties it. */
export function startWebhooks(deps: { db: Kysely<Database>; nodeId: string; clock: Clock; allowPrivate: boolean; version: string; log: (message: string, err?: unknown) => void; options?: Partial<WebhookOptions> }): Webhooks {
  const o = { ...DEFAULT_WEBHOOK_OPTIONS, ...deps.options, relay: { ...DEFAULT_WEBHOOK_OPTIONS.relay, ...deps.options?.relay } };
  const guard = new UrlGuard(deps.allowPrivate);
  const caller = new HttpCaller(deps.allowPrivate, o.callTimeoutMs);
  const deliveries = new DeliveriesStore(deps.db, deps.nodeId);
  const sender = new WebhookSender(deliveries, caller, deps.clock, o, deps.log, `Petrel-Webhooks/${deps.version}`);
  const relay = new ReportRelay(deps.db, deliveries, deps.clock, o.relay, sender, deps.log);
  sender.start();
  relay.start();
  return {
    guard,
    settings: new WebhookSettingsStore(deps.db),
    deliveries,
    sender,
    relay,
    wake: () => sender.wake(),
    stop: async () => {
      await relay.stop();
      await sender.stop();
      await caller.close();
    },
  };
}
