import type { Kysely } from 'kysely';
import type { Database } from '../../database.ts';
import { triedVendors } from './dispatch.store.ts';
import type { RoutingView } from './routing-view.ts';
import { type Candidate, nextCandidate } from './rules/next-candidate.ts';

/** A message that a vendor would not take (or whose receipt says to try elsewhere). */
export interface RerouteSubject {
  readonly id: number;
  readonly clientId: number;
  readonly vendorId: number;
  readonly routeId: number | null;
  readonly destinationId: number | null;
  readonly country: string | null;
  readonly source: string;
  readonly destination: string;
  readonly text: string;
}

/** The reroute codes that apply to a message: its vendor's and its route's. */
export function rerouteCodesOf(view: RoutingView, vendorId: number, routeId: number | null): ReadonlySet<number> {
  const route = routeId === null ? undefined : view.routeById.get(routeId);
  return new Set([...(view.vendorRerouteCodes.get(vendorId) ?? []), ...(route?.rerouteCodes ?? [])]);
}

/** The next candidate of each subject (undefined: none left), skipping every vendor it went to. */
export async function findReroutes(trx: Kysely<Database>, view: RoutingView, subjects: readonly RerouteSubject[], random: () => number): Promise<Map<number, Candidate | undefined>> {
  const tried = await triedVendors(
    trx,
    subjects.map((s) => s.id),
  );
  const out = new Map<number, Candidate | undefined>();
  for (const s of subjects) {
    const vendors = new Set(tried.get(s.id) ?? []);
    vendors.add(s.vendorId);
    const countryDestinationId = s.country === null ? null : (view.countryRow.get(s.country) ?? null);
    out.set(
      s.id,
      nextCandidate(view.routes, view.pools, { clientId: s.clientId, destinationId: s.destinationId, countryDestinationId, source: s.source, destination: s.destination, text: s.text, routeId: s.routeId, triedVendors: vendors }, random()),
    );
  }
  return out;
}
