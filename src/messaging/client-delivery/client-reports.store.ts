import { sql } from 'kysely';
import type { Db } from '../intake/intake.store.ts';
import type { PendingReport } from './rules/receipt-pdu.ts';

export interface PendingMo {
  readonly id: number;
  readonly source: string;
  readonly destination: string;
  readonly text: string;
}

/**
 * Claims and settles what clients are owed over SMPP: receipts (client_reports, channel 'smpp')
 * and MO (inbox rows with via_smpp). A claim is a lease (FOR UPDATE SKIP LOCKED, then
 * claimed_until): two nodes never send the same row at once, and a node that dies mid-send
 * leaves rows that another claims when the lease runs out. A claimed row leaves the pending index,
 * so a claim never walks past rows in flight.
 */
export class ClientReportsStore {
  constructor(
    private readonly db: Db,
    /** The name this node's claims carry. */
    readonly nodeId: string,
  ) {}

  async claimReports(clientId: number, limit: number, now: Date, leaseMs: number): Promise<PendingReport[]> {
    const { rows } = await sql<{
      id: number;
      message_id: number;
      state: string;
      error_code: number | null;
      created_at: Date;
      source: string;
      source_ton: number;
      source_npi: number;
      destination: string;
      text: string;
      submitted_at: Date;
      done_at: Date | null;
    }>`
      WITH fresh AS (
        SELECT id FROM client_reports
        WHERE client_id = ${clientId} AND channel = 'smpp' AND delivered_at IS NULL AND claimed_until IS NULL
        ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED
      ), stale AS (
        SELECT id FROM client_reports
        WHERE client_id = ${clientId} AND channel = 'smpp' AND delivered_at IS NULL AND claimed_until < ${now}
        ORDER BY claimed_until LIMIT ${limit} FOR UPDATE SKIP LOCKED
      ), c AS (
        SELECT id FROM (SELECT id FROM fresh UNION ALL SELECT id FROM stale) d ORDER BY id LIMIT ${limit}
      ), u AS (
        UPDATE client_reports r SET claimed_until = ${new Date(now.getTime() + leaseMs)}, claimed_by = ${this.nodeId} FROM c WHERE r.id = c.id
        RETURNING r.id, r.message_id, r.state, r.error_code, r.created_at
      )
      SELECT u.id, u.message_id, u.state, u.error_code, u.created_at, m.source, m.source_ton, m.source_npi, m.destination, m.text,
             m.created_at AS submitted_at, m.done_at
      FROM u JOIN messages m ON m.id = u.message_id ORDER BY u.id`.execute(this.db);
    return rows.map((r) => ({
      id: Number(r.id),
      messageId: Number(r.message_id),
      state: r.state,
      errorCode: r.error_code,
      source: r.source,
      sourceTon: r.source_ton,
      sourceNpi: r.source_npi,
      destination: r.destination,
      text: r.text,
      submittedAt: new Date(r.submitted_at),
      doneAt: new Date(r.done_at ?? r.created_at),
    }));
  }

  /**
   * Receipts the client answered are done: their rows go. A report row exists only while it is
   * owed (a message reaches a final state once, so it gets one), so the table holds what is
   * pending, not one row per message ever sent; a deletion writes no new row version or index
   * entry where marking it delivered wrote both.
   */
  async reportsDelivered(ids: readonly number[]): Promise<void> {
    if (ids.length === 0) return;
    await sql`DELETE FROM client_reports WHERE id = ANY(${ids}::bigint[]) AND channel = 'smpp'`.execute(this.db);
  }

  /**
   * Extends the lease of rows this node is still sending (a slow client, a full window), so the
   * lease never runs out under them and another node never sends them a second time.
   */
  async renewClaims(reportIds: readonly number[], moIds: readonly number[], until: Date): Promise<void> {
    if (reportIds.length > 0) await sql`UPDATE client_reports SET claimed_until = ${until} WHERE id = ANY(${reportIds}::bigint[]) AND delivered_at IS NULL AND claimed_until IS NOT NULL`.execute(this.db);
    if (moIds.length > 0) await sql`UPDATE inbox SET claimed_until = ${until} WHERE id = ANY(${moIds}::bigint[]) AND delivered_at IS NULL AND claimed_until IS NOT NULL`.execute(this.db);
  }

  /** Gives claimed rows back at once (the bind went away), instead of waiting for the lease. */
  async releaseReports(ids: readonly number[]): Promise<void> {
    if (ids.length === 0) return;
    await sql`UPDATE client_reports SET claimed_until = NULL WHERE id = ANY(${ids}::bigint[]) AND delivered_at IS NULL`.execute(this.db);
  }

  async claimMo(clientId: number, limit: number, now: Date, leaseMs: number): Promise<PendingMo[]> {
    const { rows } = await sql<{ id: number; source: string; destination: string; text: string }>`
      WITH c AS (
        SELECT id FROM inbox
        WHERE client_id = ${clientId} AND via_smpp AND delivered_at IS NULL AND (claimed_until IS NULL OR claimed_until < ${now})
        ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED
      )
      UPDATE inbox i SET claimed_until = ${new Date(now.getTime() + leaseMs)}, claimed_by = ${this.nodeId} FROM c WHERE i.id = c.id
      RETURNING i.id, i.source, i.destination, i.text`.execute(this.db);
    return rows.map((r) => ({ id: Number(r.id), source: r.source, destination: r.destination, text: r.text })).sort((a, b) => a.id - b.id);
  }

  async moDelivered(ids: readonly number[], at: Date): Promise<void> {
    if (ids.length === 0) return;
    await sql`UPDATE inbox SET delivered_at = ${at}, claimed_until = NULL WHERE id = ANY(${ids}::bigint[])`.execute(this.db);
  }

  async releaseMo(ids: readonly number[]): Promise<void> {
    if (ids.length === 0) return;
    await sql`UPDATE inbox SET claimed_until = NULL WHERE id = ANY(${ids}::bigint[]) AND delivered_at IS NULL`.execute(this.db);
  }

  /**
   * Of these clients, the ones with receipts or MO waiting to be claimed: never claimed, or their
   * claim ran out (for the periodic sweep). Rows a node is sending under a live claim are not
   * waiting: counting them made every sweep under load start a flush that found nothing to claim,
   * and while it ran the client's new receipts went by the queue (a claim, a join and a row
   * version more each) instead of straight from the transaction that made them.
   */
  async clientsWithPending(clientIds: readonly number[], now: Date): Promise<number[]> {
    if (clientIds.length === 0) return [];
    const { rows } = await sql<{ client_id: number }>`
      SELECT DISTINCT client_id FROM client_reports
      WHERE client_id = ANY(${clientIds}::bigint[]) AND channel = 'smpp' AND delivered_at IS NULL AND (claimed_until IS NULL OR claimed_until < ${now})
      UNION
      SELECT DISTINCT client_id FROM inbox
      WHERE client_id = ANY(${clientIds}::bigint[]) AND via_smpp AND delivered_at IS NULL AND (claimed_until IS NULL OR claimed_until < ${now})`.execute(this.db);
    return rows.map((r) => Number(r.client_id));
  }
}
