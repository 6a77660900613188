import { type Kysely, sql } from 'kysely';

/**
 * `petrel_abort(code, message)` raises an error with that SQLSTATE: a statement that runs on its
 * own (committed by itself, without BEGIN and COMMIT around it) calls it when something it wrote
 * must not stand, so the whole statement is undone. Intake's one-statement batch uses it when a
 * charge or a day's count no longer holds (messaging/intake/intake.store.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION petrel_abort(code text, message text) RETURNS boolean LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION USING ERRCODE = code, MESSAGE = message;
    END $$`.execute(db);
}
