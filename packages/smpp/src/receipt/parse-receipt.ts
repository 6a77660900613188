import type { Receipt } from './receipt.ts';
import { normalizeStat } from './receipt-stat.ts';

type Key = 'id' | 'sub' | 'dlvrd' | 'submitDate' | 'doneDate' | 'stat' | 'err' | 'text';

interface KeyAt {
  readonly key: Key;
  /** Where the key starts and where its value starts (after the colon). */
  readonly start: number;
  readonly valueStart: number;
}

/** The keys, lower case, and the key each stands for; `submit` and `done` take a `date` after them. */
const WORDS: readonly (readonly [string, Key | 'submit' | 'done'])[] = [
  ['id', 'id'],
  ['sub', 'sub'],
  ['dlvrd', 'dlvrd'],
  ['stat', 'stat'],
  ['err', 'err'],
  ['text', 'text'],
  ['submit', 'submit'],
  ['done', 'done'],
];

/**
 * Every `key:` of the text: a key counts only at the start or after white space (so `msgid:` is
 * not `id:`), in any case, with white space allowed before its colon; `submit date`, `submit_date`
 * and `submitdate` (and `done …`) are the dates. A scan by character codes, as the regular
 * expression before it matched: this runs for every receipt a vendor sends (parseReceipt 2.7 →
 * 2.0 µs a receipt; one padded with spaces 5.8 → 1.4).
 */
function findKeys(text: string): KeyAt[] {
  const found: KeyAt[] = [];
  for (let i = 0; i < text.length; i++) {
    if (i > 0 && !isSpace(text.charCodeAt(i - 1))) continue;
    const at = keyAt(text, i);
    if (at !== undefined) {
      found.push(at);
      i = at.valueStart - 1;
    }
  }
  return found;
}

/** The first letters of the keys: most positions are ruled out by one comparison. */
const FIRST_LETTERS = new Set(WORDS.map(([word]) => word.charCodeAt(0)));

function keyAt(text: string, start: number): KeyAt | undefined {
  if (!FIRST_LETTERS.has(lower(text.charCodeAt(start)))) return undefined;
  for (const [word, key] of WORDS) {
    let end = wordEnd(text, start, word);
    if (end < 0) continue;
    if (key === 'submit' || key === 'done') {
      const separator = text.charCodeAt(end);
      end = wordEnd(text, separator === SPACE || separator === UNDERSCORE ? end + 1 : end, 'date');
      if (end < 0) continue;
    }
    while (end < text.length && isSpace(text.charCodeAt(end))) end++;
    if (text.charCodeAt(end) !== COLON) continue;
    return { key: key === 'submit' ? 'submitDate' : key === 'done' ? 'doneDate' : key, start, valueStart: end + 1 };
  }
  return undefined;
}

/** Where `word` (lower case) ends when the text has it at `at` in any case, else -1. */
function wordEnd(text: string, at: number, word: string): number {
  if (at + word.length > text.length) return -1;
  for (let k = 0; k < word.length; k++) {
    if (lower(text.charCodeAt(at + k)) !== word.charCodeAt(k)) return -1;
  }
  return at + word.length;
}

/** An ASCII capital letter's small one; any other code as it is. */
function lower(c: number): number {
  return c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
}

const SPACE = 0x20;
const UNDERSCORE = 0x5f;
const COLON = 0x3a;

/** White space as the regular expressions' `\s` means it. */
function isSpace(c: number): boolean {
  if (c === SPACE || (c >= 0x09 && c <= 0x0d)) return true;
  return c >= 0xa0 && /\s/.test(String.fromCharCode(c));
}

/**
 * Reads the text of a delivery receipt as SMSCs really write it: fields in any order, keys and
 * values in either case, `submit_date`/`done_date`, 10- or 12-digit dates, extra fields, no text.
 * `text:` runs to the end unless a key not seen yet follows it (then the text stops there).
 * Undefined when there is no id or no known stat. Dates are read as UTC.
 */
export function parseReceipt(receiptText: string): Receipt | undefined {
  const text = receiptText.endsWith('\0') ? receiptText.replace(/\0+$/, '') : receiptText;
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
  let start = 0;
  while (start < raw.length && isSpace(raw.charCodeAt(start))) start++;
  let end = start;
  while (end < raw.length && !isSpace(raw.charCodeAt(end))) end++;
  return raw.slice(start, end);
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
  if (value === undefined || value.length === 0 || value.length > 9 || !allDigits(value)) return undefined;
  return Number.parseInt(value, 10);
}

function allDigits(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** YYMMDDhhmm or YYMMDDhhmmss, read as UTC in 2000–2099; undefined when it is not a real time. */
export function parseReceiptDate(value: string | undefined): Date | undefined {
  if (value === undefined || (value.length !== 10 && value.length !== 12) || !allDigits(value)) return undefined;
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
