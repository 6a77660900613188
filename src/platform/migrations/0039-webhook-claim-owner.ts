import { type Kysely, sql } from 'kysely';

/**
 * Webhook deliveries carry the name of the node that claimed them, as messages, reports and MO
 * do (0034): a node started again under its name takes its claims back at once instead of
 * waiting out their leases.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE webhook_deliveries ADD COLUMN claimed_by text`.execute(db);
}
