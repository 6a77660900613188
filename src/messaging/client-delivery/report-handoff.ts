import type { PendingReport } from './rules/receipt-pdu.ts';

/**
 * This node's client deliverer taking SMPP receipts straight from the transaction that creates
 * them: the client_reports row goes in already claimed by this node, and after commit the report
 * is sent from memory, without the claim (a statement, a join and a row version per report).
 */
export interface ReportHandoff {
  /** The name the claims carry. */
  readonly nodeId: string;
  /** When a claim made now ends (the deliverer's clock and lease; renewed while it holds the report). */
  leaseUntil(): Date;
  /** Whether this client's new reports are sent from here at once: a receiving bind here, and no older reports being sent from the database. */
  takes(clientId: number): boolean;
  /** After commit: reports stored claimed by this node, to send now. */
  deliver(reports: readonly HandedReport[]): void;
}

export type HandedReport = PendingReport & { readonly clientId: number };
