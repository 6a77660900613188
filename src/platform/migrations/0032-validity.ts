import { type Kysely, sql } from 'kysely';

/** A message's validity (SMPP validity_period, /sendsms `validity`, REST `validity`): not sent after it, and passed on to the vendor. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE messages ADD COLUMN valid_until timestamptz`.execute(db);
}
