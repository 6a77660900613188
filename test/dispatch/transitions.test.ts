import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldStats } from '../../src/messaging/stats/stats.store.ts';
import { applyTransitions } from '../../src/messaging/transitions.store.ts';
import { insertClient, insertDestination, insertMessages, insertVendor, ledgerMismatches, ledgerRefunder, openTestDb, statsMismatches, type TestDb } from './support/db.ts';

let t: TestDb;
let clientId: number;
let vendorId: number;
let destinationId: number;
const at = new Date();

beforeAll(async () => {
  t = await openTestDb();
  clientId = await insertClient(t.db, { balance: '10' });
  await sql`INSERT INTO ledger (client_id, kind, amount, balance_after, actor) VALUES (${clientId}, 'topup', 10, 10, 'test')`.execute(t.db);
  vendorId = await insertVendor(t.db);
  destinationId = await insertDestination(t.db);
});
afterAll(async () => {
  await t?.close();
});

const apply = (ts: Parameters<typeof applyTransitions>[1]) => t.db.transaction().execute((trx) => applyTransitions(trx, ts, ledgerRefunder));

async function row(id: number) {
  const { rows } = await sql<{ state: string; vendor_message_id: string | null; sent_at: Date | null; done_at: Date | null }>`SELECT state, vendor_message_id, sent_at, done_at FROM messages WHERE id = ${id}`.execute(t.db);
  return rows[0];
}

describe('applyTransitions', () => {
  it('sends, delivers and reports once, keeping the counters equal to a count of messages', async () => {
    const ids = await insertMessages(t.db, 3, { clientId, vendorId, destinationId });
    await apply(ids.map((id, i) => ({ messageId: id, to: 'sent', event: 'submitted', at, vendorMessageId: `v${id}-${i}` })));
    expect((await row(ids[0] as number))?.state).toBe('sent');
    const first = await apply(ids.map((id) => ({ messageId: id, to: 'delivered', event: 'receipt', at })));
    expect(first.reportedClients).toEqual([clientId]);
    const again = await apply(ids.map((id) => ({ messageId: id, to: 'delivered', event: 'receipt', at })));
    expect(again.results.every((r) => !r.applied)).toBe(true);
    expect(again.reportedClients).toEqual([]);
    const reports = await sql<{ n: number }>`SELECT count(*)::int AS n FROM client_reports WHERE message_id IN (${sql.join(ids)})`.execute(t.db);
    expect(reports.rows[0]?.n).toBe(3);
    expect(await statsMismatches(t.db)).toEqual([]);
  });

  it('records a late receipt for a final message and changes nothing else', async () => {
    const [id] = (await insertMessages(t.db, 1, { clientId, vendorId, destinationId })) as [number];
    await apply([{ messageId: id, to: 'delivered', event: 'receipt', at }]);
    const before = await row(id);
    await apply([{ messageId: id, to: 'undelivered', event: 'receipt', at, errorCode: 5 }]);
    expect(await row(id)).toEqual(before);
    const events = await sql<{ kind: string }>`SELECT kind FROM message_events WHERE message_id = ${id} ORDER BY id`.execute(t.db);
    // Delivered is the normal path (no history row: the message row says it all); the late one is kept.
    expect(events.rows.map((e) => e.kind)).toEqual(['late_receipt']);
    expect(await statsMismatches(t.db)).toEqual([]);
  });

  it('refunds a failed message exactly once, so the balance stays the sum of the ledger', async () => {
    const [id] = (await insertMessages(t.db, 1, { clientId, vendorId, destinationId, price: '0.050000' })) as [number];
    await apply([{ messageId: id, to: 'failed', event: 'submit_failed', at }]);
    await apply([{ messageId: id, to: 'rejected', event: 'submit_failed', at }]);
    const refunds = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ledger WHERE kind = 'refund' AND message_id = ${id}`.execute(t.db);
    expect(refunds.rows[0]?.n).toBe(1);
    expect(await ledgerMismatches(t.db)).toEqual([]);
  });

  it('takes a vendor id over from an older message that had it', async () => {
    const [a, b] = (await insertMessages(t.db, 2, { clientId, vendorId, destinationId })) as [number, number];
    await apply([{ messageId: a, to: 'sent', event: 'submitted', at, vendorMessageId: 'same' }]);
    await apply([{ messageId: b, to: 'sent', event: 'submitted', at, vendorMessageId: 'same' }]);
    expect((await row(a))?.vendor_message_id).toBeNull();
    expect((await row(b))?.vendor_message_id).toBe('same');
  });

  it('keeps counters true under concurrent batches on the same messages', async () => {
    const ids = await insertMessages(t.db, 40, { clientId, vendorId, destinationId });
    await Promise.all([
      apply(ids.map((id) => ({ messageId: id, to: 'sent', event: 'submitted', at }))),
      apply([...ids].reverse().map((id) => ({ messageId: id, to: 'expired', event: 'expired', at }))),
      apply(ids.map((id) => ({ messageId: id, to: 'delivered', event: 'receipt', at }))),
    ]);
    expect(await statsMismatches(t.db)).toEqual([]);
  });

  it('folds the appended moves into stats_daily without changing what the counters say', async () => {
    const ids = await insertMessages(t.db, 5, { clientId, vendorId, destinationId });
    await apply(ids.map((id, i) => ({ messageId: id, to: 'sent', event: 'submitted', at, vendorMessageId: `fold-${id}-${i}` })));
    await apply(ids.slice(0, 2).map((id) => ({ messageId: id, to: 'delivered', event: 'receipt', at })));
    const counts = () => sql<{ state: string; n: number }>`SELECT state, sum(messages)::int AS n FROM stats_counts WHERE client_id = ${clientId} GROUP BY state HAVING sum(messages) <> 0 ORDER BY state`.execute(t.db);
    const pending = async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM stats_moves`.execute(t.db)).rows[0]?.n;
    const before = (await counts()).rows;
    expect(await pending()).toBeGreaterThan(0);
    const [a, b] = await Promise.all([foldStats(t.db), foldStats(t.db)]);
    expect(a + b).toBeGreaterThan(0);
    expect(await pending()).toBe(0);
    expect((await counts()).rows).toEqual(before);
    expect(await statsMismatches(t.db)).toEqual([]);
    expect(await foldStats(t.db)).toBe(0);
  });
});
