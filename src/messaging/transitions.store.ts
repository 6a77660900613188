import { Decimal } from 'decimal.js';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../database.ts';
import type { HandedReport, ReportHandoff } from './client-delivery/report-handoff.ts';
import type { MessageState } from './rules/message-states.ts';
import { type CurrentMessage, type EventRow, type MessageUpdate, type ReportRow, type Transition, type TransitionResult, planTransitions } from './rules/plan-transitions.ts';
import type { StatsDelta } from './stats/stats-delta.ts';
import { appendStatsMoves, STATS_KEY_SQL } from './stats/stats.store.ts';

export type { EventRow, Transition, TransitionResult } from './rules/plan-transitions.ts';

/** What transitions need of billing: give a message's charge back (BillingStore.refund, once per message). */
export interface Refunder {
  refund(trx: Kysely<Database>, clientId: number, messageId: number, amount: Decimal, reason: string): Promise<unknown>;
}

export interface AppliedTransitions {
  readonly results: readonly TransitionResult[];
  /** Clients that got new client_reports rows to claim: call notifyReports for each after commit. */
  readonly reportedClients: readonly number[];
  /** Reports stored claimed for the ReportHandoff: hand them to it after commit. */
  readonly handedReports: readonly HandedReport[];
}

/**
 * Applies state changes to messages inside the caller's transaction, forward only: the rows are
 * locked (in id order, so concurrent batches never deadlock on messages), the pure plan decides,
 * then ONE statement writes the batch: the message updates, the history rows (the plan's and
 * `events`, what the caller records besides), the client reports (one per message: it reaches a
 * final state once; UNIQUE(message_id, channel) guards the rows still owed) and the statistics
 * moves (appended: no lock). Refunds (failures only) follow, clients in id order as intake and
 * billing lock them. Two round trips for a batch of any size.
 */
export async function applyTransitions(
  trx: Kysely<Database>,
  transitions: readonly Transition[],
  billing: Refunder,
  events: readonly EventRow[] = [],
  handoff?: ReportHandoff,
  locked?: readonly CurrentMessage[],
): Promise<AppliedTransitions> {
  if (transitions.length === 0) {
    await recordEvents(trx, events);
    return { results: [], reportedClients: [], handedReports: [] };
  }
  // `locked`: the caller found and locked the messages already (lockedMessagesSql), in this transaction.
  const current = locked ?? (await lockMessages(trx, [...new Set(transitions.map((t) => t.messageId))].sort((a, b) => a - b)));
  const plan = planTransitions(current, transitions);
  const written = await writePlan(trx, plan.updates, [...plan.events, ...events], plan.reports, plan.stats.rows(), handoff);
  const refunds = [...plan.refunds].sort((a, b) => a.clientId - b.clientId || a.messageId - b.messageId);
  for (const r of refunds) await billing.refund(trx, r.clientId, r.messageId, new Decimal(r.amount), r.reason);
  return { results: plan.results, ...written };
}

/** The same, bound to one billing store (what main.ts hands to the modules that change states). */
export class TransitionStore {
  constructor(private readonly billing: Refunder) {}

  applyTransitions(trx: Kysely<Database>, transitions: readonly Transition[]): Promise<AppliedTransitions> {
    return applyTransitions(trx, transitions, this.billing);
  }
}

export interface LockedRow {
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
  stats_country: string;
  network: string;
}

/**
 * Messages (`m`) with what a transition plan reads of them, locked in id order (so concurrent
 * batches never deadlock on messages): the rows of `from` (which joins `messages m`) that pass
 * `where`, with the caller's own columns in `extra`.
 */
export function lockedMessagesSql<R extends LockedRow>(from: RawBuilder<unknown>, where: RawBuilder<unknown>, extra: RawBuilder<unknown> = sql``): RawBuilder<R> {
  return sql<R>`
    SELECT m.id, m.client_id, m.state, m.channel, m.registered_delivery, m.vendor_id, m.route_id, m.vendor_message_id,
           m.error_code, m.is_test, m.segments, m.price::text AS price,
           ${STATS_KEY_SQL.day} AS day, ${STATS_KEY_SQL.country} AS stats_country, ${STATS_KEY_SQL.network} AS network ${extra}
    FROM ${from}
    JOIN clients c ON c.id = m.client_id
    LEFT JOIN destinations d ON d.id = m.destination_id
    WHERE ${where}
    ORDER BY m.id
    FOR UPDATE OF m`;
}

async function lockMessages(trx: Kysely<Database>, ids: readonly number[]): Promise<CurrentMessage[]> {
  const { rows } = await lockedMessagesSql(sql`messages m`, sql`m.id = ANY(${ids}::bigint[])`).execute(trx);
  return rows.map(currentMessage);
}

export function currentMessage(r: LockedRow): CurrentMessage {
  return {
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
    country: r.stats_country,
    network: r.network,
  };
}

// Batches travel as one array per column (unnest): one statement whatever the batch size, with a
// handful of parameters instead of thousands, so PostgreSQL parses and plans it in no time.

interface ReportedRow {
  client_id: number;
  id: number;
  message_id: number;
  state: string;
  error_code: number | null;
  created_at: Date;
  handed: boolean;
  source: string | null;
  source_ton: number | null;
  source_npi: number | null;
  destination: string | null;
  text: string | null;
  submitted_at: Date | null;
}

/**
 * The plan's writes in one statement; answers the clients that got new reports to claim, and the
 * reports stored claimed for `handoff` (SMPP reports of the clients it takes). Vendors reuse
 * their ids after a while: an id still held by an older message is taken from it first (`taken`,
 * read by `updated` through its sub-select, so it runs to completion before: the unique index of
 * (vendor, vendor message id) then sees the old holder's id gone), and late receipts find the new owner.
 */
async function writePlan(
  trx: Kysely<Database>,
  updates: readonly MessageUpdate[],
  events: readonly EventRow[],
  reports: readonly ReportRow[],
  stats: readonly StatsDelta[],
  handoff: ReportHandoff | undefined,
): Promise<Pick<AppliedTransitions, 'reportedClients' | 'handedReports'>> {
  const u = <T>(f: (x: MessageUpdate) => T): T[] => updates.map(f);
  const e = <T>(f: (x: EventRow) => T): T[] => events.map(f);
  const r = <T>(f: (x: ReportRow) => T): T[] => reports.map(f);
  const taking = updates.filter((x) => x.vendorMessageId !== null && x.vendorId !== null && x.state === 'sent');
  const t = <T>(f: (x: MessageUpdate) => T): T[] => taking.map(f);
  const handed = reports.map((x) => x.channel === 'smpp' && handoff !== undefined && handoff.takes(x.clientId));
  const until = handoff && handed.includes(true) ? handoff.leaseUntil() : null;
  const { rows } = await sql<ReportedRow>`
    WITH taken AS (
      UPDATE messages m SET vendor_message_id = NULL
      FROM unnest(${t((x) => x.vendorId)}::bigint[], ${t((x) => x.vendorMessageId)}::text[], ${t((x) => x.id)}::bigint[]) AS v(vendor_id, vendor_message_id, id)
      WHERE m.vendor_id = v.vendor_id AND m.vendor_message_id = v.vendor_message_id AND m.id <> v.id
      RETURNING 1
    ), updated AS (
      UPDATE messages m SET
        state = v.state, vendor_id = v.vendor_id, route_id = v.route_id, vendor_message_id = v.vendor_message_id,
        error_code = v.error_code, sent_at = coalesce(v.sent_at, m.sent_at), done_at = coalesce(v.done_at, m.done_at),
        not_before = coalesce(v.not_before, m.not_before), claimed_until = NULL
      FROM unnest(${u((x) => x.id)}::bigint[], ${u((x) => x.state)}::text[], ${u((x) => x.vendorId)}::bigint[], ${u((x) => x.routeId)}::bigint[],
        ${u((x) => x.vendorMessageId)}::text[], ${u((x) => x.errorCode)}::int[], ${u((x) => x.sentAt)}::timestamptz[],
        ${u((x) => x.doneAt)}::timestamptz[], ${u((x) => x.notBefore)}::timestamptz[])
        AS v(id, state, vendor_id, route_id, vendor_message_id, error_code, sent_at, done_at, not_before)
      WHERE m.id = v.id AND (SELECT count(*) FROM taken) >= 0
      RETURNING 1
    ), history AS (
      INSERT INTO message_events (message_id, at, kind, vendor_id, vendor_message_id, state, error_code, detail)
      SELECT * FROM unnest(${e((x) => x.messageId)}::bigint[], ${e((x) => x.at)}::timestamptz[], ${e((x) => x.kind)}::text[], ${e((x) => x.vendorId)}::bigint[],
        ${e((x) => x.vendorMessageId)}::text[], ${e((x) => x.state)}::text[], ${e((x) => x.errorCode)}::int[], ${e((x) => x.detail)}::text[])
      RETURNING 1
    ), moves AS (${appendStatsMoves(stats)}
    ), reported AS (
      INSERT INTO client_reports (client_id, message_id, channel, state, error_code, claimed_until, claimed_by)
      SELECT * FROM unnest(${r((x) => x.clientId)}::bigint[], ${r((x) => x.messageId)}::bigint[], ${r((x) => x.channel)}::text[], ${r((x) => x.state)}::text[], ${r((x) => x.errorCode)}::int[],
        ${handed.map((h) => (h ? until : null))}::timestamptz[], ${handed.map((h) => (h ? (handoff?.nodeId ?? null) : null))}::text[])
      ON CONFLICT (message_id, channel) DO NOTHING
      RETURNING client_id, id, message_id, state, error_code, created_at, claimed_by IS NOT NULL AS handed
    )
    SELECT r.*, m.source, m.source_ton, m.source_npi, m.destination, m.text, m.created_at AS submitted_at
    FROM reported r LEFT JOIN LATERAL (SELECT source, source_ton, source_npi, destination, text, created_at FROM messages WHERE id = r.message_id AND r.handed) m ON true`.execute(trx);
  const doneAt = new Map(updates.map((x) => [x.id, x.doneAt]));
  const reportedClients = [...new Set(rows.filter((x) => !x.handed).map((x) => Number(x.client_id)))].sort((a, b) => a - b);
  const handedReports = rows.filter((x) => x.handed).map((x) => toHandedReport(x, doneAt.get(Number(x.message_id)) ?? null));
  return { reportedClients, handedReports };
}

function toHandedReport(x: ReportedRow, doneAt: Date | null): HandedReport {
  return {
    clientId: Number(x.client_id),
    id: Number(x.id),
    messageId: Number(x.message_id),
    state: x.state,
    errorCode: x.error_code,
    source: x.source ?? '',
    sourceTon: x.source_ton ?? 0,
    sourceNpi: x.source_npi ?? 0,
    destination: x.destination ?? '',
    text: x.text ?? '',
    submittedAt: new Date(x.submitted_at ?? x.created_at),
    doneAt: new Date(doneAt ?? x.created_at),
  };
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
