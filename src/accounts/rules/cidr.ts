/** An address range: IPv4 (32 bits) or IPv6 (128 bits), the network address and prefix length. */
export interface Cidr {
  readonly family: 4 | 6;
  readonly network: bigint;
  readonly prefix: number;
}

/**
 * Parses "10.0.0.0/8", "2001:db8::/32" or a bare address (a /32 or /128). An IPv4-mapped IPv6
 * range (::ffff:10.0.0.0/104) is kept as the IPv4 range it means. Undefined when not valid.
 */
export function parseCidr(text: string): Cidr | undefined {
  const [addr = '', len, extra] = text.trim().split('/');
  if (extra !== undefined) return undefined;
  const ip = parseIp(addr);
  if (!ip) return undefined;
  const bits = ip.family === 4 ? 32 : 128;
  let prefix = bits;
  if (len !== undefined) {
    if (!/^\d{1,3}$/.test(len)) return undefined;
    prefix = Number(len);
    if (prefix > bits) return undefined;
  }
  if (ip.family === 6 && ip.mapped && prefix >= 96) return { family: 4, network: mask(ip.value & 0xffffffffn, prefix - 96, 32), prefix: prefix - 96 };
  return { family: ip.family, network: mask(ip.value, prefix, bits), prefix };
}

/** Whether a client connecting from `ip` may: an empty list allows anywhere; bad entries match nothing. */
export function ipAllowed(ranges: readonly string[], ip: string): boolean {
  if (ranges.length === 0) return true;
  const parsed = parseIp(ip);
  if (!parsed) return false;
  const addr = parsed.mapped ? { family: 4 as const, value: parsed.value & 0xffffffffn } : parsed;
  return ranges.some((r) => {
    const c = parseCidr(r);
    return c !== undefined && c.family === addr.family && mask(addr.value, c.prefix, c.family === 4 ? 32 : 128) === c.network;
  });
}

/** The canonical text of a range, e.g. "10.0.0.0/8" for "10.1.2.3/8". */
export function formatCidr(c: Cidr): string {
  if (c.family === 4) return `${[24n, 16n, 8n, 0n].map((s) => String((c.network >> s) & 0xffn)).join('.')}/${c.prefix}`;
  const groups = Array.from({ length: 8 }, (_, i) => ((c.network >> BigInt(112 - 16 * i)) & 0xffffn).toString(16));
  return `${compress(groups)}/${c.prefix}`;
}

interface Ip {
  readonly family: 4 | 6;
  readonly value: bigint;
  /** ::ffff:a.b.c.d, how dual-stack sockets report IPv4 peers. */
  readonly mapped?: boolean;
}

function parseIp(text: string): Ip | undefined {
  const s = text.replace(/%.*$/, ''); // an IPv6 zone id (fe80::1%eth0) says nothing about the address
  if (s.includes(':')) return parseIpv6(s);
  const v4 = parseIpv4(s);
  return v4 === undefined ? undefined : { family: 4, value: v4 };
}

function parseIpv4(s: string): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.reduce((acc, p) => (acc << 8n) | BigInt(p), 0n);
}

function parseIpv6(s: string): Ip | undefined {
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const groupsOf = (part: string | undefined): number[] | undefined => {
    if (!part) return [];
    const out: number[] = [];
    const items = part.split(':');
    for (const [i, item] of items.entries()) {
      if (i === items.length - 1 && item.includes('.')) {
        const v4 = parseIpv4(item);
        if (v4 === undefined) return undefined;
        out.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
      } else if (/^[0-9a-fA-F]{1,4}$/.test(item)) out.push(parseInt(item, 16));
      else return undefined;
    }
    return out;
  };
  const head = groupsOf(halves[0]);
  const tail = groupsOf(halves[1]);
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...head, ...Array<number>(halves.length === 1 ? 0 : missing).fill(0), ...tail];
  const value = groups.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n);
  return { family: 6, value, mapped: value >> 32n === 0xffffn };
}

function mask(value: bigint, prefix: number, bits: number): bigint {
  if (prefix === 0) return 0n;
  const all = (1n << BigInt(bits)) - 1n;
  return value & (all ^ ((1n << BigInt(bits - prefix)) - 1n));
}

function compress(groups: string[]): string {
  let best = { at: -1, len: 0 };
  for (let i = 0; i < 8; ) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > best.len && j - i > 1) best = { at: i, len: j - i };
    i = j;
  }
  if (best.at < 0) return groups.join(':');
  return `${groups.slice(0, best.at).join(':')}::${groups.slice(best.at + best.len).join(':')}`;
}
