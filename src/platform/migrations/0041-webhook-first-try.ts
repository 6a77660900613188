import { type Kysely, sql } from 'kysely';

/**
 * A webhook delivery keeps how long its last try took, so a delivery that succeeds at its first
 * try (almost every one) needs no webhook_attempts row: the delivery log shows that try from the
 * delivery itself. Retried deliveries still log every try.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE webhook_deliveries ADD COLUMN last_duration_ms integer`.execute(db);
}
