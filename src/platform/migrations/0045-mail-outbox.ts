import { type Kysely, sql } from 'kysely';

/**
 * E-mail to clients (interfaces.md: PETREL_SMTP_URL; without it mail is kept in the outbox and seen
 * in the admin panel): the durable outbox every mail is written to in the transaction of what it
 * tells, and the low-balance notice per client (clients.md, Notification limit: one e-mail when
 * the available balance falls below the limit, re-armed once it rises above it again), and the
 * last day whose statistics each client was mailed (Daily mailing of general statistics).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

const statements = [
  `CREATE TABLE mail_outbox (
    id bigserial PRIMARY KEY,
    kind text NOT NULL CHECK (kind IN ('price_update', 'low_balance', 'daily_stats')),
    client_id bigint,                             -- no foreign key: its share lock on the client row would wait on (and can deadlock with) intake's FOR UPDATE
    to_address text NOT NULL,
    subject text NOT NULL,
    body text NOT NULL,
    status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    attempts integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error text,
    claimed_until timestamptz,                    -- a sender's lease: another node takes the row after it
    claimed_by text,
    created_at timestamptz NOT NULL DEFAULT now(),
    sent_at timestamptz
  )`,
  `CREATE INDEX mail_outbox_due_idx ON mail_outbox (next_attempt_at) WHERE status = 'pending'`,
  `CREATE INDEX mail_outbox_client_idx ON mail_outbox (client_id, id)`,
  // A row while the client's low-balance e-mail has gone and the balance has not risen above the limit since.
  `CREATE TABLE client_low_balance_notices (
    client_id bigint PRIMARY KEY,                 -- no foreign key, as above
    notified_at timestamptz NOT NULL
  )`,
  // The last day (the client's own) whose statistics were mailed to the client (clients.md: Daily mailing of general statistics).
  `CREATE TABLE client_daily_stats_mails (
    client_id bigint PRIMARY KEY,                 -- no foreign key, as above
    last_day date NOT NULL
  )`,
];
