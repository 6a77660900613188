import type { FastifyInstance } from 'fastify';
import { registerClientAccessRoutes } from '../accounts/client-access.http.ts';
import { registerPaymentRoutes } from '../billing/payments.http.ts';
import { registerPriceRoutes } from '../billing/prices.http.ts';
import { registerBlacklistRoutes } from '../policy/blacklist.http.ts';
import { registerPolicySettingsRoutes } from '../policy/policy-settings.http.ts';
import { registerSenderRoutes } from '../policy/senders.http.ts';
import { registerDestinationRoutes } from './destinations.http.ts';
import type { MessagePathDeps } from './message-path-deps.ts';
import { registerMoNumberRoutes } from './mo-numbers.http.ts';
import { registerPoolRoutes } from './pools.http.ts';
import { registerRouteRoutes } from './routes.http.ts';
import { registerVendorRoutes } from './vendors.http.ts';

/**
 * The configuration the message path consults, as admin API: destinations, vendors, pools,
 * routes, MO numbers (routing); prices, payments and ledger (billing); sender names, deny-list,
 * blacklist, policy settings (policy); a client's SMPP & API access (accounts).
 */
export function registerMessagePathConfig(app: FastifyInstance, deps: MessagePathDeps): void {
  // A scope of their own, so that the hook runs for these routes only, not for every request.
  void app.register(async (scope) => {
    const changed = deps.onConfigChanged;
    if (changed) {
      // Every successful change under these paths reaches this node's caches at once (other nodes see it within their TTL).
      scope.addHook('onResponse', (request, reply, done) => {
        const url = request.routeOptions.url ?? '';
        if (request.method !== 'GET' && request.method !== 'HEAD' && reply.statusCode < 400 && CACHED_CONFIG.some((p) => url.startsWith(p))) changed();
        done();
      });
    }
    registerDestinationRoutes(scope, deps);
    registerVendorRoutes(scope, deps);
    registerPoolRoutes(scope, deps);
    registerRouteRoutes(scope, deps);
    registerMoNumberRoutes(scope, deps);
    registerPriceRoutes(scope, deps);
    registerPaymentRoutes(scope, deps);
    registerSenderRoutes(scope, deps);
    registerBlacklistRoutes(scope, deps);
    registerPolicySettingsRoutes(scope, deps);
    registerClientAccessRoutes(scope, deps);
  });
}

/** The admin paths whose data intake's RoutingCache and dispatch's caches hold. */
const CACHED_CONFIG = ['/api/admin/destinations', '/api/admin/vendors', '/api/admin/pools', '/api/admin/routes', '/api/admin/settings/policy', '/api/admin/sender-denylist'];
