import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitBatch } from '../../src/messaging/intake/commit-batch.ts';
import { IntakeBatcher } from '../../src/messaging/intake/intake-batcher.ts';
import type { IntakeAcceptance, IntakeRequest, TextRecord } from '../../src/messaging/intake/intake-request.ts';
import { systemClock } from '../../src/platform/clock.ts';
import { addClient, intakeDeps, intakeRequest, one, startWorld, type World } from './support/world.ts';

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
    expect(batch.results.map((r) => r.ok)).toEqual([true, true, true]);
    const [first, second, single] = ids(batch.results) as [number, number, number];
    expect(await textRows([first, second, single])).toEqual([
      { id: first, part_ids: [first, second], dlr_url: 'https://example.com/dlr?s=%d', owed_bits: 4, parts: [first, second], same_transaction: true },
      { id: single, part_ids: [single], dlr_url: 'https://example.com/dlr?s=%d', owed_bits: 4, parts: [], same_transaction: true },
    ]);
  });

  it('refuse the whole text when one part is refused: nothing of it stored, counted or charged', async () => {
    const c = await addClient(w, 'texts_refused', { price: '0.01', balance: '1' });
    const refused = record(3);
    const single = part(c.id, record(1), 1);
    // Part 2 has no number intake can read; the message after the text still goes.
    const batch = await commitBatch(intakeDeps(w), [part(c.id, refused, 1), part(c.id, refused, 2, 'not a number'), part(c.id, refused, 3), single], new Date());
    expect(batch.results.map((r) => (r.ok ? 'ok' : r.code))).toEqual(['invalid_destination', 'invalid_destination', 'invalid_destination', 'ok']);
    const stored = await one(w.db, sql<{ messages: number; counted: number; charged: string; balance: string }>`
      SELECT (SELECT count(*)::int FROM messages WHERE client_id = ${c.id}) AS messages,
             (SELECT coalesce(sum(messages), 0)::int FROM client_daily_counts WHERE client_id = ${c.id}) AS counted,
             (SELECT coalesce(sum(messages), 0)::text FROM ledger WHERE client_id = ${c.id} AND kind = 'charge') AS charged,
             (SELECT balance::text FROM clients WHERE id = ${c.id}) AS balance`);
    expect(stored).toEqual({ messages: 1, counted: 1, charged: '1', balance: '0.990000' });
    expect((await textRows(ids(batch.results.slice(3)))).map((t) => t.same_transaction)).toEqual([true]);
  });

  it('never split between the batcher\'s batches: a text the size limit would cut waits whole for the next', async () => {
    const c = await addClient(w, 'texts_batched');
    const batcher = new IntakeBatcher(intakeDeps(w), systemClock, { maxDelayMs: 1, maxBatch: 5, maxInFlight: 1 });
    const sizes: number[] = [];
    batcher.onCommitted((_batch, size) => sizes.push(size));
    const [cut, long] = [record(3), record(7)];
    // Three messages, a text of 3 that batches of 5 would cut after its second part, then a text longer than a batch.
    const requests = [intakeRequest(c.id), intakeRequest(c.id), intakeRequest(c.id), ...[1, 2, 3].map((n) => part(c.id, cut, n)), ...[1, 2, 3, 4, 5, 6, 7].map((n) => part(c.id, long, n))];
    const results = await Promise.all(requests.map((r) => batcher.submit(r)));
    await batcher.close();
    expect(results.every((r) => r.ok)).toBe(true);
    expect(sizes).toEqual([3, 3, 7]);
    const [first, long1] = [ids(results.slice(3, 4))[0] as number, ids(results.slice(6, 7))[0] as number];
    expect((await textRows([first, long1])).map((t) => [t.parts.length, t.same_transaction])).toEqual([
      [3, true],
      [7, true],
    ]);
  });
});
