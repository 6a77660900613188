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
