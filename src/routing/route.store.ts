import { type Insertable, type Kysely, type Selectable, sql } from 'kysely';
import type { AccountsTables } from '../accounts/tables.ts';
import type { Route } from './rules/select-routes.ts';
import type { RoutesTable, RoutingTables } from './tables.ts';

type Db = Kysely<RoutingTables & Pick<AccountsTables, 'clients'>>;

export interface RouteRecord extends Route {
  readonly createdAt: Date;
}

export type RouteInput = Omit<Route, 'id'>;

const toRoute = (r: Selectable<RoutesTable>): RouteRecord => ({
  id: r.id,
  name: r.name,
  clientId: r.client_id,
  destinationId: r.destination_id,
  priority: r.priority,
  poolId: r.pool_id,
  filterSenders: r.filter_senders,
  filterPrefixes: r.filter_prefixes,
  filterText: r.filter_text,
  rerouteCodes: r.reroute_codes,
  enabled: r.enabled,
  createdAt: r.created_at,
});

const columns = (r: Partial<RouteInput>) => ({
  ...(r.name !== undefined && { name: r.name }),
  ...(r.clientId !== undefined && { client_id: r.clientId }),
  ...(r.destinationId !== undefined && { destination_id: r.destinationId }),
  ...(r.priority !== undefined && { priority: r.priority }),
  ...(r.poolId !== undefined && { pool_id: r.poolId }),
  ...(r.filterSenders !== undefined && { filter_senders: [...r.filterSenders] }),
  ...(r.filterPrefixes !== undefined && { filter_prefixes: [...r.filterPrefixes] }),
  ...(r.filterText !== undefined && { filter_text: [...r.filterText] }),
  ...(r.rerouteCodes !== undefined && { reroute_codes: [...r.rerouteCodes] }),
  ...(r.enabled !== undefined && { enabled: r.enabled }),
});

/** Routes: general (client_id NULL) and personal ones (SQL only). */
export class RouteStore {
  constructor(private readonly db: Db) {}

  in(trx: Db): RouteStore {
    return new RouteStore(trx);
  }

  /** Every route, for the routing snapshot of intake (selectRoutes filters and orders them). */
  async all(): Promise<RouteRecord[]> {
    return (await this.db.selectFrom('routes').selectAll().orderBy('priority').orderBy('id').execute()).map(toRoute);
  }

  async list(filter: { clientId?: number | null | undefined; destinationId?: number | undefined }): Promise<RouteRecord[]> {
    let q = this.db.selectFrom('routes').selectAll();
    if (filter.clientId === null) q = q.where('client_id', 'is', null);
    else if (filter.clientId !== undefined) q = q.where('client_id', '=', filter.clientId);
    if (filter.destinationId !== undefined) q = q.where('destination_id', '=', filter.destinationId);
    return (await q.orderBy('priority').orderBy(sql`client_id IS NULL`).orderBy('id').execute()).map(toRoute);
  }

  /** The routes that can serve a client: its personal ones and the general ones, in failover order. */
  async forClient(clientId: number): Promise<RouteRecord[]> {
    const rows = await this.db
      .selectFrom('routes')
      .selectAll()
      .where((eb) => eb.or([eb('client_id', '=', clientId), eb('client_id', 'is', null)]))
      .orderBy('priority')
      .orderBy(sql`client_id IS NULL`)
      .orderBy('id')
      .execute();
    return rows.map(toRoute);
  }

  async findById(id: number): Promise<RouteRecord | undefined> {
    const r = await this.db.selectFrom('routes').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toRoute(r);
  }

  async insert(r: RouteInput): Promise<RouteRecord> {
    return toRoute(await this.db.insertInto('routes').values(columns(r) as Insertable<RoutesTable>).returningAll().executeTakeFirstOrThrow());
  }

  async update(id: number, patch: Partial<RouteInput>): Promise<RouteRecord | undefined> {
    const set = columns(patch);
    if (Object.keys(set).length === 0) return this.findById(id);
    const r = await this.db.updateTable('routes').set(set).where('id', '=', id).returningAll().executeTakeFirst();
    return r && toRoute(r);
  }

  async delete(id: number): Promise<boolean> {
    const r = await this.db.deleteFrom('routes').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  /** Which of a route's references are missing, by field name. */
  async missingReferences(r: { clientId?: number | null | undefined; destinationId?: number | null | undefined; poolId?: number | undefined }): Promise<string[]> {
    const found = await this.db
      .selectNoFrom((eb) => [
        r.clientId ? eb.exists(eb.selectFrom('clients').select('id').where('id', '=', r.clientId)).as('client') : sql<boolean>`true`.as('client'),
        r.destinationId ? eb.exists(eb.selectFrom('destinations').select('id').where('id', '=', r.destinationId)).as('destination') : sql<boolean>`true`.as('destination'),
        r.poolId ? eb.exists(eb.selectFrom('pools').select('id').where('id', '=', r.poolId)).as('pool') : sql<boolean>`true`.as('pool'),
      ])
      .executeTakeFirstOrThrow();
    return [...(found.client ? [] : ['clientId']), ...(found.destination ? [] : ['destinationId']), ...(found.pool ? [] : ['poolId'])];
  }
}
