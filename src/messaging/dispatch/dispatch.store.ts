import { type Kysely, sql } from 'kysely';
import type { Database } from '../../database.ts';

/** A message claimed for sending, with what the submit and a reroute need. */
export interface ClaimedMessage {
  readonly id: number;
  readonly clientId: number;
  readonly routeId: number | null;
  readonly destinationId: number | null;
  readonly country: string | null;
  readonly source: string;
  readonly sourceTon: number;
  readonly sourceNpi: number;
  readonly destination: string;
  readonly esmClass: number;
  readonly dataCoding: number;
  readonly shortMessage: Buffer;
  readonly text: string;
  readonly segments: number;
  readonly priority: number;
  readonly attempts: number;
  /** Not to be sent after this (null: no validity). */
  readonly validUntil: Date | null;
}

interface ClaimedRow {
  id: number;
  client_id: number;
  route_id: number | null;
  destination_id: number | null;
  country: string | null;
  source: string;
  source_ton: number;
  source_npi: number;
  destination: string;
  esm_class: number;
  data_coding: number;
  short_message: Uint8Array;
  text: string;
  segments: number;
  priority: number;
  attempts: number;
  valid_until: Date | null;
}

/**
 * Claims up to `limit` due messages of a vendor, priority first then oldest, for `leaseMs`: rows
 * another dispatcher holds are skipped (FOR UPDATE SKIP LOCKED), and a claim whose lease ran out
 * (its node died mid-send) is taken over. Scheduled messages are due once their not_before passed.
 * A claimed row leaves the queue index, so a claim never walks past what is in flight; ran-out
 * leases come from the index of claimed rows. The claim carries the node's name (`claimed_by`).
 */
export async function claimMessages(db: Kysely<Database>, vendorId: number, limit: number, now: Date, leaseMs: number, nodeId: string): Promise<ClaimedMessage[]> {
  const until = new Date(now.getTime() + leaseMs);
  const { rows } = await sql<ClaimedRow>`
    WITH fresh AS (
      SELECT id, priority FROM messages
      WHERE vendor_id = ${vendorId} AND state IN ('queued', 'scheduled') AND claimed_until IS NULL AND not_before <= ${now}
      ORDER BY priority DESC, id LIMIT ${limit} FOR UPDATE SKIP LOCKED
    ), stale AS (
      SELECT id, priority FROM messages
      WHERE vendor_id = ${vendorId} AND state IN ('queued', 'scheduled') AND claimed_until < ${now} AND not_before <= ${now}
      ORDER BY claimed_until LIMIT ${limit} FOR UPDATE SKIP LOCKED
    ), due AS (
      SELECT id FROM (SELECT * FROM fresh UNION ALL SELECT * FROM stale) d ORDER BY priority DESC, id LIMIT ${limit}
    )
    UPDATE messages m SET claimed_until = ${until}, claimed_by = ${nodeId} FROM due WHERE m.id = due.id
    RETURNING m.id, m.client_id, m.route_id, m.destination_id, m.country, m.source, m.source_ton, m.source_npi, m.destination,
              m.esm_class, m.data_coding, m.short_message, m.text, m.segments, m.priority, m.attempts, m.valid_until`.execute(db);
  return rows
    .map((r) => ({
      id: Number(r.id),
      clientId: Number(r.client_id),
      routeId: r.route_id === null ? null : Number(r.route_id),
      destinationId: r.destination_id === null ? null : Number(r.destination_id),
      country: r.country,
      source: r.source,
      sourceTon: r.source_ton,
      sourceNpi: r.source_npi,
      destination: r.destination,
      esmClass: r.esm_class,
      dataCoding: r.data_coding,
      shortMessage: Buffer.from(r.short_message),
      text: r.text,
      segments: r.segments,
      priority: r.priority,
      attempts: r.attempts,
      validUntil: r.valid_until === null ? null : new Date(r.valid_until),
    }))
    .sort(byQueueOrder);
}

/** The queue's order: higher priority first, then older. */
export function byQueueOrder(a: ClaimedMessage, b: ClaimedMessage): number {
  return b.priority - a.priority || a.id - b.id;
}

/**
 * Extends the lease of messages this node still holds (claimed, their outcome not stored yet), so a
 * short lease never runs out under a slow vendor and another node never sends them a second time.
 */
export async function renewClaims(db: Kysely<Database>, ids: readonly number[], until: Date): Promise<void> {
  if (ids.length === 0) return;
  await sql`UPDATE messages SET claimed_until = ${until} WHERE id = ANY(${ids}::bigint[]) AND claimed_until IS NOT NULL AND state IN ('queued', 'scheduled')`.execute(db);
}

export interface Release {
  readonly id: number;
  readonly notBefore: Date;
  /** 1 when this try counts as an attempt (transient error), 0 when not (throttled, not sent at all). */
  readonly attempt: 0 | 1;
  readonly errorCode: number | null;
}

/** Gives claimed messages back to the queue, due again at their not_before. */
export async function releaseMessages(trx: Kysely<Database>, releases: readonly Release[]): Promise<void> {
  if (releases.length === 0) return;
  const col = <T>(f: (r: Release) => T): T[] => releases.map(f);
  await sql`
    UPDATE messages m SET claimed_until = NULL, not_before = v.not_before, attempts = m.attempts + v.attempt,
      error_code = coalesce(v.error_code, m.error_code)
    FROM unnest(${col((r) => r.id)}::bigint[], ${col((r) => r.notBefore)}::timestamptz[], ${col((r) => r.attempt)}::int[], ${col((r) => r.errorCode)}::int[])
      AS v(id, not_before, attempt, error_code)
    WHERE m.id = v.id AND m.state IN ('queued', 'scheduled')`.execute(trx);
}

/** The vendors each message was submitted to (or refused by) so far, from its history. */
export async function triedVendors(trx: Kysely<Database>, messageIds: readonly number[]): Promise<Map<number, Set<number>>> {
  const out = new Map<number, Set<number>>();
  if (messageIds.length === 0) return out;
  const { rows } = await sql<{ message_id: number; vendor_id: number }>`
    SELECT DISTINCT message_id, vendor_id FROM message_events
    WHERE message_id = ANY(${messageIds}::bigint[]) AND vendor_id IS NOT NULL AND kind IN ('submitted', 'submit_failed', 'rerouted', 'receipt')`.execute(trx);
  for (const r of rows) {
    const set = out.get(Number(r.message_id)) ?? new Set<number>();
    set.add(Number(r.vendor_id));
    out.set(Number(r.message_id), set);
  }
  return out;
}
