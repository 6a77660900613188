import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { PriceStore } from '../../billing/price.store.ts';
import type { Database } from '../../database.ts';
import type { UrlGuard } from '../../notify/webhooks/url-guard.ts';
import type { SenderStore } from '../../policy/sender.store.ts';
import type { Clock } from '../../platform/clock.ts';
import { registerAccountRoutes } from './account.http.ts';
import type { ClientApiAuth } from './client-auth.ts';
import { Idempotency, KEY_LIFETIME_MS } from './idempotency.ts';
import { IdempotencyStore } from './idempotency.store.ts';
import type { ClientQueries } from '../../messaging/client-queries.store.ts';
import { registerMessageRoutes } from './messages.http.ts';
import { RateLimiter } from './rate-limiter.ts';
import { RateUsage } from './rate-usage.store.ts';
import type { TextSubmitter } from './texts/text-submitter.ts';

export interface RestV1Deps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly auth: ClientApiAuth;
  readonly submitter: TextSubmitter;
  readonly guard: UrlGuard;
  readonly prices: PriceStore;
  readonly senders: SenderStore;
  /** Cancels of a client's texts (DELETE /api/v1/messages/{id}). */
  readonly queries: ClientQueries;
  /** Requests per second per key when the key sets none. */
  readonly defaultRatePerSecond: number;
  /** This node's name: the per-key limit is shared with the other nodes on the database. */
  readonly nodeId: string;
  readonly log: (message: string, err?: unknown) => void;
}

/** REST API v1 under /api/v1: every route checks the API key (or Basic), the right, the address and the key's rate. */
export async function registerRestV1(app: FastifyInstance, deps: RestV1Deps): Promise<{ stop(): Promise<void> }> {
  const usage = new RateUsage(deps.db as unknown as Kysely<unknown>, deps.nodeId, deps.log, () => deps.clock.now().getTime());
  await usage.start();
  const limiter = new RateLimiter(deps.defaultRatePerSecond, usage);
  const preHandler = async (request: FastifyRequest): Promise<void> => {
    const principal = await deps.auth.fromHeader(request.headers.authorization, request.ip);
    limiter.check(principal, deps.clock.now().getTime());
    request.apiPrincipal = principal;
  };
  const idempotencyStore = new IdempotencyStore(deps.db);
  const idempotency = new Idempotency(idempotencyStore, deps.clock);
  registerMessageRoutes(app, { db: deps.db, clock: deps.clock, submitter: deps.submitter, queries: deps.queries, idempotency, guard: deps.guard, preHandler });
  registerAccountRoutes(app, { db: deps.db, clock: deps.clock, prices: deps.prices, senders: deps.senders, preHandler });
  // Keys are kept a day; an hourly sweep drops older ones (on every node; the DELETE is idempotent).
  const sweep = setInterval(() => void idempotencyStore.deleteOlderThan(new Date(deps.clock.now().getTime() - KEY_LIFETIME_MS)).catch(() => undefined), 3600_000);
  sweep.unref();
  return {
    stop: async () => {
      clearInterval(sweep);
      await usage.stop();
    },
  };
}
