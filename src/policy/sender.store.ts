import { type Kysely, type QueryExecutorProvider, sql } from 'kysely';
import type { AccountsTables } from '../accounts/tables.ts';
import { decideNewSender, type ModerationMode, type SenderStatus } from './rules/check-sender.ts';
import type { PolicyTables } from './tables.ts';

type Db = Kysely<PolicyTables & Pick<AccountsTables, 'clients'>>;

/** A sender name of a client and where it stands in moderation. */
export interface ClientSender {
  readonly id: number;
  readonly clientId: number;
  readonly clientLogin: string;
  readonly name: string;
  readonly status: SenderStatus;
  readonly reason: string;
  readonly decidedBy: string | null;
  readonly decidedAt: Date | null;
  readonly createdAt: Date;
}

export const SENDER_KEY = 'client_senders_key';

/** Sender names, their moderation, and the platform's deny-list (SQL only). */
export class SenderStore {
  constructor(private readonly db: Db) {}

  in(trx: Db): SenderStore {
    return new SenderStore(trx);
  }

  /** For intake: the status of each name the client uses, keyed by the lower-cased name. */
  async senderStatuses(clientId: number, names: readonly string[]): Promise<Map<string, SenderStatus>> {
    if (names.length === 0) return new Map();
    const lower = [...new Set(names.map((n) => n.toLowerCase()))];
    const rows = await this.db
      .selectFrom('client_senders')
      .select([sql<string>`lower(name)`.as('name'), 'status'])
      .where('client_id', '=', clientId)
      .where(sql<string>`lower(name)`, 'in', lower)
      .execute();
    return new Map(rows.map((r) => [r.name, r.status]));
  }

  /**
   * For intake: a message from a name the client has not registered asks for it. The status comes
   * from the client's moderation (automatic approves names passing the rules and not denied).
   * A name already there keeps its status. Call it in the intake transaction.
   */
  async requestSender(trx: QueryExecutorProvider, clientId: number, name: string, moderation: ModerationMode, denylist: readonly string[]): Promise<SenderStatus> {
    const status = decideNewSender({ moderation, name, denylist });
    const decided = status === 'approved' ? 'automatic' : null;
    const decidedAt = decided === null ? sql`NULL::timestamptz` : sql`now()`;
    const { rows } = await sql<{ status: SenderStatus }>`
      WITH added AS (
        INSERT INTO client_senders (client_id, name, status, decided_by, decided_at)
        VALUES (${clientId}, ${name}, ${status}, ${decided}, ${decidedAt})
        ON CONFLICT (client_id, lower(name)) DO NOTHING
        RETURNING status)
      SELECT status FROM added
      UNION ALL
      SELECT status FROM client_senders WHERE client_id = ${clientId} AND lower(name) = lower(${name})
      LIMIT 1`.execute(trx);
    return rows[0]?.status ?? status;
  }

  async list(filter: { status?: SenderStatus | undefined; clientId?: number | undefined; managerId?: number | undefined; id?: number | undefined }): Promise<ClientSender[]> {
    let q = this.db
      .selectFrom('client_senders as s')
      .innerJoin('clients as c', 'c.id', 's.client_id')
      .select(['s.id', 's.client_id', 'c.login', 's.name', 's.status', 's.reason', 's.decided_by', 's.decided_at', 's.created_at']);
    if (filter.status) q = q.where('s.status', '=', filter.status);
    if (filter.clientId !== undefined) q = q.where('s.client_id', '=', filter.clientId);
    if (filter.managerId !== undefined) q = q.where('c.manager_id', '=', filter.managerId);
    if (filter.id !== undefined) q = q.where('s.id', '=', filter.id);
    const rows = await q.orderBy('s.created_at').orderBy('s.id').limit(5000).execute();
    return rows.map((r) => ({
      id: r.id,
      clientId: r.client_id,
      clientLogin: r.login,
      name: r.name,
      status: r.status,
      reason: r.reason,
      decidedBy: r.decided_by,
      decidedAt: r.decided_at,
      createdAt: r.created_at,
    }));
  }

  async insert(s: { clientId: number; name: string; status: SenderStatus; decidedBy: string | null; at: Date }): Promise<number> {
    const r = await this.db
      .insertInto('client_senders')
      .values({ client_id: s.clientId, name: s.name, status: s.status, decided_by: s.decidedBy, decided_at: s.decidedBy ? s.at : null })
      .returning('id')
      .executeTakeFirstOrThrow();
    return r.id;
  }

  async decide(id: number, d: { status: 'approved' | 'denied'; reason: string; decidedBy: string; at: Date }): Promise<boolean> {
    const r = await this.db.updateTable('client_senders').set({ status: d.status, reason: d.reason, decided_by: d.decidedBy, decided_at: d.at }).where('id', '=', id).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async delete(id: number): Promise<boolean> {
    const r = await this.db.deleteFrom('client_senders').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  /** The deny-list's patterns (names, `*` for any run of characters). */
  async denylist(): Promise<string[]> {
    return (await this.db.selectFrom('sender_denylist').select('pattern').orderBy('pattern').execute()).map((r) => r.pattern);
  }

  async denylistEntries(): Promise<{ pattern: string; createdAt: Date }[]> {
    return (await this.db.selectFrom('sender_denylist').selectAll().orderBy('pattern').execute()).map((r) => ({ pattern: r.pattern, createdAt: r.created_at }));
  }

  /** Adds a pattern; false when it was there (letter case aside). */
  async deny(pattern: string): Promise<boolean> {
    const { rows } = await sql<{ pattern: string }>`
      INSERT INTO sender_denylist (pattern)
      SELECT ${pattern} WHERE NOT EXISTS (SELECT 1 FROM sender_denylist WHERE lower(pattern) = lower(${pattern}))
      ON CONFLICT (pattern) DO NOTHING
      RETURNING pattern`.execute(this.db);
    return rows.length > 0;
  }

  async undeny(pattern: string): Promise<boolean> {
    const r = await this.db.deleteFrom('sender_denylist').where(sql<string>`lower(pattern)`, '=', pattern.toLowerCase()).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }
}
