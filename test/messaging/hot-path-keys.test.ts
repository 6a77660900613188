import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, type TestDb } from '../dispatch/support/db.ts';

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(async () => {
  await t.close();
});

/**
 * A foreign key on a table written once or more per message runs a check per row that also
 * share-locks the referenced row (migrations 0031 and 0040). Only the message's destination keeps
 * one: deleting a destination relies on it to refuse while messages refer to it.
 */
describe('tables written per message', () => {
  it('carry no foreign keys but the message’s destination', async () => {
    const { rows } = await sql<{ table: string; name: string }>`
      SELECT conrelid::regclass::text AS table, conname AS name FROM pg_constraint
      WHERE contype = 'f' AND conrelid::regclass::text IN ('messages', 'client_reports', 'message_events', 'stats_moves', 'early_receipts')
      ORDER BY 1, 2`.execute(t.db);
    expect(rows).toEqual([{ table: 'messages', name: 'messages_destination_id_fkey' }]);
  });
});

/**
 * Ids only rise: an index that orders them descending takes every new entry at the left edge of
 * its range, off the B-tree's right-edge fast path, and its pages split into halves that stay
 * half empty (migration 0044). Newest-first listings read an ascending index backwards.
 */
describe('indexes of tables that grow by a row per message', () => {
  it('order ids ascending', async () => {
    const { rows } = await sql<{ name: string; definition: string }>`
      SELECT indexname AS name, indexdef AS definition FROM pg_indexes
      WHERE tablename IN ('messages', 'inbox', 'webhook_deliveries', 'client_reports', 'message_events', 'ledger') AND indexdef ~* '[ (]id DESC'
      ORDER BY 1`.execute(t.db);
    expect(rows).toEqual([]);
  });

  it('serve a client’s newest messages from the client index, read backwards', async () => {
    const plan = await t.db.connection().execute(async (conn) => {
      await sql`SET enable_seqscan = off`.execute(conn);
      try {
        const { rows } = await sql<{ 'QUERY PLAN': string }>`EXPLAIN SELECT id FROM messages WHERE client_id = 1 ORDER BY id DESC LIMIT 20`.execute(conn);
        return rows.map((r) => r['QUERY PLAN']).join('\n');
      } finally {
        await sql`RESET enable_seqscan`.execute(conn);
      }
    });
    expect(plan).toMatch(/Index (Only )?Scan Backward using messages_client_idx/);
    expect(plan).not.toMatch(/Sort/);
  });
});
