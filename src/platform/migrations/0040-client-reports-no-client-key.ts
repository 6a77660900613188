import { type Kysely, sql } from 'kysely';

/**
 * Client reports lose their foreign key to clients, as messages lost theirs (0031): every report
 * row ran a per-row check that also share-locked the client's row, the row every intake batch
 * locks and charges, so the vendor side's inserts and intake met on it (20 µs a row in
 * auto_explain). A report's client is the message's, and clients are blocked, never deleted, so
 * the key guarded nothing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE client_reports DROP CONSTRAINT client_reports_client_id_fkey`.execute(db);
}
