import { Decimal } from 'decimal.js';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../database.ts';
import type { MessageState } from './rules/message-states.ts';
import { type CurrentMessage, type EventRow, type MessageUpdate, type ReportRow, type Transition, type TransitionResult, planTransitions } from './rules/plan-transitions.ts';
import { STATS_KEY_SQL, addToStats } from './stats/stats.store.ts';

export type { EventRow, Transition, TransitionResult } from './rules/plan-transitions.ts';

/** What transitions need of billing: give a message's charge back (BillingStore.refund, once per message). */
export interface Refunder {
  refund(trx: Kysely<Database>, clientId: number, messageId: number, amount: Decimal, reason: string): Promise<unknown>;
}

export interface AppliedTransitions {
  readonly results: readonly TransitionResult[];
  /** Clients that got new client_reports rows: call notifyReports for each after commit. */
  readonly reportedClients: readonly number[];
}

/**
 * Applies state changes to messages inside the caller's transaction, forward only: the rows are
 * locked (in id order, so concurrent batches never deadlock on messages), the pure plan decides,
 * then one UPDATE … FROM unnest(…) for the batch, the history rows, the client reports
 * (UNIQUE(message_id, channel): at most once), the refunds and last the statistics moves.
 */
export async function applyTransitions(trx: Kysely<Database>, transitions: readonly Transition[], billing: Refunder): Promise<AppliedTransitions> {
  if (transitions.length === 0) return { results: [], reportedClients: [] };
  const ids = [...new Set(transitions.map((t) => t.messageId))].sort((a, b) => a - b);
  const plan = planTransitions(await lockMessages(trx, ids), transitions);
  await updateMessagesTakingIds(trx, plan.updates);
  await recordEvents(trx, plan.events);
  // Lock order, shared with intake (clients in id order, then stats_daily): messages, clients, stats.
  await lockClients(trx, [...plan.reports, ...plan.refunds].map((r) => r.clientId));
  const reportedClients = await insertReports(trx, plan.reports);
  const refunds = [...plan.refunds].sort((a, b) => a.clientId - b.clientId || a.messageId - b.messageId);
  for (const r of refunds) await billing.refund(trx, r.clientId, r.messageId, new Decimal(r.amount), r.reason);
  await addToStats(trx, plan.stats);
  return { results: plan.results, reportedClients };
}

/** The same, bound to one billing store (what main.ts hands to the modules that change states). */
export class TransitionStore {
  constructor(private readonly billing: Refunder) {}

  applyTransitions(trx: Kysely<Database>, transitions: readonly Transition[]): Promise<AppliedTransitions> {
    return applyTransitions(trx, transitions, this.billing);
  }
}

interface LockedRow {
  id: number;
  client_id: number;
  state: MessageState;
  channel: string;
  registered_delivery: number;
  vendor_id: number | null;
  route_id: number | null;
  vendor_message_id: string | null;
  error_code: number | null;
  is_test: boolean;
  segments: number;
  price: string;
  day: string;
  country: string;
  network: string;
}

async function lockMessages(trx: Kysely<Database>, ids: readonly number[]): Promise<CurrentMessage[]> {
  const { rows } = await sql<LockedRow>`
    SELECT m.id, m.client_id, m.state, m.channel, m.registered_delivery, m.vendor_id, m.route_id, m.vendor_message_id,
           m.error_code, m.is_test, m.segments, m.price::text AS price,
           ${STATS_KEY_SQL.day} AS day, ${STATS_KEY_SQL.country} AS country, ${STATS_KEY_SQL.network} AS network
    FROM messages m
    JOIN clients c ON c.id = m.client_id
    LEFT JOIN destinations d ON d.id = m.destination_id
    WHERE m.id = ANY(${ids}::bigint[])
    ORDER BY m.id
    FOR UPDATE OF m`.execute(trx);
  return rows.map((r) => ({
    id: Number(r.id),
    clientId: Number(r.client_id),
    state: r.state,
    channel: r.channel,
    registeredDelivery: r.registered_delivery,
    vendorId: r.vendor_id === null ? null : Number(r.vendor_id),
    routeId: r.route_id === null ? null : Number(r.route_id),
    vendorMessageId: r.vendor_message_id,
    errorCode: r.error_code,
    isTest: r.is_test,
    segments: r.segments,
    price: r.price,
    day: r.day,
    country: r.country,
    network: r.network,
  }));
}

/**
 * The clients whose reports (a foreign key: KEY SHARE) or balance (a refund) this batch touches,
 * locked in id order before any statistics row, as intake and billing lock them (id order) before
 * their statistics rows: the two can wait for each other, never in a circle.
 */
async function lockClients(trx: Kysely<Database>, clientIds: readonly number[]): Promise<void> {
  const ids = [...new Set(clientIds)].sort((a, b) => a - b);
  if (ids.length === 0) return;
  await sql`SELECT id FROM clients WHERE id = ANY(${ids}::bigint[]) ORDER BY id FOR KEY SHARE`.execute(trx);
}

/**
 * Stores the updates; the unique (vendor, vendor message id) index guards the common case for
 * free. Vendors reuse their ids after a while: when one is still held by an old message, the batch
 * (undone to a savepoint) takes it from the old message first, so late receipts find the new owner.
 */
async function updateMessagesTakingIds(trx: Kysely<Database>, updates: readonly MessageUpdate[]): Promise<void> {
  const taking = updates.filter((u) => u.vendorMessageId !== null && u.vendorId !== null && u.state === 'sent');
  if (taking.length === 0) return updateMessages(trx, updates);
  await sql`SAVEPOINT taking_vendor_ids`.execute(trx);
  try {
    await updateMessages(trx, updates);
  } catch (err) {
    if ((err as { code?: string }).code !== '23505') throw err;
    await sql`ROLLBACK TO SAVEPOINT taking_vendor_ids`.execute(trx);
    await sql`
      UPDATE messages m SET vendor_message_id = NULL
      FROM unnest(${taking.map((u) => u.vendorId)}::bigint[], ${taking.map((u) => u.vendorMessageId)}::text[], ${taking.map((u) => u.id)}::bigint[]) AS v(vendor_id, vendor_message_id, id)
      WHERE m.vendor_id = v.vendor_id AND m.vendor_message_id = v.vendor_message_id AND m.id <> v.id`.execute(trx);
    await updateMessages(trx, updates);
  }
  await sql`RELEASE SAVEPOINT taking_vendor_ids`.execute(trx);
}

// Batches travel as one array per column (unnest): one statement whatever the batch size, with a
// handful of parameters instead of thousands, so PostgreSQL parses and plans it in no time.

async function updateMessages(trx: Kysely<Database>, updates: readonly MessageUpdate[]): Promise<void> {
  if (updates.length === 0) return;
  const col = <T>(f: (u: MessageUpdate) => T): T[] => updates.map(f);
  await sql`
    UPDATE messages m SET
      state = v.state, vendor_id = v.vendor_id, route_id = v.route_id, vendor_message_id = v.vendor_message_id,
      error_code = v.error_code, sent_at = coalesce(v.sent_at, m.sent_at), done_at = coalesce(v.done_at, m.done_at),
      not_before = coalesce(v.not_before, m.not_before), claimed_until = NULL
    FROM unnest(${col((u) => u.id)}::bigint[], ${col((u) => u.state)}::text[], ${col((u) => u.vendorId)}::bigint[], ${col((u) => u.routeId)}::bigint[],
      ${col((u) => u.vendorMessageId)}::text[], ${col((u) => u.errorCode)}::int[], ${col((u) => u.sentAt)}::timestamptz[],
      ${col((u) => u.doneAt)}::timestamptz[], ${col((u) => u.notBefore)}::timestamptz[])
      AS v(id, state, vendor_id, route_id, vendor_message_id, error_code, sent_at, done_at, not_before)
    WHERE m.id = v.id`.execute(trx);
}

/** History rows only (a retry, a throttle): no state changes. */
export async function recordEvents(trx: Kysely<Database>, events: readonly EventRow[]): Promise<void> {
  if (events.length === 0) return;
  const col = <T>(f: (e: EventRow) => T): T[] => events.map(f);
  await sql`
    INSERT INTO message_events (message_id, at, kind, vendor_id, vendor_message_id, state, error_code, detail)
    SELECT * FROM unnest(${col((e) => e.messageId)}::bigint[], ${col((e) => e.at)}::timestamptz[], ${col((e) => e.kind)}::text[], ${col((e) => e.vendorId)}::bigint[],
      ${col((e) => e.vendorMessageId)}::text[], ${col((e) => e.state)}::text[], ${col((e) => e.errorCode)}::int[], ${col((e) => e.detail)}::text[])`.execute(trx);
}

/** Inserts the reports owed; a second report for the same message and channel is never made. */
async function insertReports(trx: Kysely<Database>, reports: readonly ReportRow[]): Promise<number[]> {
  if (reports.length === 0) return [];
  const col = <T>(f: (r: ReportRow) => T): T[] => reports.map(f);
  const { rows } = await sql<{ client_id: number }>`
    INSERT INTO client_reports (client_id, message_id, channel, state, error_code)
    SELECT * FROM unnest(${col((r) => r.clientId)}::bigint[], ${col((r) => r.messageId)}::bigint[], ${col((r) => r.channel)}::text[], ${col((r) => r.state)}::text[], ${col((r) => r.errorCode)}::int[])
    ON CONFLICT (message_id, channel) DO NOTHING
    RETURNING client_id`.execute(trx);
  return [...new Set(rows.map((r) => Number(r.client_id)))].sort((a, b) => a - b);
}
