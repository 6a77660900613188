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

interface Group {
  readonly key: StatsKey;
  messages: number;
  segments: number;
  micros: bigint;
}

/**
 * Sums the moves of a batch per group as they are made: one entry per group the batch touches,
 * no delta objects in between (the planner and intake make one or two moves per message).
 */
export class StatsTally {
  private readonly groups = new Map<string, Group>();
  // Prices repeat across a batch: each distinct amount is parsed once.
  private readonly micros = new Map<string, bigint>();
  private last: Group | undefined;
  private before: Group | undefined;

  /** Adds `messages` messages (negative: takes them out) of `segments` segments each costing `amount` to the key's group. */
  add(key: StatsKey, messages: number, segments: number, amount: string): void {
    // A batch's messages mostly share their groups, and a move touches two (from, then to): the
    // key text is built only for a key that is neither of the last two groups'.
    let group = this.last;
    if (group === undefined || !sameKey(group.key, key)) {
      group = this.before;
      if (group === undefined || !sameKey(group.key, key)) {
        const id = keyString(key);
        group = this.groups.get(id);
        if (group === undefined) this.groups.set(id, (group = { key, messages: 0, segments: 0, micros: 0n }));
      }
      this.before = this.last;
      this.last = group;
    }
    const micros = this.microsOf(amount);
    group.messages += messages;
    group.segments += messages * segments;
    group.micros += messages === 1 ? micros : messages === -1 ? -micros : micros * BigInt(messages);
  }

  /** One message of `segments` segments, charged `amount`, leaves `from` for `to` (either may be undefined: enter or leave). */
  move(from: StatsKey | undefined, to: StatsKey | undefined, segments: number, amount: string): void {
    if (from) this.add(from, -1, segments, amount);
    if (to) this.add(to, 1, segments, amount);
  }

  /** The groups that moved, zero rows dropped, sorted by key (a stable order for the rows written). */
  rows(): StatsDelta[] {
    const out: StatsDelta[] = [];
    for (const g of this.groups.values()) {
      if (g.messages === 0 && g.segments === 0 && g.micros === 0n) continue;
      const k = g.key;
      out.push({ day: k.day, clientId: k.clientId, vendorId: k.vendorId, country: k.country, network: k.network, state: k.state, isTest: k.isTest, messages: g.messages, segments: g.segments, amount: fromMicros(g.micros) });
    }
    return out.sort(compareKeys);
  }

  private microsOf(amount: string): bigint {
    let m = this.micros.get(amount);
    if (m === undefined) this.micros.set(amount, (m = toMicros(amount)));
    return m;
  }
}

function keyString(k: StatsKey): string {
  return `${k.day}\u0000${k.clientId}\u0000${k.vendorId}\u0000${k.country}\u0000${k.network}\u0000${k.state}\u0000${k.isTest ? 1 : 0}`;
}

function sameKey(a: StatsKey, b: StatsKey): boolean {
  return a === b || (a.clientId === b.clientId && a.vendorId === b.vendorId && a.state === b.state && a.day === b.day && a.country === b.country && a.network === b.network && a.isTest === b.isTest);
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
