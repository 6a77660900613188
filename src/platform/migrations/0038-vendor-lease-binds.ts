import { type Kysely, sql } from 'kysely';

/** The holder of a vendor writes its binds' live state with every renewal, so any node can show them. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE vendor_leases ADD COLUMN binds jsonb NOT NULL DEFAULT '[]'`.execute(db);
}
