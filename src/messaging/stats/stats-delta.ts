/**
 * Moves of the statistics counters (stats_daily): current-state counts per (client's local day of
 * the message, client, vendor, country, network, state, test flag). A transition takes one message
 * out of its old group and puts it into its new one. Pure.
 */
export interface StatsKey {
  /** The client's local day the message was accepted on, 'YYYY-MM-DD'. */
  readonly day: string;
  readonly clientId: number;
  /** 0 = no vendor yet. */
  readonly vendorId: number;
  /** ISO 3166-1 alpha-2, '' when unknown. */
  readonly country: string;
  /** 'mcc-mnc', '' for a country-level destination. */
  readonly network: string;
  readonly state: string;
  readonly isTest: boolean;
}

export interface StatsDelta extends StatsKey {
  readonly messages: number;
  readonly segments: number;
  /** Exact decimal string; what the client was charged. */
  readonly amount: string;
}

/** Same-key deltas summed, zero rows dropped, sorted by key (a stable order for the rows written). */
export function aggregateDeltas(deltas: readonly StatsDelta[]): StatsDelta[] {
  const byKey = new Map<string, { key: StatsKey; messages: number; segments: number; micros: bigint }>();
  // Prices repeat across a batch: each distinct amount is parsed once.
  const micros = new Map<string, bigint>();
  const microsOf = (amount: string): bigint => {
    let m = micros.get(amount);
    if (m === undefined) micros.set(amount, (m = toMicros(amount)));
    return m;
  };
  for (const d of deltas) {
    const k = keyString(d);
    const found = byKey.get(k);
    if (found) {
      found.messages += d.messages;
      found.segments += d.segments;
      found.micros += microsOf(d.amount);
    } else {
      byKey.set(k, { key: d, messages: d.messages, segments: d.segments, micros: microsOf(d.amount) });
    }
  }
  return [...byKey.values()]
    .filter((v) => v.messages !== 0 || v.segments !== 0 || v.micros !== 0n)
    .sort((a, b) => compareKeys(a.key, b.key))
    .map((v) => ({ ...pickKey(v.key), messages: v.messages, segments: v.segments, amount: fromMicros(v.micros) }));
}

/** The delta that moves one message from `from` to `to` (either may be undefined: enter or leave). */
export function moveDeltas(from: StatsKey | undefined, to: StatsKey | undefined, segments: number, amount: string): StatsDelta[] {
  const out: StatsDelta[] = [];
  if (from) out.push({ ...pickKey(from), messages: -1, segments: -segments, amount: negate(amount) });
  if (to) out.push({ ...pickKey(to), messages: 1, segments, amount });
  return out;
}

function pickKey(k: StatsKey): StatsKey {
  return { day: k.day, clientId: k.clientId, vendorId: k.vendorId, country: k.country, network: k.network, state: k.state, isTest: k.isTest };
}

function keyString(k: StatsKey): string {
  return `${k.day}\u0000${k.clientId}\u0000${k.vendorId}\u0000${k.country}\u0000${k.network}\u0000${k.state}\u0000${k.isTest ? 1 : 0}`;
}

const text = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function compareKeys(a: StatsKey, b: StatsKey): number {
  return text(a.day, b.day) || a.clientId - b.clientId || a.vendorId - b.vendorId || text(a.country, b.country) || text(a.network, b.network) || text(a.state, b.state) || Number(a.isTest) - Number(b.isTest);
}

// numeric(20,6): six decimals, kept exact as integer micro-units while summing.
const SCALE = 6;

export function toMicros(amount: string): bigint {
  const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(amount.trim());
  if (!m) throw new RangeError(`not a decimal amount: ${amount}`);
  const [, sign, whole = '', frac = ''] = m;
  const digits = `${whole || '0'}${frac.padEnd(SCALE, '0').slice(0, SCALE)}`;
  const value = BigInt(digits);
  return sign === '-' ? -value : value;
}

export function fromMicros(micros: bigint): string {
  const negative = micros < 0n;
  const abs = (negative ? -micros : micros).toString().padStart(SCALE + 1, '0');
  return `${negative ? '-' : ''}${abs.slice(0, -SCALE)}.${abs.slice(-SCALE)}`;
}

/** The amount with its sign turned (as text: no parsing per message; aggregateDeltas parses each distinct amount once). */
function negate(amount: string): string {
  const a = amount.trim();
  return a.startsWith('-') ? a.slice(1) : `-${a}`;
}
