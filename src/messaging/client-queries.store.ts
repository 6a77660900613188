import { type Kysely, sql } from 'kysely';
import type { Database } from '../database.ts';
import { type MessageState, WAITING_STATES } from './rules/message-states.ts';
import { inTransaction } from './transitions.retry.ts';
import { applyTransitions, type Refunder } from './transitions.store.ts';

/** A client's message as query_sm reports it. */
export interface QueriedMessage {
  readonly state: MessageState;
  readonly errorCode: number | null;
  readonly doneAt: Date | null;
}

/** `already`: every message asked for is `deleted` already (only `cancelTogether` tells it). */
export type CancelOutcome = 'cancelled' | 'already' | 'not_found' | 'too_late';

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
  async cancel(clientId: number, target: CancelTarget, now: Date): Promise<CancelResult> {
    return inTransaction(this.db, async (trx) => {
      const match = 'messageId' in target ? sql`id = ${target.messageId}` : sql`source = ${target.source} AND destination = ${target.destination} AND state IN ('queued', 'scheduled')`;
      const rows = await lockForCancel(trx, sql`client_id = ${clientId} AND ${match}`, now);
      if (rows.length === 0) return { outcome: 'not_found', cancelled: 0, reportedClients: [] };
      return this.deleteWaiting(trx, rows.filter(isWaiting), now, 'cancelled by the client (cancel_sm)');
    });
  }

  /**
   * Cancels the messages of one text (its parts) together, or none of them: each must be waiting
   * and not claimed by a dispatcher, else it is too late for the whole text. `clientId` undefined:
   * any client's (an operator's cancel, scoped by the caller). A text whose messages are all
   * `deleted` already is answered `already` (a repeated cancel).
   */
  async cancelTogether(ids: readonly number[], by: { readonly clientId?: number | undefined; readonly detail: string }, now: Date): Promise<CancelResult> {
    return inTransaction(this.db, async (trx) => {
      const owner = by.clientId === undefined ? sql`true` : sql`client_id = ${by.clientId}`;
      const rows = await lockForCancel(trx, sql`${owner} AND id = ANY(${[...ids]}::bigint[])`, now);
      if (rows.length === 0) return { outcome: 'not_found', cancelled: 0, reportedClients: [] };
      if (rows.length === ids.length && rows.every((m) => m.state === 'deleted')) return { outcome: 'already', cancelled: 0, reportedClients: [] };
      if (rows.length < ids.length || !rows.every(isWaiting)) return { outcome: 'too_late', cancelled: 0, reportedClients: [] };
      return this.deleteWaiting(trx, rows, now, by.detail);
    });
  }

  private async deleteWaiting(trx: Kysely<Database>, waiting: readonly LockedMessage[], now: Date, detail: string): Promise<CancelResult> {
    if (waiting.length === 0) return { outcome: 'too_late', cancelled: 0, reportedClients: [] };
    const applied = await applyTransitions(
      trx,
      waiting.map((m) => ({ messageId: Number(m.id), to: 'deleted' as const, event: 'cancelled', at: now, detail })),
      this.billing,
    );
    const cancelled = applied.results.filter((r) => r.applied).length;
    return { outcome: cancelled > 0 ? 'cancelled' : 'too_late', cancelled, reportedClients: applied.reportedClients };
  }
}

export interface CancelResult {
  readonly outcome: CancelOutcome;
  readonly cancelled: number;
  /** Clients owed reports by the cancel (their deliverers are to be woken). */
  readonly reportedClients: readonly number[];
}

interface LockedMessage {
  readonly id: number;
  readonly state: MessageState;
  /** Claimed by a dispatcher: on its way to a vendor. */
  readonly held: boolean;
}

const isWaiting = (m: LockedMessage): boolean => WAITING_STATES.includes(m.state) && !m.held;

async function lockForCancel(trx: Kysely<Database>, where: ReturnType<typeof sql>, now: Date): Promise<LockedMessage[]> {
  const { rows } = await sql<LockedMessage>`
    SELECT id, state, coalesce(claimed_until > ${now}, false) AS held FROM messages
    WHERE ${where} ORDER BY id LIMIT ${MAX_CANCELLED} FOR UPDATE`.execute(trx);
  return rows;
}

/** One message by id, or every waiting one between two addresses. */
export type CancelTarget = { readonly messageId: number } | { readonly source: string; readonly destination: string };

/** At most this many messages go in one cancel_sm by addresses; the client repeats it for more. */
export const MAX_CANCELLED = 10_000;
