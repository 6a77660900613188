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

  /**
   * Cancels waiting messages: one by its id, or (SMPP 3.4 §4.9: cancel_sm with no message_id) every
   * waiting message of the client from `source` to `destination` (E.164 digits). A message claimed
   * by a dispatcher (on its way to the vendor) or done is too late. Returns the clients owed reports.
   */
  async cancel(clientId: number, target: CancelTarget, now: Date): Promise<{ outcome: CancelOutcome; cancelled: number; reportedClients: readonly number[] }> {
    return inTransaction(this.db, async (trx) => {
      const match = 'messageId' in target ? sql`id = ${target.messageId}` : sql`source = ${target.source} AND destination = ${target.destination} AND state IN ('queued', 'scheduled')`;
      const { rows } = await sql<{ id: number; state: MessageState; held: boolean }>`
        SELECT id, state, coalesce(claimed_until > ${now}, false) AS held FROM messages
        WHERE client_id = ${clientId} AND ${match} ORDER BY id LIMIT ${MAX_CANCELLED} FOR UPDATE`.execute(trx);
      if (rows.length === 0) return { outcome: 'not_found', cancelled: 0, reportedClients: [] };
      const waiting = rows.filter((m) => (m.state === 'queued' || m.state === 'scheduled') && !m.held);
      if (waiting.length === 0) return { outcome: 'too_late', cancelled: 0, reportedClients: [] };
      const applied = await applyTransitions(
        trx,
        waiting.map((m) => ({ messageId: Number(m.id), to: 'deleted' as const, event: 'cancelled', at: now, detail: 'cancelled by the client (cancel_sm)' })),
        this.billing,
      );
      const cancelled = applied.results.filter((r) => r.applied).length;
      return { outcome: cancelled > 0 ? 'cancelled' : 'too_late', cancelled, reportedClients: applied.reportedClients };
    });
  }
}

/** One message by id, or every waiting one between two addresses. */
export type CancelTarget = { readonly messageId: number } | { readonly source: string; readonly destination: string };

/** At most this many messages go in one cancel_sm by addresses; the client repeats it for more. */
export const MAX_CANCELLED = 10_000;
