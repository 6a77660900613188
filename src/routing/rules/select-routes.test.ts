import { describe, expect, it } from 'vitest';
import { pickVendor, type Route, type RouteQuery, selectRoutes } from './select-routes.ts';

const route = (id: number, more: Partial<Route> = {}): Route => ({
  id,
  name: `r${id}`,
  clientId: null,
  destinationId: null,
  priority: 100,
  poolId: 1,
  filterSenders: [],
  filterPrefixes: [],
  filterText: [],
  rerouteCodes: [],
  enabled: true,
  ...more,
});
const q = (more: Partial<RouteQuery> = {}): RouteQuery => ({ clientId: 7, destinationId: 10, source: 'Shop', destination: '380671234567', text: 'Your code is 1234', ...more });
const ids = (routes: readonly Route[], query = q()) => selectRoutes(routes, query).map((r) => r.id);

describe('selectRoutes', () => {
  it.each<[string, Route[], RouteQuery, number[]]>([
    ['a general route for any destination matches', [route(1)], q(), [1]],
    ['a disabled route is skipped', [route(1, { enabled: false })], q(), []],
    ["another client's personal route is skipped", [route(1, { clientId: 8 })], q(), []],
    ['a route of another destination is skipped', [route(1, { destinationId: 11 })], q(), []],
    ['a message with no destination takes only routes for any destination', [route(1, { destinationId: 10 }), route(2)], q({ destinationId: undefined }), [2]],
    ['lower priority first', [route(1, { priority: 20 }), route(2, { priority: 10 })], q(), [2, 1]],
    ['a general route with a better priority beats a personal one', [route(1, { clientId: 7, priority: 50 }), route(2, { priority: 10 })], q(), [2, 1]],
    ['on a tie the personal route goes first', [route(1, { priority: 10 }), route(2, { clientId: 7, priority: 10 })], q(), [2, 1]],
    ['on a full tie the lower id goes first', [route(3), route(2)], q(), [2, 3]],
    ['sender filter: one of the values, case-insensitive', [route(1, { filterSenders: ['bank', 'SHOP'] })], q(), [1]],
    ['sender filter: no value matches', [route(1, { filterSenders: ['Bank'] })], q(), []],
    ['prefix filter: the number starts with one of them', [route(1, { filterPrefixes: ['38050', '38067'] })], q(), [1]],
    ['prefix filter: a leading + in the filter is ignored', [route(1, { filterPrefixes: ['+38067'] })], q(), [1]],
    ['prefix filter: none matches', [route(1, { filterPrefixes: ['38050'] })], q(), []],
    ['text filter: contains one of the values, case-insensitive', [route(1, { filterText: ['promo', 'CODE'] })], q(), [1]],
    ['text filter: none contained', [route(1, { filterText: ['promo'] })], q(), []],
    ['all filters must match: sender and prefix match, text does not', [route(1, { filterSenders: ['Shop'], filterPrefixes: ['380'], filterText: ['promo'] })], q(), []],
    ['all filters match', [route(1, { filterSenders: ['Shop'], filterPrefixes: ['380'], filterText: ['code'] })], q(), [1]],
  ])('%s', (_name, routes, query, expected) => {
    expect(ids(routes, query)).toEqual(expected);
  });

  it('orders a mixed table for failover', () => {
    const routes = [
      route(1, { priority: 100 }),
      route(2, { clientId: 7, destinationId: 10, priority: 10, filterSenders: ['Shop'] }),
      route(3, { clientId: 7, priority: 100 }),
      route(4, { destinationId: 10, priority: 50 }),
      route(5, { clientId: 9, priority: 1 }),
      route(6, { destinationId: 10, priority: 10 }),
    ];
    expect(ids(routes)).toEqual([2, 6, 4, 3, 1]);
  });
});

describe('pickVendor', () => {
  const pool = [
    { vendorId: 1, weight: 70 },
    { vendorId: 2, weight: 0 },
    { vendorId: 3, weight: 30 },
  ];
  it.each<[string, { vendorId: number; weight: number }[], number, number | undefined]>([
    ['0 picks the first weighted member', pool, 0, 1],
    ['inside the first 70 %', pool, 0.6999, 1],
    ['at 70 % the next weighted member (weight 0 skipped)', pool, 0.7, 3],
    ['near 1', pool, 0.9999, 3],
    ['1 itself stays in range', pool, 1, 3],
    ['a single member at 100 %', [{ vendorId: 5, weight: 100 }], 0.5, 5],
    ['weights that do not sum to 100 are shares of their total', [{ vendorId: 1, weight: 1 }, { vendorId: 2, weight: 3 }], 0.3, 2],
    ['only zero weights: nobody', [{ vendorId: 1, weight: 0 }], 0.5, undefined],
    ['an empty pool: nobody', [], 0.5, undefined],
  ])('%s', (_name, members, random, expected) => {
    expect(pickVendor(members, random)).toBe(expected);
  });

  it('never picks a member of weight 0 and follows the weights', () => {
    const counts = new Map<number, number>();
    for (let i = 0; i < 1000; i++) {
      const v = pickVendor(pool, i / 1000);
      counts.set(v ?? -1, (counts.get(v ?? -1) ?? 0) + 1);
    }
    expect(Object.fromEntries(counts)).toEqual({ 1: 700, 3: 300 });
  });
});
