import { type Kysely, sql } from 'kysely';
import type { Database } from '../../database.ts';

export interface OverdueMessage {
  readonly id: number;
  /** The client's Delivery Status (expiredDlrStatus): EXPIRED, UNDELIV, DELIVRD, UNKNOWN, … */
  readonly expiredDlrStatus: string;
}

/**
 * Locks up to `limit` messages still open (queued, scheduled, sent) past their dlr_deadline,
 * skipping rows another node holds, so several nodes can run expiry at once.
 */
export async function lockOverdue(trx: Kysely<Database>, now: Date, limit: number): Promise<OverdueMessage[]> {
  const { rows } = await sql<{ id: number; expired_dlr_status: string }>`
    SELECT m.id, c.expired_dlr_status FROM messages m JOIN clients c ON c.id = m.client_id
    WHERE m.state IN ('queued', 'scheduled', 'sent') AND m.dlr_deadline <= ${now}
    ORDER BY m.dlr_deadline
    LIMIT ${limit}
    FOR UPDATE OF m SKIP LOCKED`.execute(trx);
  return rows.map((r) => ({ id: Number(r.id), expiredDlrStatus: r.expired_dlr_status }));
}
