import { type Kysely, sql } from 'kysely';
import type { Database } from '../database.ts';
import { AppError } from '../platform/errors.ts';
import { historyOf, type LoggedMessage, type MessageChannel, type MessageEvent } from './rules/message-log.ts';
import type { MessageState } from './rules/message-states.ts';

/** What the operator's message log searches by; every field narrows. */
export interface MessageSearch {
  readonly clientId?: number;
  /** Only these clients (a manager's); undefined = every client. */
  readonly clientIds?: readonly number[];
  /** E.164 digits, exact. */
  readonly destination?: string;
  readonly state?: MessageState;
  readonly channel?: MessageChannel;
  /** Accepted at or after / before these instants. */
  readonly from?: Date;
  readonly to?: Date;
  /** Keyset paging: messages with a smaller id (newest first). */
  readonly before?: number;
  readonly limit: number;
}

interface Row {
  id: string;
  client_id: string;
  login: string;
  channel: MessageChannel;
  source: string;
  destination: string;
  country: string | null;
  text: string;
  segments: number;
  is_test: boolean;
  price: string;
  state: MessageState;
  error_code: number | null;
  vendor_id: string | null;
  vendor_name: string | null;
  vendor_message_id: string | null;
  attempts: number;
  created_at: Date | string;
  not_before: Date | string;
  sent_at: Date | string | null;
  done_at: Date | string | null;
}

const iso = (d: Date | string): string => new Date(d).toISOString();
const isoOrNull = (d: Date | string | null): string | null => (d === null ? null : iso(d));

function logged(r: Row): LoggedMessage {
  return {
    id: String(r.id),
    clientId: Number(r.client_id),
    clientLogin: r.login,
    channel: r.channel,
    source: r.source,
    destination: r.destination,
    country: r.country,
    text: r.text,
    segments: r.segments,
    isTest: r.is_test,
    price: r.price,
    state: r.state,
    errorCode: r.error_code,
    vendorId: r.vendor_id === null ? null : Number(r.vendor_id),
    vendorName: r.vendor_name,
    vendorMessageId: r.vendor_message_id,
    attempts: r.attempts,
    createdAt: iso(r.created_at),
    notBefore: iso(r.not_before),
    sentAt: isoOrNull(r.sent_at),
    doneAt: isoOrNull(r.done_at),
  };
}

const SELECT = sql`
  SELECT m.id, m.client_id, c.login, m.channel, m.source, m.destination, m.country, m.text, m.segments, m.is_test,
    m.price::text AS price, m.state, m.error_code, m.vendor_id, v.name AS vendor_name, m.vendor_message_id, m.attempts,
    m.created_at, m.not_before, m.sent_at, m.done_at
  FROM messages m JOIN clients c ON c.id = m.client_id LEFT JOIN vendors v ON v.id = m.vendor_id`;

/**
 * The operator's message log, newest first, a page at a time (keyset on the id, which rises with
 * acceptance). It walks the primary key, or the client's index when one client is asked for, so a
 * page costs what it reads; a search that matches rarely may read far, which is why the API bounds
 * its time (message-log.http.ts).
 */
export async function searchMessages(db: Kysely<Database>, q: MessageSearch): Promise<{ items: LoggedMessage[]; next: string | null }> {
  const where = [sql`true`];
  if (q.clientId !== undefined) where.push(sql`m.client_id = ${q.clientId}`);
  if (q.clientIds !== undefined) where.push(q.clientIds.length ? sql`m.client_id IN (${sql.join(q.clientIds)})` : sql`false`);
  if (q.destination !== undefined) where.push(sql`m.destination = ${q.destination}`);
  if (q.state !== undefined) where.push(sql`m.state = ${q.state}`);
  if (q.channel !== undefined) where.push(sql`m.channel = ${q.channel}`);
  if (q.from !== undefined) where.push(sql`m.created_at >= ${q.from}`);
  if (q.to !== undefined) where.push(sql`m.created_at < ${q.to}`);
  if (q.before !== undefined) where.push(sql`m.id < ${q.before}`);
  // One row more than the page tells whether there is a next one.
  const { rows } = await sql<Row>`${SELECT} WHERE ${sql.join(where, sql` AND `)} ORDER BY m.id DESC LIMIT ${q.limit + 1}`.execute(db);
  const page = rows.slice(0, q.limit).map(logged);
  return { items: page, next: rows.length > q.limit ? (page.at(-1)?.id ?? null) : null };
}

/** A search of the log that reads longer than this is stopped and answered with a request to narrow it. */
export const SEARCH_TIME_LIMIT_MS = 5_000;

/**
 * `searchMessages` within a time limit: PostgreSQL stops the statement when it runs longer
 * (statement_timeout, for this transaction only) and the operator is asked to narrow the search
 * (422). The embedded PGlite does not enforce statement_timeout: there a search runs to its end.
 */
export async function searchMessagesWithin(db: Kysely<Database>, q: MessageSearch, limitMs: number): Promise<{ items: LoggedMessage[]; next: string | null }> {
  try {
    return await db.transaction().execute(async (trx) => {
      await sql`SELECT set_config('statement_timeout', ${String(limitMs)}, true)`.execute(trx);
      return searchMessages(trx, q);
    });
  } catch (err) {
    if ((err as { code?: string }).code !== '57014') throw err;
    const seconds = limitMs >= 1000 ? `${limitMs / 1000} s` : `${limitMs} ms`;
    throw new AppError('validation_failed', `the search read for more than ${seconds}; narrow it by client, number or dates`, { search: 'too broad: narrow it by client, number or dates' });
  }
}

/** The most messages one CSV export holds. */
export const EXPORT_MAX_MESSAGES = 100_000;
const EXPORT_PAGE = 1_000;

/**
 * The search as pages for an export, newest first, up to `max` messages; each page is one search
 * within `limitMs` (the first page is read before anything is sent, so a search too broad is a
 * clean 422, not a cut-off file).
 */
export async function exportPages(db: Kysely<Database>, q: Omit<MessageSearch, 'limit' | 'before'>, limitMs: number, max = EXPORT_MAX_MESSAGES): Promise<AsyncIterable<LoggedMessage[]>> {
  const first = await searchMessagesWithin(db, { ...q, limit: Math.min(EXPORT_PAGE, max) }, limitMs);
  return (async function* pages() {
    let page = first;
    let sent = 0;
    for (;;) {
      yield page.items;
      sent += page.items.length;
      if (page.next === null || sent >= max) return;
      page = await searchMessagesWithin(db, { ...q, limit: Math.min(EXPORT_PAGE, max - sent), before: Number(page.next) }, limitMs);
    }
  })();
}

/**
 * One message with its history, oldest first; undefined when not there or not the operator's. The
 * normal path writes no history row (ARCHITECTURE.md: acceptance, sending and the receipt are in
 * the message's own row), so those steps are read off the row, unless a history row already tells
 * them; retries, reroutes, failures, expiry and late receipts are the recorded rows.
 */
export async function messageWithHistory(db: Kysely<Database>, id: number, clientIds?: readonly number[]): Promise<{ message: LoggedMessage; events: MessageEvent[] } | undefined> {
  const scope = clientIds === undefined ? sql`true` : clientIds.length ? sql`m.client_id IN (${sql.join(clientIds)})` : sql`false`;
  const { rows } = await sql<Row>`${SELECT} WHERE m.id = ${id} AND ${scope}`.execute(db);
  const row = rows[0];
  if (!row) return undefined;
  const { rows: events } = await sql<{ at: Date | string; kind: string; state: string | null; vendor_id: string | null; vendor_name: string | null; vendor_message_id: string | null; error_code: number | null; detail: string }>`
    SELECT e.at, e.kind, e.state, e.vendor_id, v.name AS vendor_name, e.vendor_message_id, e.error_code, e.detail
    FROM message_events e LEFT JOIN vendors v ON v.id = e.vendor_id
    WHERE e.message_id = ${id} ORDER BY e.id`.execute(db);
  const message = logged(row);
  const recorded: MessageEvent[] = events.map((e) => ({ at: iso(e.at), kind: e.kind, state: e.state, vendorId: e.vendor_id === null ? null : Number(e.vendor_id), vendorName: e.vendor_name, vendorMessageId: e.vendor_message_id, errorCode: e.error_code, detail: e.detail, recorded: true }));
  return { message, events: historyOf(message, recorded) };
}

/**
 * The messages an operator's cancel of message `id` takes together: every part of the HTTP, REST
 * or web text it belongs to (a text is cancelled whole or not at all, so no recipient gets half of
 * it), else the message alone (SMPP clients submit their parts as messages of their own).
 */
export async function cancelGroupOf(db: Kysely<Database>, id: number): Promise<number[]> {
  const { rows } = await sql<{ part_ids: (string | number)[] }>`
    SELECT t.part_ids FROM api_text_parts p JOIN api_texts t ON t.id = p.text_id WHERE p.message_id = ${id}`.execute(db);
  const parts = rows[0]?.part_ids;
  return parts ? parts.map(Number) : [id];
}
