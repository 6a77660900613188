import { type Kysely, sql } from 'kysely';
import type { Database } from '../database.ts';
import type { MessageState } from './rules/message-states.ts';
import { inTransaction } from './transitions.retry.ts';
import { applyTransitions, type Refunder } from './transitions.store.ts';

/** A client's message as query_sm reports it. */
export interface QueriedMessage {
  readonly state: MessageState;
  readonly errorCode: number | null;
  readonly doneAt: Date | null;
}

export type CancelOutcome = 'cancelled' | 'not_found' | 'too_late';

/**
 * What a client may ask of its own messages over SMPP: their state (query_sm) and, while they have
 * not left for a vendor, their cancellation (cancel_sm): `deleted`, the charge refunded, the
 * report owed sent. A message of another client is answered as not found.
 */
export class ClientQueries {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly billing: Refunder,
  ) {}

  async query(clientId: number, messageId: number): Promise<QueriedMessage | undefined> {
    const { rows } = await sql<{ state: MessageState; error_code: number | null; done_at: Date | null }>`
      SELECT state, error_code, done_at FROM messages WHERE id = ${messageId} AND client_id = ${clientId}`.execute(this.db);
    const r = rows[0];
    return r && { state: r.state, errorCode: r.error_code, doneAt: r.done_at === null ? null : new Date(r.done_at) };
  }

  /** Cancels a waiting message; one claimed by a dispatcher (on its way to the vendor) is too late. Returns the clients owed reports. */
  async cancel(clientId: number, messageId: number, now: Date): Promise<{ outcome: CancelOutcome; reportedClients: readonly number[] }> {
    return inTransaction(this.db, async (trx) => {
      const { rows } = await sql<{ state: MessageState; held: boolean }>`
        SELECT state, coalesce(claimed_until > ${now}, false) AS held FROM messages WHERE id = ${messageId} AND client_id = ${clientId} FOR UPDATE`.execute(trx);
      const m = rows[0];
      if (!m) return { outcome: 'not_found', reportedClients: [] };
      if ((m.state !== 'queued' && m.state !== 'scheduled') || m.held) return { outcome: 'too_late', reportedClients: [] };
      const applied = await applyTransitions(trx, [{ messageId, to: 'deleted', event: 'cancelled', at: now, detail: 'cancelled by the client (cancel_sm)' }], this.billing);
      return { outcome: applied.results[0]?.applied ? 'cancelled' : 'too_late', reportedClients: applied.reportedClients };
    });
  }
}
