import { type Kysely, sql } from 'kysely';
import type { Database } from '../../database.ts';
import type { DayFigures, MailDraft, Recipient } from './rules/mails.ts';
import type { MailKind, MailStatus } from './tables.ts';

/** A mail claimed for sending. */
export interface ClaimedMail {
  readonly id: number;
  readonly to: string;
  readonly subject: string;
  readonly body: string;
  readonly attempts: number;
}

/** A try's outcome, to record. */
export interface MailOutcome {
  readonly id: number;
  readonly status: MailStatus;
  readonly attempts: number;
  readonly error: string | null;
  readonly nextAttemptAt: Date | null;
  readonly at: Date;
}

/** The outbox as the admin panel lists it. */
export interface MailView {
  readonly id: string;
  readonly kind: MailKind;
  readonly clientId: number | null;
  readonly clientLogin: string | null;
  readonly to: string;
  readonly subject: string;
  readonly body: string;
  readonly status: MailStatus;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly createdAt: string;
  readonly nextAttemptAt: string | null;
  readonly sentAt: string | null;
}

/** A client whose available funds fell below its notification limit, with what its mail needs. */
export interface LowBalanceClient extends ClientRecipient {
  readonly available: string;
  readonly limit: string;
}

type Db = Kysely<Database>;

/**
 * The e-mail outbox: mails go in within the transaction of what they tell, a sender claims the due
 * ones (a lease per claim, so several nodes never send the same mail at once), and every try is
 * recorded on the row.
 */
export class MailOutboxStore {
  constructor(
    private readonly db: Db,
    private readonly nodeId = 'node',
  ) {}

  /** Queues mails in `trx` (the caller's transaction). */
  static async enqueue(trx: Db, mails: readonly (MailDraft & { kind: MailKind; clientId: number | null })[]): Promise<void> {
    if (mails.length === 0) return;
    await trx
      .insertInto('mail_outbox')
      .values(mails.map((m) => ({ kind: m.kind, client_id: m.clientId, to_address: m.to, subject: m.subject, body: m.body })))
      .execute();
  }

  /** Up to `limit` due mails, oldest first, claimed by this node until `now + leaseMs`. */
  async claimDue(now: Date, limit: number, leaseMs: number): Promise<ClaimedMail[]> {
    const until = new Date(now.getTime() + leaseMs);
    const { rows } = await sql<{ id: string; to_address: string; subject: string; body: string; attempts: number }>`
      UPDATE mail_outbox SET claimed_until = ${until}, claimed_by = ${this.nodeId}
      WHERE id IN (
        SELECT id FROM mail_outbox
        WHERE status = 'pending' AND next_attempt_at <= ${now} AND (claimed_until IS NULL OR claimed_until < ${now})
        ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
      RETURNING id, to_address, subject, body, attempts`.execute(this.db);
    return rows.map((r) => ({ id: Number(r.id), to: r.to_address, subject: r.subject, body: r.body, attempts: r.attempts })).sort((a, b) => a.id - b.id);
  }

  /** Mails waiting to be sent (or tried again), every node's. */
  async pending(): Promise<number> {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM mail_outbox WHERE status = 'pending'`.execute(this.db);
    return rows[0]?.n ?? 0;
  }

  /** Lets claimed mails go unsent (a round out of time, a stopping node): due again at once, for any node. */
  async release(ids: readonly number[]): Promise<void> {
    if (ids.length === 0) return;
    await sql`UPDATE mail_outbox SET claimed_until = NULL, claimed_by = NULL WHERE id = ANY(${[...ids]}::bigint[]) AND status = 'pending'`.execute(this.db);
  }

  /** Records tries: sent, failed for good, or pending again at `nextAttemptAt`; the claim is let go. A sent mail keeps the error of its last failed try. */
  async settle(outcomes: readonly MailOutcome[]): Promise<void> {
    if (outcomes.length === 0) return;
    const col = <T>(pick: (o: MailOutcome) => T): T[] => outcomes.map(pick);
    await sql`
      UPDATE mail_outbox m SET status = o.status, attempts = o.attempts, last_error = coalesce(o.error, m.last_error),
        next_attempt_at = coalesce(o.next_attempt_at, m.next_attempt_at), sent_at = o.sent_at, claimed_until = NULL, claimed_by = NULL
      FROM unnest(${col((o) => o.id)}::bigint[], ${col((o) => o.status)}::text[], ${col((o) => o.attempts)}::int[], ${col((o) => o.error)}::text[],
        ${col((o) => o.nextAttemptAt)}::timestamptz[], ${col((o) => (o.status === 'sent' ? o.at : null))}::timestamptz[])
        AS o(id, status, attempts, error, next_attempt_at, sent_at)
      WHERE m.id = o.id`.execute(this.db);
  }

  /** A page of the outbox, newest first; `clientIds` narrows it (a manager's clients). */
  async page(q: { status?: MailStatus | undefined; clientId?: number | undefined; clientIds?: readonly number[] | undefined; page: number; pageSize: number }): Promise<{ items: MailView[]; total: number }> {
    const where = [sql`true`];
    if (q.status !== undefined) where.push(sql`m.status = ${q.status}`);
    if (q.clientId !== undefined) where.push(sql`m.client_id = ${q.clientId}`);
    if (q.clientIds !== undefined) where.push(q.clientIds.length ? sql`m.client_id IN (${sql.join(q.clientIds)})` : sql`false`);
    const filter = sql.join(where, sql` AND `);
    const { rows } = await sql<{
      id: string;
      kind: MailKind;
      client_id: string | null;
      login: string | null;
      to_address: string;
      subject: string;
      body: string;
      status: MailStatus;
      attempts: number;
      last_error: string | null;
      created_at: Date | string;
      next_attempt_at: Date | string;
      sent_at: Date | string | null;
    }>`
      SELECT m.id, m.kind, m.client_id, c.login, m.to_address, m.subject, m.body, m.status, m.attempts, m.last_error, m.created_at, m.next_attempt_at, m.sent_at
      FROM mail_outbox m LEFT JOIN clients c ON c.id = m.client_id
      WHERE ${filter} ORDER BY m.id DESC LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`.execute(this.db);
    const { rows: count } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM mail_outbox m WHERE ${filter}`.execute(this.db);
    const iso = (d: Date | string) => new Date(d).toISOString();
    return {
      total: count[0]?.n ?? 0,
      items: rows.map((r) => ({
        id: String(r.id),
        kind: r.kind,
        clientId: r.client_id === null ? null : Number(r.client_id),
        clientLogin: r.login,
        to: r.to_address,
        subject: r.subject,
        body: r.body,
        status: r.status,
        attempts: r.attempts,
        lastError: r.last_error,
        createdAt: iso(r.created_at),
        nextAttemptAt: r.status === 'pending' ? iso(r.next_attempt_at) : null,
        sentAt: r.sent_at === null ? null : iso(r.sent_at),
      })),
    };
  }
}

/** A client as its mails address it: the columns and their reading, shared by every kind of mail. */
interface RecipientRow {
  id: string;
  login: string;
  contact_name: string;
  email: string;
  price_update_email: string;
  currency: string;
  timezone: string;
}
const RECIPIENT_COLUMNS = sql`c.id, c.login, c.contact_name, c.email, c.price_update_email, c.currency, c.timezone`;
export type ClientRecipient = Recipient & { readonly clientId: number; readonly email: string; readonly priceUpdateEmail: string };
const recipientOf = (r: RecipientRow): ClientRecipient => ({ clientId: Number(r.id), login: r.login, contactName: r.contact_name, email: r.email, priceUpdateEmail: r.price_update_email, currency: r.currency, timezone: r.timezone });

/** What a client mail is addressed with, read in the caller's transaction. */
export async function clientRecipient(trx: Db, clientId: number): Promise<ClientRecipient | undefined> {
  const { rows } = await sql<RecipientRow>`SELECT ${RECIPIENT_COLUMNS} FROM clients c WHERE c.id = ${clientId}`.execute(trx);
  return rows[0] && recipientOf(rows[0]);
}

/**
 * The low-balance notices, in the caller's transaction: clients whose available funds (balance,
 * credit and the overdraw while it lasts) are at or above their limit again, or that have no limit
 * any more, are re-armed; clients below it that have no notice get one, and are returned so that
 * their mail goes in the same transaction. Safe on several nodes at once: the notice's primary key
 * lets one of them take a client.
 */
export async function takeLowBalanceNotices(trx: Db, now: Date): Promise<LowBalanceClient[]> {
  const available = sql`c.balance + coalesce(c.credit_limit, 0) + CASE WHEN c.overdraw_until IS NOT NULL AND c.overdraw_until >= ${now} THEN coalesce(c.overdraw_amount, 0) ELSE 0 END`;
  await sql`
    DELETE FROM client_low_balance_notices n USING clients c
    WHERE n.client_id = c.id AND (c.notification_limit IS NULL OR ${available} >= c.notification_limit)`.execute(trx);
  const { rows } = await sql<RecipientRow & { available: string; limit: string }>`
    WITH low AS (
      SELECT ${RECIPIENT_COLUMNS}, (${available})::text AS available, c.notification_limit::text AS limit
      FROM clients c WHERE c.notification_limit IS NOT NULL AND ${available} < c.notification_limit
    ), noticed AS (
      INSERT INTO client_low_balance_notices (client_id, notified_at) SELECT id, ${now} FROM low
      ON CONFLICT (client_id) DO NOTHING RETURNING client_id
    )
    SELECT low.* FROM low JOIN noticed ON noticed.client_id = low.id ORDER BY low.id`.execute(trx);
  return rows.map((r) => ({ ...recipientOf(r), available: r.available, limit: r.limit }));
}

/** A client owed its daily statistics mail, with the day (its own) and that day's counters. */
export interface DailyStatsClient extends ClientRecipient {
  /** YYYY-MM-DD in the client's time zone. */
  readonly day: string;
  readonly rows: DayFigures[];
}

/** From this hour of the client's morning (Local time) the previous day is mailed. */
export const DAILY_STATS_HOUR = 6;

/**
 * Clients with Daily mailing of general statistics whose morning has come (Local time, from
 * DAILY_STATS_HOUR) and whose previous day is not mailed yet: each is marked mailed for that day
 * here, in the caller's transaction (one node wins a client's day), and returned with the day's
 * counters (stats_daily) so that its mail goes in the same transaction.
 */
export async function takeDailyStatsDue(trx: Db, now: Date): Promise<DailyStatsClient[]> {
  const { rows: due } = await sql<RecipientRow & { day: string }>`
    WITH due AS (
      SELECT ${RECIPIENT_COLUMNS}, ((${now}::timestamptz AT TIME ZONE c.timezone)::date - 1) AS day
      FROM clients c
      WHERE c.daily_stats_email AND extract(hour FROM (${now}::timestamptz AT TIME ZONE c.timezone)) >= ${DAILY_STATS_HOUR}
    ), taken AS (
      INSERT INTO client_daily_stats_mails AS m (client_id, last_day) SELECT id, day FROM due
      ON CONFLICT (client_id) DO UPDATE SET last_day = EXCLUDED.last_day WHERE m.last_day < EXCLUDED.last_day
      RETURNING client_id
    )
    SELECT due.id, due.login, due.contact_name, due.email, due.price_update_email, due.currency, due.timezone, to_char(due.day, 'YYYY-MM-DD') AS day
    FROM due JOIN taken ON taken.client_id = due.id ORDER BY due.id`.execute(trx);
  if (due.length === 0) return [];
  const { rows: figures } = await sql<{ client_id: string; country: string; state: string; is_test: boolean; messages: number; segments: number; amount: string }>`
    SELECT s.client_id, s.country, s.state, s.is_test, sum(s.messages)::int AS messages, sum(s.segments)::int AS segments, sum(s.amount)::text AS amount
    FROM stats_daily s JOIN unnest(${due.map((d) => Number(d.id))}::bigint[], ${due.map((d) => d.day)}::date[]) AS d(client_id, day) ON s.client_id = d.client_id AND s.day = d.day
    GROUP BY s.client_id, s.country, s.state, s.is_test`.execute(trx);
  return due.map((d) => ({
    ...recipientOf(d),
    day: d.day,
    rows: figures.filter((f) => Number(f.client_id) === Number(d.id)).map((f) => ({ country: f.country, state: f.state, isTest: f.is_test, messages: f.messages, segments: f.segments, amount: f.amount })),
  }));
}
