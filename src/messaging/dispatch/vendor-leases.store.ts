import { type Kysely, sql } from 'kysely';
import type { Database } from '../../database.ts';
import type { VendorBindStatus, VendorHolder } from '../../routing/vendor-bind-status.ts';

/**
 * Takes or renews this node's leases on the given vendors and answers the ones it holds now: a
 * vendor nobody holds, or whose holder's lease ran out (the node died or stalled), or that this
 * node holds already. One node at a time binds and sends for a vendor. Times are the database's,
 * so nodes whose clocks disagree still agree on when a lease ends. Each lease this node holds
 * carries its binds' live state (`bindsOf`, none for a vendor it is only taking now), so any node
 * can show them.
 */
export async function holdVendorLeases(
  db: Kysely<Database>,
  nodeId: string,
  vendorIds: readonly number[],
  leaseMs: number,
  bindsOf: (vendorId: number) => readonly VendorBindStatus[] = () => [],
): Promise<Set<number>> {
  if (vendorIds.length === 0) return new Set();
  const { rows } = await sql<{ vendor_id: number }>`
    INSERT INTO vendor_leases (vendor_id, node_id, until, binds)
    SELECT v, ${nodeId}, clock_timestamp() + make_interval(secs => ${leaseMs / 1000}), b
    FROM unnest(${vendorIds}::bigint[], ${vendorIds.map((id) => JSON.stringify(bindsOf(id)))}::jsonb[]) AS x(v, b)
    ON CONFLICT (vendor_id) DO UPDATE SET node_id = EXCLUDED.node_id, until = EXCLUDED.until, binds = EXCLUDED.binds
      WHERE vendor_leases.node_id = EXCLUDED.node_id OR vendor_leases.until < clock_timestamp()
    RETURNING vendor_id`.execute(db);
  return new Set(rows.map((r) => Number(r.vendor_id)));
}

/** Lets this node's vendors go at once (a clean stop), so another node takes them without waiting. */
export async function releaseVendorLeases(db: Kysely<Database>, nodeId: string): Promise<void> {
  await sql`DELETE FROM vendor_leases WHERE node_id = ${nodeId}`.execute(db);
}

/** The node whose lease on the vendor is still running and its binds as it last wrote them, or null (for the admin API). */
export async function vendorHolder(db: Kysely<Database>, vendorId: number): Promise<VendorHolder | null> {
  const { rows } = await sql<{ node_id: string; binds: VendorBindStatus[] }>`SELECT node_id, binds FROM vendor_leases WHERE vendor_id = ${vendorId} AND until >= clock_timestamp()`.execute(db);
  const row = rows[0];
  return row ? { node: row.node_id, binds: row.binds } : null;
}

