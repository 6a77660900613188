import type { Kysely } from 'kysely';
import type { HistoryStore } from '../accounts/history.store.ts';
import type { OperatorAuth } from '../accounts/operator-auth.ts';
import type { Database } from '../database.ts';
import type { Clock } from '../platform/clock.ts';
import type { VendorBindStatusProvider, VendorHolder } from './vendor-bind-status.ts';

/** What the message-path admin routes (routing, billing, policy, client access) are given by main.ts. */
export interface MessagePathDeps {
  readonly db: Kysely<Database>;
  readonly auth: OperatorAuth;
  readonly history: HistoryStore;
  readonly clock: Clock;
  /** Live state of each vendor's binds, from the dispatcher; none until it runs. */
  readonly vendorBinds?: VendorBindStatusProvider | undefined;
  /** The node that binds and sends for a vendor now, with its binds (several nodes may share the database); null when none. */
  readonly vendorHolder?: ((vendorId: number) => Promise<VendorHolder | null>) | undefined;
  /** Called after a change to what intake and dispatch cache (destinations, vendors, pools, routes, policy), so this node sees it at once. */
  readonly onConfigChanged?: (() => void) | undefined;
  /**
   * Called in the transaction that changes a client's price (clients.md: E-mail for Price update
   * receives every change): main.ts queues the client's mail there.
   */
  readonly onPriceChange?: ((trx: Kysely<Database>, change: PriceChangeEvent) => Promise<void>) | undefined;
}

/** One change of a client's price for a destination. */
export interface PriceChangeEvent {
  readonly clientId: number;
  readonly destination: string;
  /** Decimal strings; `before` is the price in force until the change (null: none). */
  readonly before: string | null;
  readonly after: string;
  readonly effectiveFrom: Date;
  /** In force at once rather than scheduled. */
  readonly immediate: boolean;
}

/**
 * Runs `work` in one transaction. The transaction is handed over as a plain Kysely of the whole
 * database, so each module's stores (typed with the tables they own) accept it.
 */
export function transact<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.transaction().execute((trx) => work(trx));
}
