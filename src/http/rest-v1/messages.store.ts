import { type Kysely, sql } from 'kysely';
import type { Database } from '../../database.ts';
import { MESSAGE_STATES, type MessageState, STATE_TABLE } from '../../messaging/rules/message-states.ts';
import { FINAL_SEVERITY } from './texts/rules/text-state.ts';

/** A message row as the REST API reads it. */
export interface MessageRow {
  readonly id: number;
  readonly channel: string;
  readonly state: MessageState;
  readonly source: string;
  readonly destination: string;
  readonly errorCode: number | null;
  /** Decimal string. */
  readonly price: string;
  readonly segments: number;
  readonly isTest: boolean;
  readonly createdAt: Date;
  readonly notBefore: Date;
  readonly sentAt: Date | null;
  readonly doneAt: Date | null;
}

interface Row {
  id: number;
  channel: string;
  state: MessageState;
  source: string;
  destination: string;
  error_code: number | null;
  price: string;
  segments: number;
  is_test: boolean;
  created_at: Date;
  not_before: Date;
  sent_at: Date | null;
  done_at: Date | null;
}

const COLUMNS = sql`m.id, m.channel, m.state, m.source, m.destination, m.error_code, m.price::text AS price, m.segments, m.is_test, m.created_at, m.not_before, m.sent_at, m.done_at`;

/** The order text-state.ts decides by, as SQL arrays: open states by progress, final ones by severity. */
const PROGRESS = MESSAGE_STATES.filter((s) => !STATE_TABLE[s].final).sort((a, b) => STATE_TABLE[a].rank - STATE_TABLE[b].rank);
const FINALS = MESSAGE_STATES.filter((s) => STATE_TABLE[s].final);
const TEXT_STATE_SQL = sql`CASE
  WHEN bool_and(p.state = ANY(${[...FINALS]}::text[])) THEN (${[...FINAL_SEVERITY]}::text[])[max(array_position(${[...FINAL_SEVERITY]}::text[], p.state))]
  ELSE (${PROGRESS}::text[])[min(array_position(${PROGRESS}::text[], p.state))] END`;

/**
 * A client's text by its id with all its parts in order; undefined when the id is not one of
 * the client's texts (another client's, a non-first part, or a text refused at intake).
 */
export async function findText(db: Kysely<Database>, clientId: number, id: number): Promise<MessageRow[] | undefined> {
  const { rows } = await sql<Row>`
    WITH t AS (
      SELECT coalesce((SELECT part_ids FROM api_texts WHERE id = ${id} AND client_id = ${clientId} AND status = 'accepted'), ARRAY[${id}]::bigint[]) AS ids
      WHERE NOT EXISTS (SELECT 1 FROM api_text_parts WHERE message_id = ${id} AND part_number > 1)
        AND NOT EXISTS (SELECT 1 FROM api_texts WHERE id = ${id} AND status = 'cancelled')
    )
    SELECT ${COLUMNS} FROM t JOIN messages m ON m.id = ANY(t.ids) AND m.client_id = ${clientId}
    ORDER BY array_position(t.ids, m.id)`.execute(db);
  return rows.length > 0 ? rows.map(toRow) : undefined;
}

export interface TextFilter {
  readonly state?: MessageState | undefined;
  readonly from?: Date | undefined;
  readonly to?: Date | undefined;
  readonly page: number;
  readonly pageSize: number;
}

/** A page of the client's texts, newest first, each with its parts; one more row is read to tell whether there is a next page. */
export async function listTexts(db: Kysely<Database>, clientId: number, f: TextFilter): Promise<{ texts: MessageRow[][]; hasMore: boolean }> {
  const { rows } = await sql<Row & { part_ids: number[] | null }>`
    SELECT * FROM (
      SELECT ${COLUMNS}, t.part_ids,
        CASE WHEN cardinality(t.part_ids) > 1 THEN (SELECT ${TEXT_STATE_SQL} FROM messages p WHERE p.id = ANY(t.part_ids)) ELSE m.state END AS text_state
      FROM messages m LEFT JOIN api_texts t ON t.id = m.id
      WHERE m.client_id = ${clientId}
        AND (t.status IS NULL OR t.status = 'accepted')
        AND NOT EXISTS (SELECT 1 FROM api_text_parts x WHERE x.message_id = m.id AND x.part_number > 1)
        ${f.from ? sql`AND m.created_at >= ${f.from}` : sql``}
        ${f.to ? sql`AND m.created_at < ${f.to}` : sql``}
    ) x
    ${f.state ? sql`WHERE x.text_state = ${f.state}` : sql``}
    ORDER BY x.id DESC LIMIT ${f.pageSize + 1} OFFSET ${(f.page - 1) * f.pageSize}`.execute(db);
  const page = rows.slice(0, f.pageSize);
  const others = page.flatMap((r) => (r.part_ids && r.part_ids.length > 1 ? r.part_ids.map(Number).filter((id) => id !== Number(r.id)) : []));
  const parts = new Map<number, MessageRow>();
  if (others.length > 0) {
    const { rows: more } = await sql<Row>`SELECT ${COLUMNS} FROM messages m WHERE m.id = ANY(${others}::bigint[]) AND m.client_id = ${clientId}`.execute(db);
    for (const r of more) parts.set(Number(r.id), toRow(r));
  }
  const texts = page.map((r) => {
    const head = toRow(r);
    if (!r.part_ids || r.part_ids.length <= 1) return [head];
    return r.part_ids.map(Number).map((id) => (id === head.id ? head : parts.get(id))).filter((p): p is MessageRow => p !== undefined);
  });
  return { texts, hasMore: rows.length > f.pageSize };
}

function toRow(r: Row): MessageRow {
  return {
    id: Number(r.id),
    channel: r.channel,
    state: r.state,
    source: r.source,
    destination: r.destination,
    errorCode: r.error_code,
    price: r.price,
    segments: r.segments,
    isTest: r.is_test,
    createdAt: new Date(r.created_at),
    notBefore: new Date(r.not_before),
    sentAt: r.sent_at === null ? null : new Date(r.sent_at),
    doneAt: r.done_at === null ? null : new Date(r.done_at),
  };
}
