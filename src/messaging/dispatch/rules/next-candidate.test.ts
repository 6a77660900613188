import { describe, expect, it } from 'vitest';
import type { PoolMember, Route } from '../../../routing/rules/select-routes.ts';
import { nextCandidate, type RerouteQuery } from './next-candidate.ts';

const route = (id: number, poolId: number, over: Partial<Route> = {}): Route => ({
  id,
  name: `r${id}`,
  clientId: null,
  destinationId: null,
  priority: id,
  poolId,
  filterSenders: [],
  filterPrefixes: [],
  filterText: [],
  rerouteCodes: [],
  enabled: true,
  ...over,
});
const pools = new Map<number, PoolMember[]>([
  [1, [{ vendorId: 10, weight: 100 }]],
  [2, [
    { vendorId: 20, weight: 50 },
    { vendorId: 21, weight: 50 },
  ]],
  [3, [{ vendorId: 30, weight: 100 }]],
]);
const q = (over: Partial<RerouteQuery> = {}): RerouteQuery => ({
  clientId: 7,
  destinationId: 100,
  countryDestinationId: 99,
  source: 'Shop',
  destination: '380501234567',
  text: 'hi',
  routeId: 1,
  triedVendors: new Set([10]),
  ...over,
});

describe('nextCandidate', () => {
  const routes = [route(1, 1), route(2, 2), route(3, 3)];

  it('takes the next route in failover order', () => {
    expect(nextCandidate(routes, pools, q(), 0)).toEqual({ routeId: 2, vendorId: 20 });
  });

  it('tries the other vendors of a pool before the next route', () => {
    expect(nextCandidate(routes, pools, q({ routeId: 2, triedVendors: new Set([10, 20]) }), 0)).toEqual({ routeId: 2, vendorId: 21 });
  });

  it('skips routes whose vendors were all tried, and ends when none is left', () => {
    expect(nextCandidate(routes, pools, q({ routeId: 2, triedVendors: new Set([10, 20, 21]) }), 0)).toEqual({ routeId: 3, vendorId: 30 });
    expect(nextCandidate(routes, pools, q({ routeId: 3, triedVendors: new Set([10, 20, 21, 30]) }), 0)).toBeUndefined();
  });

  it('lets a route for the whole country serve a network destination', () => {
    const country = [route(1, 1), route(2, 2, { destinationId: 99 })];
    expect(nextCandidate(country, pools, q(), 0.9)).toEqual({ routeId: 2, vendorId: 21 });
  });

  it('ignores routes of other clients and routes whose filters do not match', () => {
    const other = [route(1, 1), route(2, 2, { clientId: 8 }), route(3, 3, { filterSenders: ['Bank'] })];
    expect(nextCandidate(other, pools, q(), 0)).toBeUndefined();
  });
});
