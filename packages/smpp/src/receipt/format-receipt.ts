import type { ReceiptStat } from './receipt-stat.ts';

export interface ReceiptFields {
  /** A string goes out as it is; a number or bigint is written in `idBase`. */
  readonly id: string | number | bigint;
  readonly stat: ReceiptStat;
  /** Network error code, written with at least three digits. */
  readonly err: number;
  readonly submitDate: Date;
  readonly doneDate: Date;
  /** Default 1. */
  readonly sub?: number;
  /** Default 1 when stat is DELIVRD, else 0. */
  readonly dlvrd?: number;
  /** The original message; only its first 20 characters are quoted. */
  readonly text?: string;
}

export interface ReceiptFormat {
  /** 10: YYMMDDhhmm as in SMPP 3.4 Appendix B; 12: with seconds, as many SMSCs send. */
  readonly dateDigits: 10 | 12;
  readonly idBase: 'decimal' | 'hex';
  /** Letter case of the keys (`id:` / `ID:`) and of hex ids; stat names are always upper case. */
  readonly case: 'lower' | 'upper';
}

export const STANDARD_RECEIPT_FORMAT: ReceiptFormat = { dateDigits: 10, idBase: 'decimal', case: 'lower' };

const TEXT_CHARS = 20;

/**
 * The short_message text of a delivery receipt (SMPP 3.4 Appendix B):
 * `id:<id> sub:001 dlvrd:001 submit date:YYMMDDhhmm done date:YYMMDDhhmm stat:DELIVRD err:000 text:<20 chars>`.
 * Dates are written in UTC.
 */
export function formatReceipt(fields: ReceiptFields, format: ReceiptFormat = STANDARD_RECEIPT_FORMAT): string {
  const key = format.case === 'upper' ? upperKey : lowerKey;
  const sub = fields.sub ?? 1;
  const dlvrd = fields.dlvrd ?? (fields.stat === 'DELIVRD' ? 1 : 0);
  return [
    `${key('id')}:${formatId(fields.id, format)}`,
    `${key('sub')}:${pad3(sub)}`,
    `${key('dlvrd')}:${pad3(dlvrd)}`,
    `${key('submit date')}:${formatReceiptDate(fields.submitDate, format.dateDigits)}`,
    `${key('done date')}:${formatReceiptDate(fields.doneDate, format.dateDigits)}`,
    `${key('stat')}:${fields.stat}`,
    `${key('err')}:${pad3(fields.err)}`,
    `${key('text')}:${firstChars(fields.text ?? '', TEXT_CHARS)}`,
  ].join(' ');
}

const lowerKey = (name: string): string => name;
const upperKey = (name: string): string => name.toUpperCase();

function formatId(id: string | number | bigint, format: ReceiptFormat): string {
  if (typeof id === 'string') return id;
  if (format.idBase === 'decimal') return id.toString(10);
  const hex = id.toString(16);
  return format.case === 'upper' ? hex.toUpperCase() : hex;
}

function pad3(n: number): string {
  return String(n).padStart(3, '0');
}

/** YYMMDDhhmm or YYMMDDhhmmss in UTC. */
export function formatReceiptDate(date: Date, digits: 10 | 12): string {
  // One number, one string: the fields as digit pairs of an integer below 2^53 (12 digits).
  const minutes = (((date.getUTCFullYear() % 100) * 100 + date.getUTCMonth() + 1) * 100 + date.getUTCDate()) * 10_000 + date.getUTCHours() * 100 + date.getUTCMinutes();
  const value = digits === 12 ? minutes * 100 + date.getUTCSeconds() : minutes;
  return String(value).padStart(digits, '0');
}

/** The first `n` characters, never cutting a surrogate pair in half. */
function firstChars(text: string, n: number): string {
  if (text.length <= n) return text;
  let end = 0;
  for (let taken = 0; taken < n && end < text.length; taken++) {
    const unit = text.charCodeAt(end);
    end += unit >= 0xd800 && unit <= 0xdbff && end + 1 < text.length && isLow(text.charCodeAt(end + 1)) ? 2 : 1;
  }
  return text.slice(0, end);
}

const isLow = (unit: number): boolean => unit >= 0xdc00 && unit <= 0xdfff;
