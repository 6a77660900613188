import { type Kysely, sql } from 'kysely';

/**
 * The message path's queues, measured under load (bench/results/README.md):
 * - A claimed message or report stayed in its queue index until it was sent, so every claim
 *   walked past everything in flight (vendor window × sessions) before finding work. Claimed
 *   rows now leave the index (claimed_until IS NULL in its predicate); leases that ran out are
 *   found through a small index of claimed rows.
 * - Foreign keys on the hottest tables cost a lookup and a share lock on the parent per row
 *   written. messages no longer points at clients, vendors and routes (a vendor with waiting
 *   messages is refused deletion by the API; a deleted route leaves its id in history), and
 *   nothing points at messages (the table is to be partitioned by time). messages keeps its
 *   destination (the statistics key reads the destination's network).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

const statements = [
  'ALTER TABLE messages DROP CONSTRAINT messages_client_id_fkey',
  'ALTER TABLE messages DROP CONSTRAINT messages_route_id_fkey',
  'ALTER TABLE messages DROP CONSTRAINT messages_vendor_id_fkey',
  'ALTER TABLE message_events DROP CONSTRAINT message_events_message_id_fkey',
  'ALTER TABLE client_reports DROP CONSTRAINT client_reports_message_id_fkey',

  'DROP INDEX messages_queue_idx',
  `CREATE INDEX messages_queue_idx ON messages (vendor_id, priority DESC, id) WHERE state IN ('queued', 'scheduled') AND claimed_until IS NULL`,
  `CREATE INDEX messages_claimed_idx ON messages (vendor_id, claimed_until) WHERE state IN ('queued', 'scheduled') AND claimed_until IS NOT NULL`,

  'DROP INDEX client_reports_pending_idx',
  `CREATE INDEX client_reports_pending_idx ON client_reports (client_id, id) WHERE delivered_at IS NULL AND claimed_until IS NULL`,
  `CREATE INDEX client_reports_claimed_idx ON client_reports (client_id, claimed_until) WHERE delivered_at IS NULL AND claimed_until IS NOT NULL`,
];
