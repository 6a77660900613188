import { Decimal } from 'decimal.js';
import { type Kysely, sql } from 'kysely';
import type { RoutingTables } from '../routing/tables.ts';
import type { BillingTables } from './tables.ts';

type Db = Kysely<BillingTables & Pick<RoutingTables, 'destinations'>>;

/** One row of a client's price history for a destination. */
export interface PriceEntry {
  readonly id: number;
  readonly destinationId: number;
  readonly price: Decimal;
  readonly effectiveFrom: Date;
  readonly createdBy: string;
  readonly createdAt: Date;
}

/** The prices of one destination as the Prices tab shows them: in force now, and scheduled. */
export interface DestinationPrices {
  readonly destinationId: number;
  readonly destinationName: string;
  readonly country: string;
  readonly current: PriceEntry | null;
  readonly scheduled: PriceEntry[];
}

const toEntry = (r: { id: number; destination_id: number; price: string; effective_from: Date; created_by: string; created_at: Date }): PriceEntry => ({
  id: r.id,
  destinationId: r.destination_id,
  price: new Decimal(r.price),
  effectiveFrom: r.effective_from,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

/** Client prices per destination, with their history and future effective dates (SQL only). */
export class PriceStore {
  constructor(private readonly db: Db) {}

  in(trx: Db): PriceStore {
    return new PriceStore(trx);
  }

  /** Adds a price row: in force from `effectiveFrom` (now, or later to schedule it). History is never rewritten. */
  async setPrice(p: { clientId: number; destinationId: number; price: Decimal; effectiveFrom: Date; createdBy: string }): Promise<PriceEntry> {
    const r = await this.db
      .insertInto('client_prices')
      .values({ client_id: p.clientId, destination_id: p.destinationId, price: p.price.toFixed(), effective_from: p.effectiveFrom, created_by: p.createdBy })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toEntry(r);
  }

  /** For intake: the client's price in force at `at` for each of the destinations that has one (one query). */
  async currentPrices(clientId: number, destinationIds: readonly number[], at: Date): Promise<Map<number, Decimal>> {
    const all = await this.currentPricesOf([clientId], destinationIds, at);
    return all.get(clientId) ?? new Map();
  }

  /** The same for a batch of several clients: client id → destination id → price (one query). */
  async currentPricesOf(clientIds: readonly number[], destinationIds: readonly number[], at: Date): Promise<Map<number, Map<number, Decimal>>> {
    const out = new Map<number, Map<number, Decimal>>();
    if (clientIds.length === 0 || destinationIds.length === 0) return out;
    const rows = await this.db
      .selectFrom('client_prices')
      .distinctOn(['client_id', 'destination_id'])
      .select(['client_id', 'destination_id', 'price'])
      .where('client_id', 'in', [...new Set(clientIds)])
      .where('destination_id', 'in', [...new Set(destinationIds)])
      .where('effective_from', '<=', at)
      .orderBy('client_id')
      .orderBy('destination_id')
      .orderBy('effective_from', 'desc')
      .orderBy('id', 'desc')
      .execute();
    for (const r of rows) {
      const m = out.get(r.client_id) ?? new Map<number, Decimal>();
      m.set(r.destination_id, new Decimal(r.price));
      out.set(r.client_id, m);
    }
    return out;
  }

  /** Every destination the client has a price for: the one in force at `at` and the scheduled ones. */
  async pricesOf(clientId: number, at: Date): Promise<DestinationPrices[]> {
    const rows = await this.db
      .selectFrom('client_prices as p')
      .innerJoin('destinations as d', 'd.id', 'p.destination_id')
      .selectAll('p')
      .select(['d.name as destination_name', 'd.country'])
      .where('p.client_id', '=', clientId)
      // rows in force or scheduled: drop those replaced by a later row that is itself in force
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('client_prices as q')
              .select('q.id')
              .whereRef('q.client_id', '=', 'p.client_id')
              .whereRef('q.destination_id', '=', 'p.destination_id')
              .where('q.effective_from', '<=', at)
              .where(sql<boolean>`(q.effective_from, q.id) > (p.effective_from, p.id)`),
          ),
        ),
      )
      .orderBy('d.country')
      .orderBy('d.name')
      .orderBy('p.effective_from')
      .orderBy('p.id')
      .execute();
    const byDestination = new Map<number, DestinationPrices & { scheduled: PriceEntry[] }>();
    for (const r of rows) {
      const entry = toEntry(r);
      let d = byDestination.get(r.destination_id);
      if (!d) {
        d = { destinationId: r.destination_id, destinationName: r.destination_name, country: r.country, current: null, scheduled: [] };
        byDestination.set(r.destination_id, d);
      }
      if (entry.effectiveFrom.getTime() <= at.getTime()) byDestination.set(r.destination_id, { ...d, current: entry });
      else d.scheduled.push(entry);
    }
    return [...byDestination.values()];
  }

  /** Every price row of the client (of one destination, when given), newest effective date first. */
  async history(clientId: number, destinationId?: number): Promise<(PriceEntry & { destinationName: string })[]> {
    let q = this.db
      .selectFrom('client_prices as p')
      .innerJoin('destinations as d', 'd.id', 'p.destination_id')
      .selectAll('p')
      .select('d.name as destination_name')
      .where('p.client_id', '=', clientId);
    if (destinationId !== undefined) q = q.where('p.destination_id', '=', destinationId);
    const rows = await q.orderBy('p.effective_from', 'desc').orderBy('p.id', 'desc').limit(5000).execute();
    return rows.map((r) => ({ ...toEntry(r), destinationName: r.destination_name }));
  }
}
