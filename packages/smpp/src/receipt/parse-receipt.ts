import type { Receipt } from './receipt.ts';
import { normalizeStat } from './receipt-stat.ts';

type Key = 'id' | 'sub' | 'dlvrd' | 'submitDate' | 'doneDate' | 'stat' | 'err' | 'text';

interface KeyAt {
  readonly key: Key;
  /** Where the key starts and where its value starts (after the colon). */
  readonly start: number;
  readonly valueStart: number;
}

// A key counts only at the start or after white space, so `msgid:` is not `id:`.
const KEY = /(?<=^|\s)(id|sub|dlvrd|submit[ _]?date|done[ _]?date|stat|err|text)\s*:/gi;

function keyOf(raw: string): Key {
  const k = raw.toLowerCase();
  if (k.startsWith('submit')) return 'submitDate';
  if (k.startsWith('done')) return 'doneDate';
  return k as Key;
}

function findKeys(text: string): KeyAt[] {
  const found: KeyAt[] = [];
  for (const m of text.matchAll(KEY)) {
    found.push({ key: keyOf(m[1] as string), start: m.index, valueStart: m.index + m[0].length });
  }
  return found;
}

/**
 * Reads the text of a delivery receipt as SMSCs really write it: fields in any order, keys and
 * values in either case, `submit_date`/`done_date`, 10- or 12-digit dates, extra fields, no text.
 * `text:` runs to the end unless a key not seen yet follows it (then the text stops there).
 * Undefined when there is no id or no known stat. Dates are read as UTC.
 */
export function parseReceipt(receiptText: string): Receipt | undefined {
  const text = receiptText.replace(/\0+$/, '');
  const keys = findKeys(text);
  const values = new Map<Key, string>();
  for (let i = 0; i < keys.length; i++) {
    const at = keys[i] as KeyAt;
    if (values.has(at.key)) continue; // the first occurrence wins
    const next = at.key === 'text' ? nextUnseen(keys, i, values) : keys[i + 1];
    const raw = text.slice(at.valueStart, next?.start ?? text.length);
    values.set(at.key, at.key === 'text' ? raw.replace(/^ /, '').trimEnd() : firstToken(raw));
  }
  return fromValues(values);
}

/** The first later key that has not been read yet and is not another `text:`. */
function nextUnseen(keys: readonly KeyAt[], i: number, values: ReadonlyMap<Key, string>): KeyAt | undefined {
  for (let j = i + 1; j < keys.length; j++) {
    const k = keys[j] as KeyAt;
    if (k.key !== 'text' && !values.has(k.key)) return k;
  }
  return undefined;
}

function firstToken(raw: string): string {
  return raw.trim().split(/\s+/, 1)[0] ?? '';
}

function fromValues(values: ReadonlyMap<Key, string>): Receipt | undefined {
  const id = values.get('id');
  const stat = normalizeStat(values.get('stat') ?? '');
  if (!id || stat === undefined) return undefined;
  const receipt: { -readonly [K in keyof Receipt]: Receipt[K] } = { id, stat, err: readInt(values.get('err')) ?? 0 };
  const sub = readInt(values.get('sub'));
  if (sub !== undefined) receipt.sub = sub;
  const dlvrd = readInt(values.get('dlvrd'));
  if (dlvrd !== undefined) receipt.dlvrd = dlvrd;
  const submitDate = parseReceiptDate(values.get('submitDate'));
  if (submitDate !== undefined) receipt.submitDate = submitDate;
  const doneDate = parseReceiptDate(values.get('doneDate'));
  if (doneDate !== undefined) receipt.doneDate = doneDate;
  const quoted = values.get('text');
  if (quoted !== undefined) receipt.text = quoted;
  return receipt;
}

function readInt(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d{1,9}$/.test(value)) return undefined;
  return Number.parseInt(value, 10);
}

/** YYMMDDhhmm or YYMMDDhhmmss, read as UTC in 2000–2099; undefined when it is not a real time. */
export function parseReceiptDate(value: string | undefined): Date | undefined {
  if (value === undefined || !/^\d{10}(\d{2})?$/.test(value)) return undefined;
  const [yy, mo, dd, hh, mi] = [pair(value, 0), pair(value, 2), pair(value, 4), pair(value, 6), pair(value, 8)];
  const ss = value.length === 12 ? pair(value, 10) : 0;
  const date = new Date(Date.UTC(2000 + yy, mo - 1, dd, hh, mi, ss));
  const real = date.getUTCMonth() === mo - 1 && date.getUTCDate() === dd && hh < 24 && mi < 60 && ss < 60;
  return real ? date : undefined;
}

/** The number two digits at `at` write (checked to be digits by the caller). */
function pair(value: string, at: number): number {
  return (value.charCodeAt(at) - 48) * 10 + (value.charCodeAt(at + 1) - 48);
}
