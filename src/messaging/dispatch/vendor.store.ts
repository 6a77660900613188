import { type Kysely, sql } from 'kysely';
import type { Database } from '../../database.ts';
import { type Vendor, VendorStore } from '../../routing/vendor.store.ts';

/** A vendor as the dispatcher uses it: the routing module's record (routing owns the vendors table). */
export type VendorConfig = Vendor;

/** The enabled vendors, read through the routing module's store. */
export function loadEnabledVendors(db: Kysely<Database>): Promise<VendorConfig[]> {
  return new VendorStore(db).listForDispatch();
}

/** Whether a change needs the binds made again (anything the connection itself depends on). */
export function connectionChanged(a: VendorConfig, b: VendorConfig): boolean {
  return (
    a.host !== b.host ||
    a.port !== b.port ||
    a.tls !== b.tls ||
    a.systemId !== b.systemId ||
    a.password !== b.password ||
    a.systemType !== b.systemType ||
    a.bindType !== b.bindType ||
    a.sessions !== b.sessions ||
    a.windowSize !== b.windowSize ||
    a.enquireLinkSeconds !== b.enquireLinkSeconds
  );
}

/**
 * Messages this vendor sent since `since` (the start of the day its daily limit counts), read once
 * when a dispatcher starts; the dispatcher counts on from there.
 */
export async function countSentSince(db: Kysely<Database>, vendorId: number, since: Date): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM messages WHERE vendor_id = ${vendorId} AND sent_at >= ${since}`.execute(db);
  return rows[0]?.n ?? 0;
}
