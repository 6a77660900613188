import { type Kysely, sql } from 'kysely';

const FINAL = new Set(['delivered', 'undelivered', 'expired', 'rejected', 'failed', 'deleted', 'unknown']);

export interface BooksCheck {
  readonly acked: number;
  /** Acknowledged to the client but not in the messages table: lost. */
  readonly missing: number;
  /** Present but not (yet) in a final state, by state. */
  readonly notFinal: Readonly<Record<string, number>>;
  readonly states: Readonly<Record<string, number>>;
  readonly messagesInDb: number;
  /** Per client: balance vs its ledger, charges vs the prices of its messages. */
  readonly clients: readonly ClientBooks[];
  readonly failures: readonly string[];
}

export interface ClientBooks {
  readonly clientId: number;
  readonly balance: string;
  readonly ledger: string;
  readonly charged: string;
  readonly prices: string;
  readonly chargedMessages: number;
  readonly messages: number;
}

/** Every acknowledged id exists and is final; every balance equals its ledger; every message charged exactly once. */
export async function checkBooks(db: Kysely<unknown>, ackedIds: readonly string[]): Promise<BooksCheck> {
  const failures: string[] = [];
  const states: Record<string, number> = {};
  const notFinal: Record<string, number> = {};
  let found = 0;
  for (let i = 0; i < ackedIds.length; i += 10_000) {
    const ids = ackedIds.slice(i, i + 10_000).map(Number);
    const { rows } = await sql<{ id: number; state: string }>`SELECT id, state FROM messages WHERE id = ANY(${ids}::bigint[])`.execute(db);
    found += rows.length;
    for (const r of rows) {
      states[r.state] = (states[r.state] ?? 0) + 1;
      if (!FINAL.has(r.state)) notFinal[r.state] = (notFinal[r.state] ?? 0) + 1;
    }
  }
  const missing = ackedIds.length - found;
  if (missing > 0) failures.push(`${missing} acknowledged message(s) are not in the database`);
  const stuck = Object.values(notFinal).reduce((a, b) => a + b, 0);
  if (stuck > 0) failures.push(`${stuck} acknowledged message(s) did not reach a final state: ${JSON.stringify(notFinal)}`);
  const { rows: total } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM messages`.execute(db);
  const { rows: books } = await sql<{ clientId: number; balance: string; ledger: string; charged: string; prices: string; chargedMessages: number; messages: number }>`
    SELECT c.id AS "clientId", c.balance::text AS balance,
      coalesce((SELECT sum(amount) FROM ledger l WHERE l.client_id = c.id), 0)::text AS ledger,
      coalesce((SELECT -sum(amount) FROM ledger l WHERE l.client_id = c.id AND l.kind = 'charge'), 0)::text AS charged,
      coalesce((SELECT sum(price) FROM messages m WHERE m.client_id = c.id), 0)::text AS prices,
      coalesce((SELECT sum(messages) FROM ledger l WHERE l.client_id = c.id AND l.kind = 'charge'), 0)::int AS "chargedMessages",
      (SELECT count(*) FROM messages m WHERE m.client_id = c.id)::int AS messages
    FROM clients c ORDER BY c.id`.execute(db);
  for (const b of books) {
    if (Number(b.balance) !== Number(b.ledger)) failures.push(`client ${b.clientId}: balance ${b.balance} ≠ ledger ${b.ledger}`);
    if (Number(b.charged) !== Number(b.prices)) failures.push(`client ${b.clientId}: charged ${b.charged} ≠ prices of its messages ${b.prices}`);
    if (b.chargedMessages !== b.messages) failures.push(`client ${b.clientId}: charges cover ${b.chargedMessages} message(s), it has ${b.messages}`);
  }
  return { acked: ackedIds.length, missing, notFinal, states, messagesInDb: total[0]?.n ?? 0, clients: books, failures };
}
