import { type Kysely, type Selectable, sql } from 'kysely';
import { containsPattern } from '../accounts/rules/client-list-query.ts';
import type { Destination } from './rules/resolve-destination.ts';
import type { DestinationsTable, RoutingTables } from './tables.ts';

type Db = Kysely<RoutingTables>;

export interface DestinationRecord extends Destination {
  readonly createdAt: Date;
}

export type DestinationInput = Omit<Destination, 'id'>;

const toDestination = (r: Selectable<DestinationsTable>): DestinationRecord => ({
  id: r.id,
  country: r.country,
  name: r.name,
  network: r.network,
  mcc: r.mcc,
  mnc: r.mnc,
  prefixes: r.prefixes,
  createdAt: r.created_at,
});

const values = (d: DestinationInput) => ({ country: d.country, name: d.name, network: d.network, mcc: d.mcc, mnc: d.mnc, prefixes: [...d.prefixes] });

/** The unique key of a destination: (country, mcc, mnc), NULLs as ''. */
const networkKey = sql`country, coalesce(mcc, ''), coalesce(mnc, '')`; // Kysely adds the parentheses
export const DESTINATION_KEY = 'destinations_network_key';

/** Destinations: countries and their networks, with the number prefixes that lead to them. */
export class DestinationStore {
  constructor(private readonly db: Db) {}

  in(trx: Db): DestinationStore {
    return new DestinationStore(trx);
  }

  /** Every destination, for the routing snapshot of intake. */
  async all(): Promise<DestinationRecord[]> {
    const rows = await this.db.selectFrom('destinations').selectAll().orderBy('id').execute();
    return rows.map(toDestination);
  }

  async page(q: { search?: string | undefined; country?: string | undefined; page: number; pageSize: number }): Promise<{ items: DestinationRecord[]; total: number }> {
    let base = this.db.selectFrom('destinations');
    if (q.country) base = base.where('country', '=', q.country);
    if (q.search) {
      const like = containsPattern(q.search);
      const digits = q.search.replace(/^\+/, '');
      base = base.where((eb) =>
        eb.or([
          eb('name', 'ilike', like),
          eb('network', 'ilike', like),
          eb(sql<string>`mcc || '-' || coalesce(mnc, '')`, 'like', like),
          ...(/^\d+$/.test(digits) ? [eb(sql<boolean>`EXISTS (SELECT 1 FROM unnest(prefixes) p WHERE p LIKE ${`${digits}%`} OR ${digits} LIKE p || '%')`, '=', true)] : []),
        ]),
      );
    }
    const [rows, count] = await Promise.all([
      base.selectAll().orderBy('country').orderBy(sql`mnc IS NOT NULL`).orderBy('name').orderBy('id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(toDestination), total: Number(count.n) };
  }

  async findById(id: number): Promise<DestinationRecord | undefined> {
    const r = await this.db.selectFrom('destinations').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toDestination(r);
  }

  async findByIds(ids: readonly number[]): Promise<DestinationRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.selectFrom('destinations').selectAll().where('id', 'in', [...ids]).execute();
    return rows.map(toDestination);
  }

  async insert(d: DestinationInput): Promise<DestinationRecord> {
    return toDestination(await this.db.insertInto('destinations').values(values(d)).returningAll().executeTakeFirstOrThrow());
  }

  async update(id: number, d: DestinationInput): Promise<DestinationRecord | undefined> {
    const r = await this.db.updateTable('destinations').set(values(d)).where('id', '=', id).returningAll().executeTakeFirst();
    return r && toDestination(r);
  }

  async delete(id: number): Promise<boolean> {
    const r = await this.db.deleteFrom('destinations').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  /** Inserts or updates by (country, mcc, mnc); tells which rows were new. */
  async upsert(rows: readonly DestinationInput[]): Promise<{ id: number; inserted: boolean }[]> {
    if (rows.length === 0) return [];
    const out = await this.db
      .insertInto('destinations')
      .values(rows.map(values))
      .onConflict((oc) => oc.expression(networkKey).doUpdateSet((eb) => ({ name: eb.ref('excluded.name'), network: eb.ref('excluded.network'), prefixes: eb.ref('excluded.prefixes') })))
      .returning(['id', sql<boolean>`xmax = 0`.as('inserted')])
      .execute();
    return out.map((r) => ({ id: r.id, inserted: Boolean(r.inserted) }));
  }

  /** Inserts the rows whose (country, mcc, mnc) is not there yet, leaving operators' edits alone; returns how many. */
  async insertMissing(rows: readonly DestinationInput[]): Promise<number> {
    if (rows.length === 0) return 0;
    const out = await this.db.insertInto('destinations').values(rows.map(values)).onConflict((oc) => oc.expression(networkKey).doNothing()).returning('id').execute();
    return out.length;
  }
}
