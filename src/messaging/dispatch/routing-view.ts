import { type Kysely, sql } from 'kysely';
import type { Database } from '../../database.ts';
import type { PoolMember, Route } from '../../routing/rules/select-routes.ts';

/** Routes, pools and country rows as reroutes need them. */
export interface RoutingView {
  readonly routes: readonly Route[];
  readonly routeById: ReadonlyMap<number, Route>;
  readonly pools: ReadonlyMap<number, readonly PoolMember[]>;
  /** The country-level destination (no MNC) of each country. */
  readonly countryRow: ReadonlyMap<string, number>;
  /** Each vendor's reroute_codes. */
  readonly vendorRerouteCodes: ReadonlyMap<number, readonly number[]>;
}

/** Reads the routing tables at most once per `ttlMs`; reroutes are rare, so a small TTL costs little. */
export class RoutingViewCache {
  private current: { view: RoutingView; at: number } | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly ttlMs = 3_000,
  ) {}

  /** Forget the view: the next get() reads it again (the admin API changed routes or vendors). */
  invalidate(): void {
    this.current = undefined;
  }

  async get(): Promise<RoutingView> {
    if (this.current && Date.now() - this.current.at < this.ttlMs) return this.current.view;
    const view = await loadRoutingView(this.db);
    this.current = { view, at: Date.now() };
    return view;
  }
}

async function loadRoutingView(db: Kysely<Database>): Promise<RoutingView> {
  const routes = await sql<{ id: number; name: string; client_id: number | null; destination_id: number | null; priority: number; pool_id: number; filter_senders: string[]; filter_prefixes: string[]; filter_text: string[]; reroute_codes: number[]; enabled: boolean }>`
    SELECT id, name, client_id, destination_id, priority, pool_id, filter_senders, filter_prefixes, filter_text, reroute_codes, enabled FROM routes`.execute(db);
  const members = await sql<{ pool_id: number; vendor_id: number; weight: number }>`
    SELECT m.pool_id, m.vendor_id, m.weight FROM pool_members m JOIN vendors v ON v.id = m.vendor_id WHERE v.enabled ORDER BY m.pool_id, m.vendor_id`.execute(db);
  const vendors = await sql<{ id: number; reroute_codes: number[] | null }>`SELECT id, reroute_codes FROM vendors`.execute(db);
  const countries = await sql<{ id: number; country: string }>`SELECT id, country FROM destinations WHERE mnc IS NULL ORDER BY id DESC`.execute(db);
  const pools = new Map<number, PoolMember[]>();
  for (const m of members.rows) {
    const list = pools.get(Number(m.pool_id)) ?? [];
    list.push({ vendorId: Number(m.vendor_id), weight: m.weight });
    pools.set(Number(m.pool_id), list);
  }
  const list: Route[] = routes.rows.map((r) => ({
    id: Number(r.id),
    name: r.name,
    clientId: r.client_id === null ? null : Number(r.client_id),
    destinationId: r.destination_id === null ? null : Number(r.destination_id),
    priority: r.priority,
    poolId: Number(r.pool_id),
    filterSenders: r.filter_senders ?? [],
    filterPrefixes: r.filter_prefixes ?? [],
    filterText: r.filter_text ?? [],
    rerouteCodes: r.reroute_codes ?? [],
    enabled: r.enabled,
  }));
  return {
    routes: list,
    routeById: new Map(list.map((r) => [r.id, r])),
    pools,
    countryRow: new Map(countries.rows.map((c) => [c.country, Number(c.id)])),
    vendorRerouteCodes: new Map(vendors.rows.map((v) => [Number(v.id), v.reroute_codes ?? []])),
  };
}
