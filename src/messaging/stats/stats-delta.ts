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

/** Same-key deltas summed, zero rows dropped, sorted by key so concurrent upserts lock rows in one order. */
export function aggregateDeltas(deltas: readonly StatsDelta[]): StatsDelta[] {
  const byKey = new Map<string, { key: StatsKey; messages: number; segments: number; micros: bigint }>();
  for (const d of deltas) {
    const k = keyString(d);
    const found = byKey.get(k);
    if (found) {
      found.messages += d.messages;
      found.segments += d.segments;
      found.micros += toMicros(d.amount);
    } else {
      byKey.set(k, { key: d, messages: d.messages, segments: d.segments, micros: toMicros(d.amount) });
    }
  }
  return [...byKey.entries()]
    .filter(([, v]) => v.messages !== 0 || v.segments !== 0 || v.micros !== 0n)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, v]) => ({ ...pickKey(v.key), messages: v.messages, segments: v.segments, amount: fromMicros(v.micros) }));
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
  return [k.day, String(k.clientId).padStart(15, '0'), String(k.vendorId).padStart(15, '0'), k.country, k.network, k.state, k.isTest ? '1' : '0'].join('\u0000');
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

function negate(amount: string): string {
  return fromMicros(-toMicros(amount));
}
