import { getCountryCallingCode, isSupportedCountry } from 'libphonenumber-js';

/** A destination: a whole country (mnc null) or one network in it, with its number prefixes. */
export interface Destination {
  readonly id: number;
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
  readonly name: string;
  readonly network: string | null;
  readonly mcc: string | null;
  readonly mnc: string | null;
  /** E.164 digits without '+'; the longest that starts a number wins. */
  readonly prefixes: readonly string[];
}

/** Destinations by the prefixes they claim, built once per change of the table. */
export interface DestinationIndex {
  readonly byPrefix: ReadonlyMap<string, readonly Destination[]>;
  readonly longest: number;
}

/**
 * Indexes destinations by prefix. A country-level row (no MNC) without prefixes of its own
 * claims its country calling code, so a bare world table resolves every number to its country.
 */
export function buildDestinationIndex(destinations: readonly Destination[]): DestinationIndex {
  const byPrefix = new Map<string, Destination[]>();
  let longest = 0;
  for (const d of destinations) {
    for (const prefix of claimedPrefixes(d)) {
      const list = byPrefix.get(prefix) ?? [];
      list.push(d);
      byPrefix.set(prefix, list);
      longest = Math.max(longest, prefix.length);
    }
  }
  for (const list of byPrefix.values()) list.sort(moreSpecificFirst);
  return { byPrefix, longest };
}

/**
 * The destination of a number: the row with the longest prefix that starts it; on a tie a
 * network row beats a country row, then the lower id. Several countries share a calling code
 * (+1, +7, +44): when the caller knows the number's country (libphonenumber parses it), pass it
 * as `countryHint` and rows of that country win over rows of the others.
 */
export function resolveDestination(index: DestinationIndex, e164Digits: string, countryHint?: string): Destination | undefined {
  const digits = e164Digits.startsWith('+') ? e164Digits.slice(1) : e164Digits;
  let fallback: Destination | undefined;
  for (let len = Math.min(index.longest, digits.length); len > 0; len--) {
    const rows = index.byPrefix.get(digits.slice(0, len));
    if (!rows) continue;
    if (countryHint === undefined) return rows[0];
    const ofCountry = rows.find((d) => d.country === countryHint);
    if (ofCountry) return ofCountry;
    fallback ??= rows[0];
  }
  return fallback;
}

function claimedPrefixes(d: Destination): readonly string[] {
  const own = d.prefixes.filter((p) => /^\d{1,15}$/.test(p));
  if (own.length > 0 || d.mnc !== null) return own;
  return isSupportedCountry(d.country) ? [getCountryCallingCode(d.country)] : [];
}

function moreSpecificFirst(a: Destination, b: Destination): number {
  const rank = (d: Destination) => (d.mnc === null ? 1 : 0);
  return rank(a) - rank(b) || a.id - b.id;
}
