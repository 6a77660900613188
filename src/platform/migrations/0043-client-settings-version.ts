import { type Kysely, sql } from 'kysely';

/**
 * `clients.settings_version` counts the changes to what intake decides with: the client's own
 * settings (the columns intake reads, listed in INTAKE_COLUMNS, the balance aside), its prices and
 * its sender names. Intake keeps them in memory and its one-statement store checks the version on
 * the client rows it locks (messaging/intake/intake-cache.ts), so a change made anywhere, by any
 * node, counts from the next batch on.
 *
 * The clients trigger fires only for an UPDATE whose SET names one of those columns, so a charge
 * (SET balance) does not bump the version. Prices and senders bump it once per statement, however
 * many rows it changed (a price list import is one bump per client).
 */
export const INTAKE_COLUMNS = [
  'status',
  'can_send_smpp',
  'can_send_http_api',
  'can_send_rest',
  'can_send_web',
  'country',
  'timezone',
  'dispatch_windows',
  'priority',
  'blacklist_disabled',
  'dynamic_sender',
  'moderation',
  'daily_limit',
  'can_send_tests',
  'credit_limit',
  'overdraw_amount',
  'overdraw_until',
  'dlr_wait_days',
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE clients ADD COLUMN settings_version bigint NOT NULL DEFAULT 0`.execute(db);
  await sql`
    CREATE FUNCTION petrel_bump_settings_version() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.settings_version := OLD.settings_version + 1;
      RETURN NEW;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER clients_settings_version BEFORE UPDATE OF ${sql.join(INTAKE_COLUMNS.map((c) => sql.ref(c)))} ON clients
    FOR EACH ROW EXECUTE FUNCTION petrel_bump_settings_version()`.execute(db);
  // One function per transition table: PostgreSQL allows transition tables only on single-event triggers.
  await sql`
    CREATE FUNCTION petrel_bump_client_versions() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE clients SET settings_version = settings_version + 1 WHERE id IN (SELECT client_id FROM changed_rows);
      RETURN NULL;
    END $$`.execute(db);
  for (const table of ['client_prices', 'client_senders']) {
    for (const [event, transition] of [
      ['INSERT', 'NEW'],
      ['UPDATE', 'NEW'],
      ['DELETE', 'OLD'],
    ] as const) {
      await sql`
        CREATE TRIGGER ${sql.id(`${table}_${event.toLowerCase()}_version`)} AFTER ${sql.raw(event)} ON ${sql.table(table)}
        REFERENCING ${sql.raw(transition)} TABLE AS changed_rows
        FOR EACH STATEMENT EXECUTE FUNCTION petrel_bump_client_versions()`.execute(db);
    }
  }
}
