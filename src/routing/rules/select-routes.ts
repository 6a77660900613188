/** A route: which messages (client, destination, filters) go to which pool, in what order. */
export interface Route {
  readonly id: number;
  readonly name: string;
  /** null = a general route, for every client. */
  readonly clientId: number | null;
  /** null = every destination. */
  readonly destinationId: number | null;
  /** Lower wins. */
  readonly priority: number;
  readonly poolId: number;
  /** Each list empty = no filter; otherwise one of its values must match (case-insensitive). */
  readonly filterSenders: readonly string[];
  readonly filterPrefixes: readonly string[];
  readonly filterText: readonly string[];
  /** Vendor error codes that move a message on this route to the next one. */
  readonly rerouteCodes: readonly number[];
  readonly enabled: boolean;
}

export interface RouteQuery {
  readonly clientId: number;
  readonly destinationId: number | undefined;
  /** The sender name (source address). */
  readonly source: string;
  /** E.164 digits without '+'. */
  readonly destination: string;
  readonly text: string;
}

/**
 * The routes a message may take, in failover order: enabled general routes and this client's
 * personal ones whose destination is the message's (or any) and whose every filter matches,
 * ordered by priority (lower first); on a tie a personal route goes first, then the lower id.
 * Personal beats general only by priority, as operators expect.
 */
export function selectRoutes(routes: readonly Route[], q: RouteQuery): Route[] {
  return routes.filter((r) => matches(r, q)).sort(failoverOrder);
}

function matches(r: Route, q: RouteQuery): boolean {
  if (!r.enabled) return false;
  if (r.clientId !== null && r.clientId !== q.clientId) return false;
  if (r.destinationId !== null && r.destinationId !== q.destinationId) return false;
  const number = q.destination.startsWith('+') ? q.destination.slice(1) : q.destination;
  const source = q.source.toLowerCase();
  const text = r.filterText.length ? q.text.toLowerCase() : '';
  return (
    (r.filterSenders.length === 0 || r.filterSenders.some((s) => s.toLowerCase() === source)) &&
    (r.filterPrefixes.length === 0 || r.filterPrefixes.some((p) => number.startsWith(p.startsWith('+') ? p.slice(1) : p))) &&
    (r.filterText.length === 0 || r.filterText.some((t) => text.includes(t.toLowerCase())))
  );
}

function failoverOrder(a: Route, b: Route): number {
  const general = (r: Route) => (r.clientId === null ? 1 : 0);
  return a.priority - b.priority || general(a) - general(b) || a.id - b.id;
}

export interface PoolMember {
  readonly vendorId: number;
  /** Percent; the members of a pool sum to 100. 0 = never picked (kept for later). */
  readonly weight: number;
}

/**
 * One vendor of a pool by weight: `random` (0 ≤ random < 1) falls into a member's share of the
 * total weight. Undefined when no member has weight.
 */
export function pickVendor(members: readonly PoolMember[], random: number): number | undefined {
  const total = members.reduce((sum, m) => sum + Math.max(0, m.weight), 0);
  if (total <= 0) return undefined;
  let point = Math.min(Math.max(random, 0), 1) * total;
  let last: number | undefined;
  for (const m of members) {
    if (m.weight <= 0) continue;
    last = m.vendorId;
    if (point < m.weight) return m.vendorId;
    point -= m.weight;
  }
  return last; // random = 1 (or rounding) lands past the end: the last weighted member
}
