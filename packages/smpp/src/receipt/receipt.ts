import type { ReceiptStat } from './receipt-stat.ts';

/**
 * A delivery receipt as read from a deliver_sm (or data_sm): its text, its TLVs or both.
 * Dates carry no time zone on the wire; they are read as UTC.
 */
export interface Receipt {
  /** The SMSC's id of the receipted message (receipted_message_id, or `id:` in the text). */
  readonly id: string;
  readonly stat: ReceiptStat;
  /** The network error code (`err:` in the text, or network_error_code's error code); 0 when absent. */
  readonly err: number;
  readonly sub?: number;
  readonly dlvrd?: number;
  readonly submitDate?: Date;
  readonly doneDate?: Date;
  /** The first characters of the original message, as the SMSC quoted them. */
  readonly text?: string;
  /** network_error_code's network type (1 ANSI-136, 2 IS-95, 3 GSM, …) when the TLV was present. */
  readonly networkType?: number;
}
