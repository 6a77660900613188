import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../database.ts';

/** deadlock_detected and serialization_failure: the transaction did nothing and may simply run again. */
const RETRYABLE = new Set(['40P01', '40001']);

/**
 * Runs `fn` in a transaction, again (up to `tries` times) when PostgreSQL aborted it for a deadlock
 * or a serialization failure: transitions from receipts, the dispatcher and expiry touch the same
 * rows, and a lost race must cost a retry, not a batch.
 */
export async function inTransaction<T>(db: Kysely<Database>, fn: (trx: Transaction<Database>) => Promise<T>, tries = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(fn);
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (attempt >= tries || code === undefined || !RETRYABLE.has(code)) throw err;
      await new Promise((r) => setTimeout(r, 5 * attempt + Math.random() * 20));
    }
  }
}
