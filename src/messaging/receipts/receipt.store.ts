import { type Kysely, sql } from 'kysely';
import type { Database } from '../../database.ts';
import type { MessageState, Stat } from '../rules/message-states.ts';
import type { CurrentMessage } from '../rules/plan-transitions.ts';
import { currentMessage, type LockedRow, lockedMessagesSql } from '../transitions.store.ts';

/** A vendor receipt, its id normalised (normalizeVendorMessageId). */
export interface VendorReceipt {
  readonly vendorId: number;
  readonly vendorMessageId: string;
  readonly stat: Stat;
  readonly err: number;
  readonly at: Date;
}

/** The message a receipt is for, with what a reroute needs. */
export interface ReceiptTarget {
  readonly id: number;
  readonly clientId: number;
  readonly state: MessageState;
  readonly vendorId: number;
  readonly vendorMessageId: string;
  readonly routeId: number | null;
  readonly destinationId: number | null;
  readonly country: string | null;
  readonly source: string;
  readonly destination: string;
  readonly text: string;
}

interface TargetRow extends LockedRow {
  destination_id: number | null;
  country: string | null;
  source: string;
  destination: string;
  text: string;
}

const key = (vendorId: number, id: string): string => `${vendorId}\u0000${id}`;

/** A receipt's message, and the same row as the transition plan reads it. */
export interface LockedTarget {
  readonly target: ReceiptTarget;
  readonly current: CurrentMessage;
}

/**
 * Messages by (vendor, vendor message id), locked for the receipts' transitions in the same
 * statement (applyTransitions takes them as they are, without locking them again); the map is
 * keyed by `${vendorId}\0${id}`.
 */
export async function lockByVendorIds(trx: Kysely<Database>, pairs: readonly { vendorId: number; vendorMessageId: string }[]): Promise<Map<string, LockedTarget>> {
  const out = new Map<string, LockedTarget>();
  if (pairs.length === 0) return out;
  const { rows } = await lockedMessagesSql<TargetRow>(
    sql`unnest(${pairs.map((p) => p.vendorId)}::bigint[], ${pairs.map((p) => p.vendorMessageId)}::text[]) AS v(vendor_id, vendor_message_id)
      JOIN messages m ON m.vendor_id = v.vendor_id AND m.vendor_message_id = v.vendor_message_id`,
    sql`true`,
    sql`, m.destination_id, m.country, m.source, m.destination, m.text`,
  ).execute(trx);
  for (const r of rows) {
    const current = currentMessage(r);
    const target: ReceiptTarget = {
      id: current.id,
      clientId: current.clientId,
      state: current.state,
      vendorId: Number(r.vendor_id),
      vendorMessageId: r.vendor_message_id as string,
      routeId: current.routeId,
      destinationId: r.destination_id === null ? null : Number(r.destination_id),
      country: r.country,
      source: r.source,
      destination: r.destination,
      text: r.text,
    };
    out.set(key(target.vendorId, target.vendorMessageId), { target, current });
  }
  return out;
}

export { key as receiptKey };

/**
 * Keeps receipts whose message is not known yet (the vendor answered faster than we stored its
 * submit_sm_resp). A final stat replaces an earlier one; ACCEPTD never replaces anything.
 */
export async function keepEarlyReceipts(trx: Kysely<Database>, receipts: readonly VendorReceipt[]): Promise<void> {
  const latest = new Map<string, VendorReceipt>();
  for (const r of receipts) latest.set(key(r.vendorId, r.vendorMessageId), r);
  if (latest.size === 0) return;
  const rows = [...latest.values()];
  await sql`
    INSERT INTO early_receipts AS e (vendor_id, vendor_message_id, state, error_code, received_at)
    SELECT * FROM unnest(${rows.map((r) => r.vendorId)}::bigint[], ${rows.map((r) => r.vendorMessageId)}::text[], ${rows.map((r) => r.stat)}::text[],
      ${rows.map((r) => r.err)}::int[], ${rows.map((r) => r.at)}::timestamptz[])
    ON CONFLICT (vendor_id, vendor_message_id) DO UPDATE
    SET state = excluded.state, error_code = excluded.error_code, received_at = excluded.received_at
    WHERE excluded.state NOT IN ('ACCEPTD', 'ENROUTE')`.execute(trx);
}

interface EarlyRow {
  vendor_id: number;
  vendor_message_id: string;
  state: Stat;
  error_code: number | null;
  received_at: Date;
}

const fromEarly = (r: EarlyRow): VendorReceipt => ({ vendorId: Number(r.vendor_id), vendorMessageId: r.vendor_message_id, stat: r.state, err: r.error_code ?? 0, at: r.received_at });

/** Takes the early receipts of these (vendor, id) pairs, if any came. */
export async function takeEarlyReceipts(trx: Kysely<Database>, pairs: readonly { vendorId: number; vendorMessageId: string }[]): Promise<VendorReceipt[]> {
  if (pairs.length === 0) return [];
  const { rows } = await sql<EarlyRow>`
    DELETE FROM early_receipts e USING unnest(${pairs.map((p) => p.vendorId)}::bigint[], ${pairs.map((p) => p.vendorMessageId)}::text[]) AS v(vendor_id, vendor_message_id)
    WHERE e.vendor_id = v.vendor_id AND e.vendor_message_id = v.vendor_message_id
    RETURNING e.vendor_id, e.vendor_message_id, e.state, e.error_code, e.received_at`.execute(trx);
  return rows.map(fromEarly);
}

/**
 * Takes those of these early receipts whose message has meanwhile got its vendor id (the race
 * where the receipt was kept while the submit_sm_resp was being stored by another transaction).
 */
export async function takeMatchedEarlyReceipts(trx: Kysely<Database>, pairs: readonly { vendorId: number; vendorMessageId: string }[]): Promise<VendorReceipt[]> {
  if (pairs.length === 0) return [];
  const { rows } = await sql<EarlyRow>`
    DELETE FROM early_receipts e
    USING unnest(${pairs.map((p) => p.vendorId)}::bigint[], ${pairs.map((p) => p.vendorMessageId)}::text[]) AS v(vendor_id, vendor_message_id)
    WHERE e.vendor_id = v.vendor_id AND e.vendor_message_id = v.vendor_message_id
      AND EXISTS (SELECT 1 FROM messages m WHERE m.vendor_id = e.vendor_id AND m.vendor_message_id = e.vendor_message_id)
    RETURNING e.vendor_id, e.vendor_message_id, e.state, e.error_code, e.received_at`.execute(trx);
  return rows.map(fromEarly);
}

/** Early receipts nobody claimed within a day are for messages Petrel never had. */
export async function purgeEarlyReceipts(db: Kysely<Database>, before: Date): Promise<number> {
  const r = await sql`DELETE FROM early_receipts WHERE received_at < ${before}`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}
