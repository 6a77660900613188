import { Decimal } from 'decimal.js';
import { type Kysely, type QueryExecutorProvider, type RawBuilder, sql } from 'kysely';
import type { AccountsTables } from '../accounts/tables.ts';
import type { BillingTables, LedgerKind } from './tables.ts';

type Db = Kysely<BillingTables & Pick<AccountsTables, 'clients'>>;
/** The caller's transaction: any Kysely or Transaction (the statements here are plain SQL). */
export type Trx = QueryExecutorProvider;

/** One balance change. `amount` is signed: a charge is negative. */
export interface LedgerEntry {
  readonly id: number;
  readonly clientId: number;
  readonly kind: LedgerKind;
  readonly amount: Decimal;
  readonly balanceAfter: Decimal;
  readonly messages: number;
  readonly messageId: number | null;
  readonly comment: string;
  readonly actor: string;
  readonly createdAt: Date;
}

/** What one client pays for the messages of one intake batch. */
export interface Charge {
  readonly clientId: number;
  readonly amount: Decimal;
  readonly messages: number;
}

export interface ChargeResult {
  /** Clients whose funds (balance + credit + active overdraw) did not cover their charge: refuse their messages. */
  readonly failed: ReadonlySet<number>;
  /** The balance after the charge, for the clients charged. */
  readonly balances: ReadonlyMap<number, Decimal>;
}

type LedgerRow = { id: number; client_id: number; kind: LedgerKind; amount: string; balance_after: string; messages: number; message_id: number | null; comment: string; actor: string; created_at: Date };

const toEntry = (r: LedgerRow): LedgerEntry => ({
  id: r.id,
  clientId: r.client_id,
  kind: r.kind,
  amount: new Decimal(r.amount),
  balanceAfter: new Decimal(r.balance_after),
  messages: r.messages,
  messageId: r.message_id,
  comment: r.comment,
  actor: r.actor,
  createdAt: r.created_at,
});

/**
 * The ledger: every balance change is a row, and clients.balance is always the sum of the
 * client's rows. Each method is one statement that moves the balance and writes its row together;
 * call it in the caller's transaction.
 */
export class BillingStore {
  constructor(private readonly db: Db) {}

  /** Money paid in (amount > 0). */
  topUp(trx: Trx, clientId: number, amount: Decimal, comment: string, actor: string): Promise<LedgerEntry | undefined> {
    return this.post(trx, { clientId, kind: 'topup', amount, comment, actor });
  }

  /** An operator's correction, either sign. */
  adjust(trx: Trx, clientId: number, amount: Decimal, comment: string, actor: string): Promise<LedgerEntry | undefined> {
    return this.post(trx, { clientId, kind: 'adjustment', amount, comment, actor });
  }

  /** The monthly postpaid top-up (jobs call it once per month and client). */
  postpaidTopUp(trx: Trx, clientId: number, amount: Decimal, comment: string, at?: Date): Promise<LedgerEntry | undefined> {
    return this.post(trx, { clientId, kind: 'postpaid_topup', amount, comment, actor: 'system', at });
  }

  /**
   * Debits each client of an intake batch in ONE statement: a client is charged only when
   * balance − amount ≥ −(credit + overdraw still running at `now`), checked by the UPDATE itself,
   * so concurrent batches can never overdraw. One `charge` ledger row per client. Charges of the
   * same client are summed; zero amounts (free and test messages) are not posted.
   */
  async chargeBatch(trx: Trx, charges: readonly Charge[], now: Date): Promise<ChargeResult> {
    const statement = chargeStatement(charges, now);
    if (statement.clientIds.length === 0) return { failed: new Set(), balances: new Map() };
    const { rows } = await sql<ChargedRow>`WITH ${statement.ctes} SELECT * FROM charged`.execute(trx);
    return chargeResult(statement.clientIds, rows);
  }

  /** Gives back what one message cost (a final failure). At most once per message: false when refunded before. */
  async refund(trx: Trx, clientId: number, messageId: number, amount: Decimal, reason: string): Promise<boolean> {
    if (amount.isZero()) return false;
    const { rows } = await sql<{ id: number }>`
      WITH credited AS (
        UPDATE clients SET balance = balance + ${amount.toFixed()}::numeric
        WHERE id = ${clientId} AND NOT EXISTS (SELECT 1 FROM ledger WHERE kind = 'refund' AND message_id = ${messageId})
        RETURNING id, balance)
      INSERT INTO ledger (client_id, kind, amount, balance_after, messages, message_id, comment, actor)
      SELECT id, 'refund', ${amount.toFixed()}::numeric, balance, 1, ${messageId}, ${reason}, 'system' FROM credited
      RETURNING id`.execute(trx);
    return rows.length > 0;
  }

  async balance(clientId: number): Promise<Decimal | undefined> {
    const r = await this.db.selectFrom('clients').select('balance').where('id', '=', clientId).executeTakeFirst();
    return r && new Decimal(r.balance);
  }

  async page(clientId: number, page: number, pageSize: number): Promise<{ items: LedgerEntry[]; total: number }> {
    const [rows, count] = await Promise.all([
      this.db.selectFrom('ledger').selectAll().where('client_id', '=', clientId).orderBy('id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute(),
      this.db.selectFrom('ledger').select((eb) => eb.fn.countAll<number>().as('n')).where('client_id', '=', clientId).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(toEntry), total: Number(count.n) };
  }

  /** The sum of a client's ledger rows (what its balance must equal). */
  async ledgerSum(clientId: number): Promise<Decimal> {
    const r = await this.db.selectFrom('ledger').select(sql<string>`coalesce(sum(amount), 0)`.as('sum')).where('client_id', '=', clientId).executeTakeFirstOrThrow();
    return new Decimal(r.sum);
  }

  private async post(trx: Trx, p: { clientId: number; kind: LedgerKind; amount: Decimal; comment: string; actor: string; at?: Date | undefined }): Promise<LedgerEntry | undefined> {
    const at = p.at ?? null;
    const { rows } = await sql<LedgerRow>`
      WITH moved AS (UPDATE clients SET balance = balance + ${p.amount.toFixed()}::numeric WHERE id = ${p.clientId} RETURNING id, balance)
      INSERT INTO ledger (client_id, kind, amount, balance_after, comment, actor, created_at)
      SELECT id, ${p.kind}, ${p.amount.toFixed()}::numeric, balance, ${p.comment}, ${p.actor}, coalesce(${at}::timestamptz, now()) FROM moved
      RETURNING *`.execute(trx);
    return rows[0] && toEntry(rows[0]);
  }
}

/**
 * chargeBatch's statement as common table expressions, for a caller that writes more in the same
 * statement (intake stores its messages in the same round trip): put `ctes` in a WITH, and read
 * the CTE `charged` (a row per client charged: client_id, balance_after) with chargeResult.
 * When nothing is due, `charged` is empty and nothing is written.
 *
 * `lockIds` (intake) widens the lock: the CTE `charge_locked` then locks those clients too, in one
 * id order with the ones charged, so a statement that locks more rows after it (reading
 * `charge_locked` first) cannot deadlock with another that does the same.
 */
export function chargeStatement(charges: readonly Charge[], now: Date, lockIds: readonly number[] = []): { ctes: RawBuilder<unknown>; clientIds: number[] } {
  const sums = new Map<number, { amount: Decimal; messages: number }>();
  for (const c of charges) {
    const s = sums.get(c.clientId) ?? { amount: new Decimal(0), messages: 0 };
    sums.set(c.clientId, { amount: s.amount.plus(c.amount), messages: s.messages + c.messages });
  }
  const due = [...sums].filter(([, s]) => !s.amount.isZero()).sort(([a], [b]) => a - b);
  const ids = due.map(([id]) => id);
  const locked = [...new Set([...ids, ...lockIds])].sort((a, b) => a - b);
  // The CTE takes the client rows' locks in id order, so concurrent batches cannot deadlock. NO KEY
  // UPDATE (what the UPDATE needs, no more): foreign-key checks of rows pointing at the client
  // (reports, refunds' ledger rows) take KEY SHARE and do not wait for a charge.
  const lock = sql`charge_locked AS (SELECT c.id, c.settings_version FROM clients c WHERE c.id = ANY(${locked}::bigint[]) ORDER BY c.id FOR NO KEY UPDATE)`;
  if (due.length === 0) return { ctes: sql`${lock}, charged AS (SELECT NULL::bigint AS client_id, NULL::numeric AS balance_after WHERE false)`, clientIds: [] };
  const amounts = due.map(([, s]) => s.amount.toFixed());
  const counts = due.map(([, s]) => s.messages);
  const ctes = sql`
    charge_due AS (SELECT * FROM unnest(${ids}::bigint[], ${amounts}::numeric[], ${counts}::integer[]) AS d(client_id, amount, messages)),
    ${lock},
    charge_debited AS (
      UPDATE clients c SET balance = c.balance - d.amount
      FROM charge_due d, charge_locked l
      WHERE c.id = d.client_id AND l.id = c.id
        AND c.balance - d.amount >= -(coalesce(c.credit_limit, 0) + CASE WHEN c.overdraw_until >= ${now} THEN coalesce(c.overdraw_amount, 0) ELSE 0 END)
      RETURNING c.id, c.balance, d.amount, d.messages),
    charged AS (
      INSERT INTO ledger (client_id, kind, amount, balance_after, messages, actor, created_at)
      SELECT id, 'charge', -amount, balance, messages, 'system', ${now} FROM charge_debited
      RETURNING client_id, balance_after)`;
  return { ctes, clientIds: ids };
}

/** A charged client's row: its id and the balance after the charge. */
export interface ChargedRow {
  client_id: number;
  balance_after: string;
}

/** What chargeStatement's rows mean: the clients due that are missing could not pay. */
export function chargeResult(clientIds: readonly number[], rows: readonly ChargedRow[]): ChargeResult {
  const balances = new Map(rows.map((r) => [Number(r.client_id), new Decimal(r.balance_after)]));
  return { failed: new Set(clientIds.filter((id) => !balances.has(id))), balances };
}
