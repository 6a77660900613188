import { type Kysely, sql } from 'kysely';
import type { Database } from '../../database.ts';
import type { DeliveryEvent, DeliveryStatus } from './tables.ts';

type Db = Kysely<Database>;

/** A delivery to put in the outbox; `dedupeKey` makes a second insert of the same one a no-op. */
export interface OutboxRow {
  readonly clientId: number;
  readonly event: DeliveryEvent;
  readonly dedupeKey: string | null;
  readonly messageId: number | null;
  readonly inboxId?: number | null;
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly body: string | null;
}

export interface ClaimedDelivery {
  readonly id: number;
  readonly clientId: number;
  readonly event: DeliveryEvent;
  readonly messageId: number | null;
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly body: string | null;
  /** Tries made before this one. */
  readonly attempts: number;
  /** The client's signing secret, when it has one. */
  readonly secret: string | null;
}

export interface AttemptOutcome {
  readonly id: number;
  readonly attempt: number;
  readonly at: Date;
  readonly statusCode: number | null;
  readonly error: string | null;
  readonly durationMs: number;
  readonly status: DeliveryStatus;
  /** When the next try is due (status pending). */
  readonly nextAttemptAt: Date | null;
}

export interface DeliveryView {
  readonly id: number;
  readonly event: DeliveryEvent;
  readonly messageId: string | null;
  readonly inboxId: string | null;
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly body: string | null;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly nextAttemptAt: string | null;
  readonly lastStatus: number | null;
  readonly lastError: string | null;
  readonly resendOf: number | null;
  readonly createdAt: string;
  readonly deliveredAt: string | null;
  readonly tries: { attempt: number; at: string; statusCode: number | null; error: string | null; durationMs: number }[];
}

/**
 * The webhook outbox: durable deliveries with their tries. Workers claim due rows with
 * FOR UPDATE SKIP LOCKED and a lease (claimed_until), so several nodes share the work and a node
 * that dies mid-call leaves its rows to the next claim once the lease ends.
 */
export class DeliveriesStore {
  /** `nodeId`: the name claims go under (platform/node-identity.ts), so a restarted node takes its own back. */
  constructor(
    private readonly db: Db,
    private readonly nodeId: string | null = null,
  ) {}

  /**
   * Inserts in the caller's transaction; returns how many were new. With `claimUntil`, the new
   * rows among the first `claimCount` given (all by default; a row already queued, a dedupe
   * conflict, still counts) go in claimed until then and come back with what the sender needs
   * (the client's secret included): the relay hands them to this node's sender after commit, so
   * no claim round takes them. The others go in unclaimed, for the sender's claims.
   */
  async enqueue(trx: Db, rows: readonly OutboxRow[], at: Date, claimUntil: Date | null = null, claimCount = rows.length): Promise<{ queued: number; claimed: ClaimedDelivery[] }> {
    if (rows.length === 0) return { queued: 0, claimed: [] };
    const col = <T>(f: (r: OutboxRow) => T): T[] => rows.map(f);
    const claims = claimUntil === null ? 0 : claimCount;
    const { rows: inserted } = await sql<ClaimedRow & { claimed: boolean }>`
      WITH ins AS (
        INSERT INTO webhook_deliveries (client_id, event, dedupe_key, message_id, inbox_id, method, url, body, next_attempt_at, created_at, claimed_until, claimed_by)
        SELECT client_id, event, dedupe_key, message_id, inbox_id, method, url, body, ${at}::timestamptz, ${at}::timestamptz,
          CASE WHEN n <= ${claims} THEN ${claimUntil}::timestamptz END, CASE WHEN n <= ${claims} THEN ${this.nodeId}::text END
        FROM unnest(${col((r) => r.clientId)}::bigint[], ${col((r) => r.event)}::text[], ${col((r) => r.dedupeKey)}::text[],
          ${col((r) => r.messageId)}::bigint[], ${col((r) => r.inboxId ?? null)}::bigint[], ${col((r) => r.method)}::text[],
          ${col((r) => r.url)}::text[], ${col((r) => r.body)}::text[]) WITH ORDINALITY AS d(client_id, event, dedupe_key, message_id, inbox_id, method, url, body, n)
        ON CONFLICT (dedupe_key) DO NOTHING
        RETURNING id, client_id, event, message_id, method, url, body, attempts, claimed_until IS NOT NULL AS claimed
      )
      SELECT ins.*, w.secret FROM ins LEFT JOIN client_webhooks w ON w.client_id = ins.client_id ORDER BY ins.id`.execute(trx);
    return { queued: inserted.length, claimed: inserted.filter((r) => r.claimed).map(toClaimed) };
  }

  /** Lets deliveries claimed by this node go back to the outbox before their lease ends (a sender that stops). */
  async release(ids: readonly number[]): Promise<void> {
    if (ids.length === 0) return;
    await sql`UPDATE webhook_deliveries SET claimed_until = NULL, claimed_by = NULL WHERE id = ANY(${ids}::bigint[]) AND status = 'pending'`.execute(this.db);
  }

  /** Moves the lease of deliveries this node still holds (claimed or handed, not settled yet) to `until`. */
  async renew(ids: readonly number[], until: Date): Promise<void> {
    if (ids.length === 0) return;
    await sql`UPDATE webhook_deliveries SET claimed_until = ${until} WHERE id = ANY(${ids}::bigint[]) AND status = 'pending' AND claimed_until IS NOT NULL`.execute(this.db);
  }

  /**
   * At start: gives back every delivery a node of this store's name still holds claimed (its own
   * from before a crash), so it is due at once instead of when its lease runs out. Returns how many.
   */
  async takeBack(): Promise<number> {
    if (this.nodeId === null) return 0;
    const { rows } = await sql<{ id: number }>`
      UPDATE webhook_deliveries SET claimed_until = NULL, claimed_by = NULL
      WHERE status = 'pending' AND claimed_until IS NOT NULL AND claimed_by = ${this.nodeId}
      RETURNING id`.execute(this.db);
    return rows.length;
  }

  async claimDue(now: Date, limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
    const { rows } = await sql<ClaimedRow>`
      WITH c AS (
        SELECT id FROM webhook_deliveries
        WHERE status = 'pending' AND next_attempt_at <= ${now} AND (claimed_until IS NULL OR claimed_until < ${now})
        ORDER BY next_attempt_at, id LIMIT ${limit} FOR UPDATE SKIP LOCKED
      ), u AS (
        UPDATE webhook_deliveries d SET claimed_until = ${new Date(now.getTime() + leaseMs)}, claimed_by = ${this.nodeId}::text FROM c WHERE d.id = c.id
        RETURNING d.id, d.client_id, d.event, d.message_id, d.method, d.url, d.body, d.attempts
      )
      SELECT u.*, w.secret FROM u LEFT JOIN client_webhooks w ON w.client_id = u.client_id ORDER BY u.id`.execute(this.db);
    return rows.map(toClaimed);
  }

  /**
   * Records the tries of a round and moves each delivery on: delivered, due again later, or failed.
   * A delivery delivered at its first try writes no attempt row: the delivery row holds that try
   * (the log reads it from there), so the usual report costs one row update, not an insert too.
   */
  async settle(outcomes: readonly AttemptOutcome[]): Promise<void> {
    if (outcomes.length === 0) return;
    const col = <T>(f: (o: AttemptOutcome) => T, of: readonly AttemptOutcome[] = outcomes): T[] => of.map(f);
    const logged = outcomes.filter((o) => !isFirstTrySuccess(o));
    const update = sql`
      UPDATE webhook_deliveries d SET status = o.status, attempts = o.attempt, last_status = o.status_code, last_error = o.error, last_duration_ms = o.duration_ms,
        next_attempt_at = coalesce(o.next_at, d.next_attempt_at), claimed_until = NULL, claimed_by = NULL,
        delivered_at = CASE WHEN o.status = 'delivered' THEN o.at ELSE d.delivered_at END
      FROM unnest(${col((o) => o.id)}::bigint[], ${col((o) => o.status)}::text[], ${col((o) => o.attempt)}::int[], ${col((o) => o.statusCode)}::int[],
        ${col((o) => o.error)}::text[], ${col((o) => o.nextAttemptAt)}::timestamptz[], ${col((o) => o.at)}::timestamptz[], ${col((o) => o.durationMs)}::int[])
        AS o(id, status, attempt, status_code, error, next_at, at, duration_ms)
      WHERE d.id = o.id`;
    if (logged.length === 0) {
      await update.execute(this.db);
      return;
    }
    await this.db.transaction().execute(async (trx) => {
      await update.execute(trx);
      await sql`
        INSERT INTO webhook_attempts (delivery_id, attempt, at, status_code, error, duration_ms)
        SELECT * FROM unnest(${col((o) => o.id, logged)}::bigint[], ${col((o) => o.attempt, logged)}::int[], ${col((o) => o.at, logged)}::timestamptz[],
          ${col((o) => o.statusCode, logged)}::int[], ${col((o) => o.error, logged)}::text[], ${col((o) => o.durationMs, logged)}::int[])`.execute(trx);
    });
  }

  /** A client's deliveries, newest first, with every try. */
  async page(clientId: number, q: { page: number; pageSize: number; status?: DeliveryStatus | undefined; event?: DeliveryEvent | undefined }): Promise<{ items: DeliveryView[]; total: number }> {
    const where = sql`client_id = ${clientId} ${q.status ? sql`AND status = ${q.status}` : sql``} ${q.event ? sql`AND event = ${q.event}` : sql``}`;
    const [{ rows }, { rows: counted }] = await Promise.all([
      sql<DeliveryRow>`
        SELECT d.*, coalesce((SELECT json_agg(json_build_object('attempt', a.attempt, 'at', a.at, 'statusCode', a.status_code, 'error', a.error, 'durationMs', a.duration_ms) ORDER BY a.id)
          FROM webhook_attempts a WHERE a.delivery_id = d.id),
          -- delivered at the first try: the try is the delivery row's own (settle writes no attempt row for it)
          CASE WHEN d.status = 'delivered' AND d.attempts = 1
            THEN json_build_array(json_build_object('attempt', 1, 'at', d.delivered_at, 'statusCode', d.last_status, 'error', d.last_error, 'durationMs', coalesce(d.last_duration_ms, 0))) END,
          '[]') AS tries
        FROM webhook_deliveries d WHERE ${where} ORDER BY d.id DESC LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`.execute(this.db),
      sql<{ n: number }>`SELECT count(*)::int AS n FROM webhook_deliveries WHERE ${where}`.execute(this.db),
    ]);
    return { items: rows.map(toView), total: counted[0]?.n ?? 0 };
  }

  /** Queues again, as new deliveries, what was queued for the client in [from, to] (resends themselves excluded). */
  async resend(clientId: number, from: Date, to: Date, at: Date, onlyFailed: boolean): Promise<number> {
    const { rows } = await sql<{ id: number }>`
      INSERT INTO webhook_deliveries (client_id, event, message_id, inbox_id, method, url, body, resend_of, next_attempt_at, created_at)
      SELECT client_id, event, message_id, inbox_id, method, url, body, id, ${at}::timestamptz, ${at}::timestamptz FROM webhook_deliveries
      WHERE client_id = ${clientId} AND resend_of IS NULL AND created_at >= ${from} AND created_at <= ${to}
        ${onlyFailed ? sql`AND status = 'failed'` : sql``}
      ORDER BY id
      RETURNING id`.execute(this.db);
    return rows.length;
  }
}

interface DeliveryRow {
  id: number;
  event: DeliveryEvent;
  message_id: number | null;
  inbox_id: number | null;
  method: 'GET' | 'POST';
  url: string;
  body: string | null;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: Date;
  last_status: number | null;
  last_error: string | null;
  resend_of: number | null;
  created_at: Date;
  delivered_at: Date | null;
  tries: { attempt: number; at: string; statusCode: number | null; error: string | null; durationMs: number }[] | string;
}

function toView(r: DeliveryRow): DeliveryView {
  const tries = typeof r.tries === 'string' ? (JSON.parse(r.tries) as DeliveryView['tries']) : r.tries;
  return {
    id: Number(r.id),
    event: r.event,
    messageId: r.message_id === null ? null : String(r.message_id),
    inboxId: r.inbox_id === null ? null : String(r.inbox_id),
    method: r.method,
    url: r.url,
    body: r.body,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.status === 'pending' ? new Date(r.next_attempt_at).toISOString() : null,
    lastStatus: r.last_status,
    lastError: r.last_error,
    resendOf: r.resend_of === null ? null : Number(r.resend_of),
    createdAt: new Date(r.created_at).toISOString(),
    deliveredAt: r.delivered_at === null ? null : new Date(r.delivered_at).toISOString(),
    tries: tries.map((t) => ({ ...t, at: new Date(t.at).toISOString() })),
  };
}

interface ClaimedRow {
  id: number;
  client_id: number;
  event: DeliveryEvent;
  message_id: number | null;
  method: 'GET' | 'POST';
  url: string;
  body: string | null;
  attempts: number;
  secret: string | null;
}

function toClaimed(r: ClaimedRow): ClaimedDelivery {
  return { id: Number(r.id), clientId: Number(r.client_id), event: r.event, messageId: r.message_id === null ? null : Number(r.message_id), method: r.method, url: r.url, body: r.body, attempts: r.attempts, secret: r.secret };
}

function isFirstTrySuccess(o: AttemptOutcome): boolean {
  return o.attempt === 1 && o.status === 'delivered';
}
