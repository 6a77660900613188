import { type Kysely, sql } from 'kysely';

/**
 * Which node holds a claim (messages on their way to a vendor, reports and MO on their way to a
 * client): a node that restarts under the same id takes its own claims back at once instead of
 * waiting for their leases to run out.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['messages', 'client_reports', 'inbox']) await sql`ALTER TABLE ${sql.table(table)} ADD COLUMN claimed_by text`.execute(db);
}
