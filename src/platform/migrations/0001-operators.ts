import { type Kysely, sql } from 'kysely';

/** Operators (staff), their panel sessions and script tokens, and the change history of everything. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE operators (
      id bigserial PRIMARY KEY,
      login text NOT NULL,
      password_hash text NOT NULL,
      role text NOT NULL CHECK (role IN ('admin', 'manager')),
      name text NOT NULL DEFAULT '',
      email text NOT NULL DEFAULT '',
      disabled boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX operators_login_key ON operators (lower(login))`.execute(db);
  await sql`
    CREATE TABLE operator_sessions (
      token_hash text PRIMARY KEY,
      operator_id bigint NOT NULL REFERENCES operators(id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL
    )`.execute(db);
  await sql`
    CREATE TABLE operator_tokens (
      id bigserial PRIMARY KEY,
      operator_id bigint NOT NULL REFERENCES operators(id) ON DELETE CASCADE,
      name text NOT NULL,
      token_hash text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz,
      revoked_at timestamptz
    )`.execute(db);
  await sql`
    CREATE TABLE history (
      id bigserial PRIMARY KEY,
      entity text NOT NULL,
      entity_id bigint NOT NULL,
      action text NOT NULL,
      field text,
      before jsonb,
      after jsonb,
      actor_id bigint REFERENCES operators(id) ON DELETE SET NULL,
      actor_login text NOT NULL,
      at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX history_entity_idx ON history (entity, entity_id, id)`.execute(db);
}
