import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitBatch } from '../../src/messaging/intake/commit-batch.ts';
import type { IntakeAcceptance, IntakeRequest, TextRecord } from '../../src/messaging/intake/intake-request.ts';
import { addClient, intakeDeps, intakeRequest, startWorld, type World } from './support/world.ts';

let w: World;
beforeAll(async () => {
  w = await startWorld();
});
afterAll(async () => {
  await w.stop();
});

/** A part of an HTTP text as the text submitter hands it to intake (rights are the client's SMPP ones here). */
const part = (clientId: number, record: TextRecord, textPart: number, destination?: string): IntakeRequest =>
  intakeRequest(clientId, {
    ...(destination === undefined ? {} : { destination }),
    esmClass: record.parts > 1 ? 0x40 : 0,
    shortMessage: Buffer.from(record.parts > 1 ? [5, 0, 3, 7, record.parts, textPart, 104, 105] : [104, 105]),
    textRecord: record,
    textPart,
  });
const record = (parts: number, dlrUrl: string | null = 'https://example.com/dlr?s=%d'): TextRecord => ({ channel: 'http', parts, dlrUrl, dlrMask: 7, callbackUrl: null, owedBits: dlrUrl ? 4 : 0 });
const ids = (results: readonly { ok: boolean }[]) => results.map((r) => Number((r as IntakeAcceptance).messageId));

async function textRows(textIds: readonly number[]) {
  const { rows } = await sql<{ id: number; part_ids: number[]; dlr_url: string | null; owed_bits: number; parts: number[]; same_transaction: boolean }>`
    SELECT t.id, t.part_ids, t.dlr_url, t.owed_bits,
           (SELECT coalesce(array_agg(p.message_id ORDER BY p.part_number), '{}') FROM api_text_parts p WHERE p.text_id = t.id) AS parts,
           t.xmin::text = m.xmin::text AS same_transaction
    FROM api_texts t JOIN messages m ON m.id = t.id WHERE t.id = ANY(${textIds}::bigint[]) ORDER BY t.id`.execute(w.db);
  return rows.map((r) => ({ ...r, id: Number(r.id), part_ids: r.part_ids.map(Number), parts: r.parts.map(Number) }));
}

describe('the rows of texts sent over HTTP and REST', () => {
  it('go in with their messages, in the statement that stores them, when every part of a text is in the batch', async () => {
    const c = await addClient(w, 'texts_whole');
    const long = record(2);
    const short = record(1);
    const batch = await commitBatch(intakeDeps(w), [part(c.id, long, 1), part(c.id, long, 2), part(c.id, short, 1)], new Date());
    expect(batch.results.map((r) => r.ok && r.textRecorded)).toEqual([true, true, true]);
    const [first, second, single] = ids(batch.results) as [number, number, number];
    expect(await textRows([first, second, single])).toEqual([
      { id: first, part_ids: [first, second], dlr_url: 'https://example.com/dlr?s=%d', owed_bits: 4, parts: [first, second], same_transaction: true },
      { id: single, part_ids: [single], dlr_url: 'https://example.com/dlr?s=%d', owed_bits: 4, parts: [], same_transaction: true },
    ]);
  });

  it('are left to the text submitter when a part is missing from the batch or refused', async () => {
    const c = await addClient(w, 'texts_apart');
    const split = record(2);
    const refused = record(2);
    // Part 2 of `split` went to the next batch; part 2 of `refused` has no number intake can read.
    const batch = await commitBatch(intakeDeps(w), [part(c.id, split, 1), part(c.id, refused, 1), part(c.id, refused, 2, 'not a number')], new Date());
    expect(batch.results.map((r) => (r.ok ? r.textRecorded : r.code))).toEqual([false, false, 'invalid_destination']);
    expect(await textRows(ids(batch.results.slice(0, 2)))).toEqual([]);
  });
});
