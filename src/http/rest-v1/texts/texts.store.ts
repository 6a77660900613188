import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../database.ts';
import { applyTransitions, type Refunder } from '../../../messaging/transitions.store.ts';

/** A text to record once intake has answered for all its parts. */
export interface NewText {
  /** The first part's message id: the id the client holds. */
  readonly id: number;
  readonly clientId: number;
  readonly channel: 'http' | 'rest';
  readonly partIds: readonly number[];
  readonly dlrUrl: string | null;
  readonly dlrMask: number;
  readonly callbackUrl: string | null;
  /** dlr-mask bits 4 and 8 still to report. */
  readonly owedBits: number;
}

/**
 * Records texts (the text row, and a row per part when there is more than one) in one
 * statement: one round trip, atomic without BEGIN/COMMIT.
 */
export async function recordTexts(db: Kysely<Database>, texts: readonly NewText[], status: 'accepted' | 'cancelled'): Promise<void> {
  if (texts.length === 0) return;
  const col = <T>(f: (t: NewText) => T): T[] => texts.map(f);
  const parts = texts.filter((t) => t.partIds.length > 1).flatMap((t) => t.partIds.map((id, i) => ({ id, textId: t.id, n: i + 1 })));
  await sql`
    WITH t AS (
      INSERT INTO api_texts (id, client_id, channel, part_ids, status, dlr_url, dlr_mask, callback_url, owed_bits)
      SELECT id, client_id, channel, string_to_array(part_ids, ',')::bigint[], ${status}, dlr_url, dlr_mask, callback_url, owed_bits
      FROM unnest(${col((t) => t.id)}::bigint[], ${col((t) => t.clientId)}::bigint[], ${col((t) => t.channel)}::text[], ${col((t) => t.partIds.join(','))}::text[],
        ${col((t) => t.dlrUrl)}::text[], ${col((t) => t.dlrMask)}::int[], ${col((t) => t.callbackUrl)}::text[], ${col((t) => (status === 'accepted' ? t.owedBits : 0))}::int[])
        AS t(id, client_id, channel, part_ids, dlr_url, dlr_mask, callback_url, owed_bits)
      RETURNING 1
    ), p AS (
      INSERT INTO api_text_parts (message_id, text_id, part_number)
      SELECT * FROM unnest(${parts.map((x) => x.id)}::bigint[], ${parts.map((x) => x.textId)}::bigint[], ${parts.map((x) => x.n)}::int[])
      RETURNING 1
    )
    SELECT 1`.execute(db);
}

/**
 * A text intake accepted only in part (a later part was refused: funds, daily limit): its
 * accepted parts are deleted and refunded, and the text is recorded as cancelled so no report
 * goes out for it; the client was told the text was refused.
 */
export async function cancelTexts(db: Kysely<Database>, refunder: Refunder, texts: readonly NewText[], reason: string, at: Date): Promise<void> {
  if (texts.length === 0) return;
  await db.transaction().execute(async (trx) => {
    await recordTexts(trx, texts, 'cancelled');
    const transitions = texts.flatMap((t) => t.partIds.map((messageId) => ({ messageId, to: 'deleted' as const, event: 'cancelled', at, detail: reason })));
    await applyTransitions(trx, transitions, refunder);
  });
}
