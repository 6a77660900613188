import type { Kysely } from 'kysely';
import type { PoolMember } from './rules/select-routes.ts';
import type { RoutingTables } from './tables.ts';

type Db = Kysely<RoutingTables>;

/** A pool of vendors sharing a route's traffic by percentage weights. */
export interface Pool {
  readonly id: number;
  readonly name: string;
  readonly members: readonly (PoolMember & { readonly vendorName: string })[];
  readonly createdAt: Date;
}

export const POOL_NAME_KEY = 'pools_name_key';

/** Pools and their members (SQL only). */
export class PoolStore {
  constructor(private readonly db: Db) {}

  in(trx: Db): PoolStore {
    return new PoolStore(trx);
  }

  async list(): Promise<Pool[]> {
    const [pools, members] = await Promise.all([this.db.selectFrom('pools').selectAll().orderBy('name').execute(), this.memberRows()]);
    return pools.map((p) => ({ id: p.id, name: p.name, createdAt: p.created_at, members: members.filter((m) => m.pool_id === p.id).map(toMember) }));
  }

  async findById(id: number): Promise<Pool | undefined> {
    const [p, members] = await Promise.all([this.db.selectFrom('pools').selectAll().where('id', '=', id).executeTakeFirst(), this.memberRows(id)]);
    return p && { id: p.id, name: p.name, createdAt: p.created_at, members: members.map(toMember) };
  }

  /** Every pool's members, for the routing snapshot of intake. */
  async membersByPool(): Promise<Map<number, PoolMember[]>> {
    const rows = await this.db.selectFrom('pool_members').select(['pool_id', 'vendor_id', 'weight']).orderBy('pool_id').orderBy('vendor_id').execute();
    const out = new Map<number, PoolMember[]>();
    for (const r of rows) out.set(r.pool_id, [...(out.get(r.pool_id) ?? []), { vendorId: r.vendor_id, weight: r.weight }]);
    return out;
  }

  async insert(name: string): Promise<number> {
    const r = await this.db.insertInto('pools').values({ name }).returning('id').executeTakeFirstOrThrow();
    return r.id;
  }

  async rename(id: number, name: string): Promise<boolean> {
    const r = await this.db.updateTable('pools').set({ name }).where('id', '=', id).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /** Replaces a pool's members (call it in the transaction that checked them). */
  async setMembers(poolId: number, members: readonly PoolMember[]): Promise<void> {
    await this.db.deleteFrom('pool_members').where('pool_id', '=', poolId).execute();
    if (members.length) await this.db.insertInto('pool_members').values(members.map((m) => ({ pool_id: poolId, vendor_id: m.vendorId, weight: m.weight }))).execute();
  }

  async delete(id: number): Promise<boolean> {
    const r = await this.db.deleteFrom('pools').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  private memberRows(poolId?: number) {
    let q = this.db.selectFrom('pool_members as m').innerJoin('vendors as v', 'v.id', 'm.vendor_id').select(['m.pool_id', 'm.vendor_id', 'm.weight', 'v.name as vendor_name']);
    if (poolId !== undefined) q = q.where('m.pool_id', '=', poolId);
    return q.orderBy('m.weight', 'desc').orderBy('m.vendor_id').execute();
  }
}

const toMember = (m: { vendor_id: number; weight: number; vendor_name: string }) => ({ vendorId: m.vendor_id, weight: m.weight, vendorName: m.vendor_name });
