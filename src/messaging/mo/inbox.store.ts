import { type Kysely, sql } from 'kysely';
import type { Database } from '../../database.ts';

export interface InboxEntry {
  readonly clientId: number;
  readonly source: string;
  readonly destination: string;
  readonly text: string;
  readonly vendorId: number | null;
  readonly receivedAt: Date;
}

/** Puts an MO in its owner's inbox; via_smpp follows the client's "Send MO SMS via SMPP". */
export async function insertInbox(db: Kysely<Database>, e: InboxEntry): Promise<{ id: number; viaSmpp: boolean }> {
  const { rows } = await sql<{ id: number; via_smpp: boolean }>`
    INSERT INTO inbox (client_id, source, destination, text, vendor_id, via_smpp, received_at)
    SELECT c.id, ${e.source}, ${e.destination}, ${e.text}, ${e.vendorId}::bigint, c.mo_via_smpp, ${e.receivedAt} FROM clients c WHERE c.id = ${e.clientId}
    RETURNING id, via_smpp`.execute(db);
  const row = rows[0];
  if (!row) throw new Error(`client ${e.clientId} does not exist`);
  return { id: Number(row.id), viaSmpp: row.via_smpp };
}

export interface InboxItem {
  readonly id: number;
  readonly source: string;
  readonly destination: string;
  readonly text: string;
  readonly vendorId: number | null;
  readonly viaSmpp: boolean;
  readonly receivedAt: Date;
  readonly deliveredAt: Date | null;
}

/** A client's inbox, newest first, a page at a time (`before`: the last id of the previous page). */
export async function listInbox(db: Kysely<Database>, clientId: number, limit: number, before: number | undefined): Promise<InboxItem[]> {
  const { rows } = await sql<{ id: number; source: string; destination: string; text: string; vendor_id: number | null; via_smpp: boolean; received_at: Date; delivered_at: Date | null }>`
    SELECT id, source, destination, text, vendor_id, via_smpp, received_at, delivered_at FROM inbox
    WHERE client_id = ${clientId} ${before === undefined ? sql`` : sql`AND id < ${before}`}
    ORDER BY id DESC LIMIT ${limit}`.execute(db);
  return rows.map((r) => ({
    id: Number(r.id),
    source: r.source,
    destination: r.destination,
    text: r.text,
    vendorId: r.vendor_id === null ? null : Number(r.vendor_id),
    viaSmpp: r.via_smpp,
    receivedAt: new Date(r.received_at),
    deliveredAt: r.delivered_at === null ? null : new Date(r.delivered_at),
  }));
}
