import type { Kysely } from 'kysely';
import { DestinationStore } from './destination.store.ts';
import type { RoutingTables } from './tables.ts';
import { worldDestinations } from './world-destinations.ts';

/**
 * Puts the default world table in (worldDestinations): idempotent, rows already there (same
 * country, MCC and MNC) are left as the operator made them. Returns how many were added.
 */
export async function seedWorldDestinations(db: Kysely<RoutingTables>): Promise<{ created: number; existing: number }> {
  const rows = worldDestinations();
  return db.transaction().execute(async (trx) => {
    const store = new DestinationStore(trx);
    let created = 0;
    for (let i = 0; i < rows.length; i += 500) created += await store.insertMissing(rows.slice(i, i + 500));
    return { created, existing: rows.length - created };
  });
}
