import type { Destination, DestinationIndex } from '../../../routing/rules/resolve-destination.ts';
import { buildDestinationIndex } from '../../../routing/rules/resolve-destination.ts';
import type { PoolMember, Route } from '../../../routing/rules/select-routes.ts';

/**
 * Destinations, routes and pools as intake reads them, built once per change (or TTL) and shared
 * by every batch. A route or price set for a whole country also serves its networks.
 */
export interface RoutingSnapshot {
  readonly index: DestinationIndex;
  /** The country-level row (no MNC) of each country. */
  readonly countryRow: ReadonlyMap<string, Destination>;
  readonly pools: ReadonlyMap<number, readonly PoolMember[]>;
  /** The routes that may serve a destination, with country routes rewritten to it (memoised). */
  routesFor(destination: Destination): readonly Route[];
}

export function buildRoutingSnapshot(destinations: readonly Destination[], routes: readonly Route[], pools: ReadonlyMap<number, readonly PoolMember[]>): RoutingSnapshot {
  const index = buildDestinationIndex(destinations);
  const countryRow = new Map<string, Destination>();
  for (const d of destinations) if (d.mnc === null && !countryRow.has(d.country)) countryRow.set(d.country, d);
  const memo = new Map<number, readonly Route[]>();
  const enabled = routes.filter((r) => r.enabled);
  return {
    index,
    countryRow,
    pools,
    routesFor(destination) {
      let found = memo.get(destination.id);
      if (found === undefined) {
        const country = countryRow.get(destination.country)?.id;
        found = enabled
          .filter((r) => r.destinationId === null || r.destinationId === destination.id || r.destinationId === country)
          .map((r) => (r.destinationId === country && country !== destination.id ? { ...r, destinationId: destination.id } : r));
        memo.set(destination.id, found);
      }
      return found;
    },
  };
}

/** The destination ids whose price may apply to a destination: its own, then its country's. */
export function priceKeys(snapshot: RoutingSnapshot, destination: Destination): readonly number[] {
  const country = snapshot.countryRow.get(destination.country);
  return country && country.id !== destination.id ? [destination.id, country.id] : [destination.id];
}
