import { type PoolMember, type Route, pickVendor, selectRoutes } from '../../../routing/rules/select-routes.ts';

export interface RerouteQuery {
  readonly clientId: number;
  readonly destinationId: number | null;
  /** The id of the country-level destination of the message's country, when there is one. */
  readonly countryDestinationId: number | null;
  readonly source: string;
  readonly destination: string;
  readonly text: string;
  /** The route the message took last; null when unknown (then every route is a candidate). */
  readonly routeId: number | null;
  /** Vendors the message went to already. */
  readonly triedVendors: ReadonlySet<number>;
}

export interface Candidate {
  readonly routeId: number;
  readonly vendorId: number;
}

/**
 * The next route and vendor for a message a vendor would not take: the routes selectRoutes gives
 * in failover order, from the current one on, and in each the pool's vendors not tried yet (picked
 * by weight among them). A route for the whole country serves its networks, as at intake.
 * Undefined when none is left. Pure: `random` is passed in.
 */
export function nextCandidate(routes: readonly Route[], pools: ReadonlyMap<number, readonly PoolMember[]>, q: RerouteQuery, random: number): Candidate | undefined {
  const applicable = routes.map((r) => (q.countryDestinationId !== null && r.destinationId === q.countryDestinationId ? { ...r, destinationId: q.destinationId } : r));
  const ordered = selectRoutes(applicable, { clientId: q.clientId, destinationId: q.destinationId ?? undefined, source: q.source, destination: q.destination, text: q.text });
  const from = q.routeId === null ? 0 : Math.max(0, ordered.findIndex((r) => r.id === q.routeId));
  for (const route of ordered.slice(from)) {
    const untried = (pools.get(route.poolId) ?? []).filter((m) => !q.triedVendors.has(m.vendorId));
    const vendorId = pickVendor(untried, random);
    if (vendorId !== undefined) return { routeId: route.id, vendorId };
  }
  return undefined;
}
