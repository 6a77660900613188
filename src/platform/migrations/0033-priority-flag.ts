import { type Kysely, sql } from 'kysely';

/**
 * messages.priority becomes the queue rank client priority × 4 + priority_flag (see queueRank), so
 * a message's own priority_flag orders it among its client's messages. Messages still waiting keep
 * their place: their rank is the client priority they carried, times 4.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`UPDATE messages SET priority = priority * 4 WHERE state IN ('queued', 'scheduled')`.execute(db);
}
