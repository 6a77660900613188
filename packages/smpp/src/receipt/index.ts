/** Delivery receipts: their Appendix B text (written and read tolerantly) and their TLVs. Pure. */
export { MESSAGE_STATE, normalizeStat, statOfMessageState, type ReceiptStat } from './receipt-stat.ts';
export type { Receipt } from './receipt.ts';
export { formatReceipt, formatReceiptDate, STANDARD_RECEIPT_FORMAT, type ReceiptFields, type ReceiptFormat } from './format-receipt.ts';
export { parseReceipt, parseReceiptDate } from './parse-receipt.ts';
export { receiptFromTlvs } from './receipt-from-tlvs.ts';
export { isReceiptPdu, readReceipt } from './read-receipt.ts';
