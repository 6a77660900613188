import { type Kysely, sql } from 'kysely';
import type { Database } from '../../database.ts';
import type { MessageState } from '../../messaging/rules/message-states.ts';
import type { ClaimedReport, ClientWebhook, OwedText, PartRow, ReportedText } from './rules/plan-reports.ts';

type Db = Kysely<Database>;

interface TextRow {
  id: number;
  client_id: number;
  channel: string;
  part_ids: number[];
  status: 'accepted' | 'cancelled';
  dlr_url: string | null;
  dlr_mask: number;
  callback_url: string | null;
  owed_bits: number;
}

/** What the report relay reads and settles; every method runs in the caller's transaction. */
export const relayStore = {
  /** Pending reports of HTTP, REST and web messages (SMPP rows belong to the SMPP deliverer). */
  async claimReports(trx: Db, now: Date, limit: number): Promise<ClaimedReport[]> {
    const { rows } = await sql<{ id: number; client_id: number; message_id: number }>`
      SELECT id, client_id, message_id FROM client_reports
      WHERE delivered_at IS NULL AND channel <> 'smpp' AND (claimed_until IS NULL OR claimed_until < ${now})
      ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED`.execute(trx);
    return rows.map((r) => ({ id: Number(r.id), clientId: Number(r.client_id), messageId: Number(r.message_id) }));
  },

  /** The text of each message id: found by the text's own id (its first part) or through its parts. */
  async textsOf(trx: Db, messageIds: readonly number[]): Promise<Map<number, ReportedText>> {
    if (messageIds.length === 0) return new Map();
    const { rows } = await sql<TextRow & { message_id: number }>`
      SELECT t.*, t.id AS message_id FROM api_texts t WHERE t.id = ANY(${messageIds}::bigint[])
      UNION ALL
      SELECT t.*, p.message_id FROM api_text_parts p JOIN api_texts t ON t.id = p.text_id WHERE p.message_id = ANY(${messageIds}::bigint[])`.execute(trx);
    return new Map(rows.map((r) => [Number(r.message_id), toText(r)]));
  },

  async parts(trx: Db, ids: readonly number[]): Promise<Map<number, PartRow>> {
    if (ids.length === 0) return new Map();
    const { rows } = await sql<{
      id: number;
      client_id: number;
      channel: string;
      state: MessageState;
      error_code: number | null;
      source: string;
      destination: string;
      price: string;
      is_test: boolean;
      created_at: Date;
      sent_at: Date | null;
      done_at: Date | null;
    }>`
      SELECT id, client_id, channel, state, error_code, source, destination, price::text AS price, is_test, created_at, sent_at, done_at
      FROM messages WHERE id = ANY(${ids}::bigint[])`.execute(trx);
    return new Map(
      rows.map((r) => [
        Number(r.id),
        {
          id: Number(r.id),
          clientId: Number(r.client_id),
          channel: r.channel,
          state: r.state,
          errorCode: r.error_code,
          source: r.source,
          destination: r.destination,
          price: r.price,
          isTest: r.is_test,
          createdAt: new Date(r.created_at),
          sentAt: r.sent_at === null ? null : new Date(r.sent_at),
          doneAt: r.done_at === null ? null : new Date(r.done_at),
        },
      ]),
    );
  },

  async webhooks(trx: Db, clientIds: readonly number[]): Promise<Map<number, ClientWebhook>> {
    if (clientIds.length === 0) return new Map();
    const { rows } = await sql<{ client_id: number; url: string | null; events: string[] }>`
      SELECT client_id, url, events FROM client_webhooks WHERE client_id = ANY(${clientIds}::bigint[])`.execute(trx);
    return new Map(rows.map((r) => [Number(r.client_id), { url: r.url, events: r.events }]));
  },

  /**
   * Reports the relay is done with go: their deliveries (webhook_deliveries, inserted in the same
   * transaction) carry them from here, so a client_reports row exists only while its report is
   * owed, as for SMPP, instead of the table growing by a row per message.
   */
  async reportsDone(trx: Db, ids: readonly number[]): Promise<void> {
    if (ids.length === 0) return;
    await sql`DELETE FROM client_reports WHERE id = ANY(${ids}::bigint[]) AND channel <> 'smpp'`.execute(trx);
  },

  /** Texts that still owe dlr-mask reports 4 or 8, after `afterId` (a cursor that wraps around). */
  async owedTexts(trx: Db, afterId: number, limit: number): Promise<OwedText[]> {
    const { rows } = await sql<TextRow>`
      SELECT * FROM api_texts WHERE owed_bits <> 0 AND id > ${afterId} ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED`.execute(trx);
    return rows.map(toText);
  },

  async clearOwed(trx: Db, cleared: readonly { id: number; bits: number }[]): Promise<void> {
    if (cleared.length === 0) return;
    await sql`
      UPDATE api_texts t SET owed_bits = t.owed_bits & ~c.bits
      FROM unnest(${cleared.map((c) => c.id)}::bigint[], ${cleared.map((c) => c.bits)}::int[]) AS c(id, bits) WHERE t.id = c.id`.execute(trx);
  },

  /**
   * New MO of clients whose webhook wants `mo`: the webhook rows are locked (SKIP LOCKED, so two
   * nodes never take the same client's MO) and their cursors move past what is returned.
   */
  async takeNewMo(trx: Db, limit: number): Promise<{ clientId: number; url: string; id: number; source: string; destination: string; text: string; receivedAt: Date }[]> {
    const { rows } = await sql<{ client_id: number; url: string; id: number; source: string; destination: string; text: string; received_at: Date }>`
      WITH w AS (
        SELECT client_id, url, mo_cursor FROM client_webhooks
        WHERE url IS NOT NULL AND 'mo' = ANY(events) FOR UPDATE SKIP LOCKED
      )
      SELECT w.client_id, w.url, i.id, i.source, i.destination, i.text, i.received_at
      FROM w CROSS JOIN LATERAL (
        SELECT id, source, destination, text, received_at FROM inbox
        WHERE inbox.client_id = w.client_id AND inbox.id > w.mo_cursor ORDER BY id LIMIT ${limit}
      ) i
      ORDER BY i.id`.execute(trx);
    const out = rows.map((r) => ({ clientId: Number(r.client_id), url: r.url, id: Number(r.id), source: r.source, destination: r.destination, text: r.text, receivedAt: new Date(r.received_at) }));
    const cursors = new Map<number, number>();
    for (const r of out) cursors.set(r.clientId, Math.max(cursors.get(r.clientId) ?? 0, r.id));
    if (cursors.size > 0) {
      await sql`
        UPDATE client_webhooks w SET mo_cursor = c.cursor
        FROM unnest(${[...cursors.keys()]}::bigint[], ${[...cursors.values()]}::bigint[]) AS c(client_id, cursor)
        WHERE w.client_id = c.client_id AND w.mo_cursor < c.cursor`.execute(trx);
    }
    return out;
  },
};

function toText(r: TextRow): ReportedText {
  return {
    id: Number(r.id),
    clientId: Number(r.client_id),
    channel: r.channel,
    partIds: r.part_ids.map(Number),
    status: r.status,
    dlrUrl: r.dlr_url,
    dlrMask: r.dlr_mask,
    callbackUrl: r.callback_url,
    owedBits: r.owed_bits,
  };
}
