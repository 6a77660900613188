import { sql } from 'kysely';
import type { Destination } from '../../routing/rules/resolve-destination.ts';
import type { PoolMember, Route } from '../../routing/rules/select-routes.ts';
import type { Db } from './intake.store.ts';
import { buildRoutingSnapshot, type RoutingSnapshot } from './rules/routing-snapshot.ts';

export interface PolicySettings {
  readonly testDailyQuota: number;
  readonly senderDenylist: readonly string[];
}

/**
 * Destinations, routes, pools and the platform's policy settings, read at most once per `ttlMs`
 * (and again after `invalidate()`, which the admin API calls when it changes them): a batch
 * never waits for them, and a change is seen within the TTL on every node.
 */
export class RoutingCache {
  private current: { snapshot: RoutingSnapshot; policy: PolicySettings; loadedAt: number } | undefined;
  private loading: Promise<{ snapshot: RoutingSnapshot; policy: PolicySettings }> | undefined;
  private version = 0;

  constructor(
    private readonly db: Db,
    private readonly ttlMs = 2_000,
  ) {}

  invalidate(): void {
    this.version++;
    this.current = undefined;
  }

  async get(): Promise<{ snapshot: RoutingSnapshot; policy: PolicySettings }> {
    if (this.current && Date.now() - this.current.loadedAt < this.ttlMs) return this.current;
    if (!this.loading) {
      const version = this.version;
      this.loading = this.load().then(
        (loaded) => {
          this.loading = undefined;
          if (version === this.version) this.current = { ...loaded, loadedAt: Date.now() };
          return loaded;
        },
        (err: unknown) => {
          this.loading = undefined;
          throw err;
        },
      );
    }
    return this.loading;
  }

  private async load(): Promise<{ snapshot: RoutingSnapshot; policy: PolicySettings }> {
    const destinations = await sql<{ id: number; country: string; name: string; network: string | null; mcc: string | null; mnc: string | null; prefixes: string[] }>`
      SELECT id, country, name, network, mcc, mnc, prefixes FROM destinations`.execute(this.db);
    const routes = await sql<{ id: number; name: string; client_id: number | null; destination_id: number | null; priority: number; pool_id: number; filter_senders: string[]; filter_prefixes: string[]; filter_text: string[]; reroute_codes: number[]; enabled: boolean }>`
      SELECT id, name, client_id, destination_id, priority, pool_id, filter_senders, filter_prefixes, filter_text, reroute_codes, enabled FROM routes WHERE enabled`.execute(this.db);
    // A disabled vendor is out of its pools; a soft-blocked one stays (its messages wait).
    const members = await sql<{ pool_id: number; vendor_id: number; weight: number }>`
      SELECT m.pool_id, m.vendor_id, m.weight FROM pool_members m JOIN vendors v ON v.id = m.vendor_id WHERE v.enabled ORDER BY m.pool_id, m.vendor_id`.execute(this.db);
    const settings = await sql<{ test_daily_quota: number }>`SELECT test_daily_quota FROM policy_settings WHERE id = 1`.execute(this.db);
    const denylist = await sql<{ pattern: string }>`SELECT pattern FROM sender_denylist`.execute(this.db);

    const pools = new Map<number, PoolMember[]>();
    for (const m of members.rows) {
      const list = pools.get(Number(m.pool_id)) ?? [];
      list.push({ vendorId: Number(m.vendor_id), weight: m.weight });
      pools.set(Number(m.pool_id), list);
    }
    const snapshot = buildRoutingSnapshot(
      destinations.rows.map((d): Destination => ({ ...d, id: Number(d.id), prefixes: d.prefixes ?? [] })),
      routes.rows.map(
        (r): Route => ({
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
        }),
      ),
      pools,
    );
    return { snapshot, policy: { testDailyQuota: settings.rows[0]?.test_daily_quota ?? 0, senderDenylist: denylist.rows.map((r) => r.pattern) } };
  }
}
