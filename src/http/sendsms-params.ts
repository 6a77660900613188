import type { Content } from './rest-v1/texts/rules/split-text.ts';

/** The parameters of one /sendsms call, checked. */
export interface SendsmsParams {
  readonly username: string;
  readonly password: string;
  readonly from: string;
  readonly to: readonly string[];
  readonly content: Content;
  readonly dlrMask: number;
  readonly dlrUrl: string | null;
  /** Minutes after which the message is not sent (the deferral included). */
  readonly validity: number | null;
  /** 0–3: the message's priority among the client's messages (Kannel's `priority`). */
  readonly priority: number | null;
  /** Minutes to wait before sending. */
  readonly deferred: number | null;
}

export type ParamsResult = { readonly ok: true; readonly params: SendsmsParams } | { readonly ok: false; readonly fields: Record<string, string> };

export const MAX_RECIPIENTS = 1000;
/** Every final state: delivered (1), not delivered (2), rejected by the carrier (16). */
export const DEFAULT_DLR_MASK = 19;

/**
 * The raw parameters of a query string or a form body: names read as UTF-8, values kept as the
 * octets they encode, so `text` can be read in the `charset` the caller names (and as raw octets
 * for binary) and `udh` is the octets themselves. `+` is a space. Later parameters win.
 */
export function parseFormBytes(raw: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  if (raw === '') return out;
  for (const pair of raw.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = percentDecode(eq < 0 ? pair : pair.slice(0, eq)).toString('utf8');
    out.set(name, percentDecode(eq < 0 ? '' : pair.slice(eq + 1)));
  }
  return out;
}

/**
 * The octets a form-encoded value stands for: raw characters as their UTF-8, `+` as a space, %XX
 * as the octet XX (a `%` not followed by two hex digits stays itself). One pass into one buffer:
 * this runs for every parameter of every /sendsms request.
 */
function percentDecode(s: string): Buffer {
  if (isPlainAscii(s)) return Buffer.from(s, 'latin1');
  const out = Buffer.allocUnsafe(Buffer.byteLength(s, 'utf8'));
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const octet = c === PERCENT && i + 2 < s.length ? hexOctet(s.charCodeAt(i + 1), s.charCodeAt(i + 2)) : -1;
    if (octet >= 0) {
      out[n++] = octet;
      i += 2;
    } else if (c === PLUS) out[n++] = SPACE;
    else if (c < 0x80) out[n++] = c;
    else {
      // A surrogate pair is one character; a lone surrogate becomes U+FFFD, as Buffer.from does.
      const end = c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? i + 2 : i + 1;
      n += out.write(s.slice(i, end), n, 'utf8');
      i = end - 1;
    }
  }
  return out.subarray(0, n);
}

const PLUS = 0x2b;
const PERCENT = 0x25;
const SPACE = 0x20;

function isPlainAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === PERCENT || c === PLUS || c >= 0x80) return false;
  }
  return true;
}

/** The octet two hex digits spell, or -1 when they are not both hex digits. */
function hexOctet(high: number, low: number): number {
  const h = hexValue(high);
  const l = hexValue(low);
  return h >= 0 && l >= 0 ? h * 16 + l : -1;
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

/** Reads and checks every parameter, naming each one that is wrong (all at once). Pure. */
export function readSendsmsParams(p: ReadonlyMap<string, Buffer>): ParamsResult {
  const fields: Record<string, string> = {};
  const username = required(fields, 'username', utf8(p, 'username'));
  const password = required(fields, 'password', utf8(p, 'password'));
  const from = required(fields, 'from', utf8(p, 'from'))?.trim();
  const to = recipients(fields, utf8(p, 'to'));
  const coding = int(fields, 'coding', utf8(p, 'coding'), 0, 2);
  const dlrMask = int(fields, 'dlr-mask', utf8(p, 'dlr-mask'), 0, 31);
  const dlrUrl = utf8(p, 'dlr-url')?.trim() || null;
  const validity = int(fields, 'validity', utf8(p, 'validity'), 1, 10_080);
  const deferred = int(fields, 'deferred', utf8(p, 'deferred'), 0, 43_200);
  const priority = int(fields, 'priority', utf8(p, 'priority'), 0, 3);
  const content = readContent(fields, p, coding);
  if (Object.keys(fields).length > 0 || username === undefined || password === undefined || from === undefined || content === undefined) return { ok: false, fields };
  return {
    ok: true,
    params: { username, password, from, to, content, dlrMask: dlrMask ?? (dlrUrl ? DEFAULT_DLR_MASK : 0), dlrUrl, validity: validity ?? null, deferred: deferred ?? null, priority: priority ?? null },
  };
}

/** A parameter's value as UTF-8 text (module level: a closure made per call costs on this path). */
function utf8(p: ReadonlyMap<string, Buffer>, name: string): string | undefined {
  return p.get(name)?.toString('utf8');
}

function required(fields: Record<string, string>, name: string, value: string | undefined): string | undefined {
  if (value === undefined || value === '') {
    fields[name] = 'required';
    return undefined;
  }
  return value;
}

function recipients(fields: Record<string, string>, value: string | undefined): string[] {
  const list = (value ?? '').split(/[+,\s]+/).filter((n) => n !== '');
  if (list.length === 0) fields.to = 'required: one or more numbers separated by +, comma or space';
  else if (list.length > MAX_RECIPIENTS) fields.to = `at most ${MAX_RECIPIENTS} recipients per request (${list.length} given)`;
  return list;
}

function int(fields: Record<string, string>, name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) {
    fields[name] = `a whole number from ${min} to ${max}`;
    return undefined;
  }
  return n;
}

const CHARSET_ALIASES: Readonly<Record<string, string>> = { 'ucs-2': 'utf-16be', ucs2: 'utf-16be', 'utf-16': 'utf-16be', utf16: 'utf-16be' };

function readContent(fields: Record<string, string>, p: ReadonlyMap<string, Buffer>, coding: number | undefined): Content | undefined {
  const raw = p.get('text') ?? Buffer.alloc(0);
  const udh = p.get('udh');
  if (udh !== undefined && udh.length === 0) fields.udh = 'empty; leave udh out for a plain text';
  let body: Content;
  if (coding === 1) body = { kind: 'binary', bytes: raw };
  else {
    const text = decodeText(fields, raw, p.get('charset')?.toString('utf8'));
    if (text === undefined) return undefined;
    body = { kind: 'text', text, coding: coding === 0 ? 'gsm7' : coding === 2 ? 'ucs2' : undefined };
  }
  if (raw.length === 0 && !udh?.length) {
    fields.text = 'required';
    return undefined;
  }
  return udh?.length ? { kind: 'udh', udh, body } : body;
}

/** Decoders by charset label, made once each: only labels TextDecoder knows are kept, so the map stays small. */
const decoders = new Map<string, TextDecoder>();

function decoderFor(label: string): TextDecoder | undefined {
  let decoder = decoders.get(label);
  if (decoder === undefined) {
    try {
      decoder = new TextDecoder(CHARSET_ALIASES[label] ?? label, { fatal: true });
    } catch {
      return undefined;
    }
    decoders.set(label, decoder);
  }
  return decoder;
}

function decodeText(fields: Record<string, string>, raw: Buffer, charset: string | undefined): string | undefined {
  const decoder = decoderFor((charset ?? 'utf-8').trim().toLowerCase());
  if (decoder === undefined) {
    fields.charset = `unknown charset "${charset}"; e.g. UTF-8, ISO-8859-1, windows-1251, UTF-16BE`;
    return undefined;
  }
  try {
    return decoder.decode(raw);
  } catch {
    fields.text = `is not valid ${charset ?? 'UTF-8'}; name its charset with charset=`;
    return undefined;
  }
}
