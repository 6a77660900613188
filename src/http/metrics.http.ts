import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import { z } from 'zod';
import { AppError } from '../platform/errors.ts';
import { responses } from './rest-v1/openapi.ts';

/** Cumulative counts since the process started, read when Prometheus scrapes. */
type Counts = () => Readonly<Partial<Record<string, number>>>;

/** Where the figures come from: the modules' own counters and states, read at scrape time (no work on the message path). */
export interface MetricsSources {
  /** Intake batches: committed, failed; and the messages they carried. */
  readonly intake: () => { readonly batches: number; readonly failedBatches: number; readonly requests: number };
  /** Messages accepted (stored and charged) per channel. */
  readonly accepted: Counts;
  /** Messages refused at intake per error code. */
  readonly refused: Counts;
  /** Per vendor: its binds' states and the submits sent by this node. */
  readonly vendors: () => readonly { readonly name: string; readonly binds: readonly { readonly state: string }[]; readonly submitted: number }[];
  /** Client SMPP sessions bound to this node. */
  readonly clientSessions: () => number;
  /** Webhook and dlr-url calls: tries, delivered, failed for good. */
  readonly webhooks: () => { readonly attempts: number; readonly delivered: number; readonly failed: number };
  /** E-mail: sent, failed tries; and what waits in the outbox (all nodes). */
  readonly mail: () => { readonly sent: number; readonly failedTries: number };
  readonly mailPending: () => Promise<number>;
}

/** A counter whose value is read from a source when scraped. */
function mirrored(registry: Registry, name: string, help: string, read: () => number): void {
  new Counter({
    name,
    help,
    registers: [registry],
    collect() {
      this.reset();
      this.inc(read());
    },
  });
}

/** The same with one label: a value per key of what `read` returns. */
function mirroredBy(registry: Registry, name: string, help: string, label: string, read: Counts): void {
  new Counter({
    name,
    help,
    labelNames: [label],
    registers: [registry],
    collect() {
      this.reset();
      for (const [key, value] of Object.entries(read())) this.inc({ [label]: key }, value ?? 0);
    },
  });
}

/** Prometheus metrics of this node: the message path's counters and states, and Node's own (heap, event loop, CPU). */
export function metricsRegistry(sources: MetricsSources): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'petrel_' });
  mirrored(registry, 'petrel_intake_batches_total', 'Intake batches committed (each one transaction for many messages).', () => sources.intake().batches);
  mirrored(registry, 'petrel_intake_failed_batches_total', 'Intake batches the database refused: their messages were answered "send again".', () => sources.intake().failedBatches);
  mirrored(registry, 'petrel_intake_requests_total', 'Messages that reached intake, accepted or refused.', () => sources.intake().requests);
  mirroredBy(registry, 'petrel_messages_accepted_total', 'Messages accepted: stored and charged.', 'channel', sources.accepted);
  mirroredBy(registry, 'petrel_messages_refused_total', 'Messages refused at intake (nothing stored or charged), by error code.', 'code', sources.refused);
  mirroredBy(registry, 'petrel_vendor_submits_total', 'Messages this node submitted to each vendor.', 'vendor', () => Object.fromEntries(sources.vendors().map((v) => [v.name, v.submitted])));
  new Gauge({
    name: 'petrel_vendor_binds',
    help: 'Binds of this node to each vendor, by state (bound, connecting, backoff, closed).',
    labelNames: ['vendor', 'state'],
    registers: [registry],
    collect() {
      this.reset();
      for (const v of sources.vendors()) {
        for (const state of ['bound', 'connecting', 'backoff', 'closed']) this.set({ vendor: v.name, state }, v.binds.filter((b) => b.state === state).length);
      }
    },
  });
  new Gauge({
    name: 'petrel_client_smpp_sessions',
    help: 'Client SMPP sessions bound to this node.',
    registers: [registry],
    collect() {
      this.set(sources.clientSessions());
    },
  });
  mirrored(registry, 'petrel_webhook_attempts_total', 'Webhook and dlr-url calls made.', () => sources.webhooks().attempts);
  mirrored(registry, 'petrel_webhook_delivered_total', 'Webhook and dlr-url deliveries answered 2xx.', () => sources.webhooks().delivered);
  mirrored(registry, 'petrel_webhook_failed_total', 'Webhook and dlr-url deliveries failed for good (every try refused).', () => sources.webhooks().failed);
  mirrored(registry, 'petrel_mail_sent_total', 'E-mails to clients sent.', () => sources.mail().sent);
  mirrored(registry, 'petrel_mail_failed_tries_total', 'E-mail sends the server refused or that failed (each is tried again, then failed).', () => sources.mail().failedTries);
  new Gauge({
    name: 'petrel_mail_outbox_pending',
    help: 'E-mails waiting in the outbox (every node): not sent yet, or to be tried again.',
    registers: [registry],
    async collect() {
      this.set(await sources.mailPending());
    },
  });
  return registry;
}

/**
 * GET /metrics in Prometheus's text format. The figures describe the business (vendors, volumes),
 * so a scrape needs `Authorization: Bearer <PETREL_METRICS_TOKEN>`; without a token configured
 * the route answers 404.
 */
export function registerMetricsRoute(app: FastifyInstance, deps: { readonly registry: Registry; readonly token: string | undefined }): void {
  const expected = deps.token === undefined ? undefined : Buffer.from(`Bearer ${deps.token}`);
  app.get(
    '/metrics',
    {
      schema: {
        tags: ['operations'],
        summary: "This node's figures for Prometheus (text format), with Authorization: Bearer <PETREL_METRICS_TOKEN>",
        description: 'Off (404) unless PETREL_METRICS_TOKEN is set. Counters since the node started: messages accepted per channel and refused per code, intake batches, binds and submits per vendor, client sessions, webhook and e-mail counts; and Node process figures.',
        response: responses({ 200: { description: 'the metrics (text/plain; version=0.0.4)', schema: z.string(), alternatives: { 'text/plain': z.string() } } }, ['unauthorized', 'not_found']),
      },
    },
    async (request, reply) => {
    if (!expected) throw new AppError('not_found', 'metrics are off: set PETREL_METRICS_TOKEN to scrape them');
    const given = Buffer.from(request.headers.authorization ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new AppError('unauthorized', 'send Authorization: Bearer <PETREL_METRICS_TOKEN>');
    void reply.type(deps.registry.contentType);
    return deps.registry.metrics();
    },
  );
}
