import { getCountries, getCountryCallingCode, Metadata, type CountryCode } from 'libphonenumber-js';
import mccMncList from 'mcc-mnc-list';
import { expandLeadingDigits } from './rules/expand-leading-digits.ts';

/** A destination as the world table proposes it (no id yet). */
export interface WorldDestination {
  readonly country: string;
  readonly name: string;
  readonly network: string | null;
  readonly mcc: string | null;
  readonly mnc: string | null;
  readonly prefixes: string[];
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** The English name of a country code ("UA" → "Ukraine"), or the code itself when unknown. */
export function countryName(code: string): string {
  try {
    return regionNames.of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * The default world table, from maintained datasets: one country row per country libphonenumber
 * knows, with its calling code as prefix, and one network row per operational MCC/MNC of
 * `mcc-mnc-list` (without prefixes: number ranges per network are not in any maintained open
 * dataset, so operators import them).
 *
 * Several countries share a calling code (+1, +7, +44, …). The main country of a code (US, RU,
 * GB) claims the bare code; the others claim the code plus their leading digits where
 * libphonenumber's metadata lists them as a short pattern (Antigua 1268, Kazakhstan 77), else the
 * bare code too (Canada, Guernsey). Those ties are settled by the country libphonenumber finds
 * for the number (resolveDestination's hint); without it the main country wins.
 */
export function worldDestinations(): WorldDestination[] {
  const mccs = countryMccs();
  const rows: WorldDestination[] = [];
  for (const country of countriesMainFirst()) {
    rows.push({ country, name: countryName(country), network: null, mcc: mccs.get(country)?.[0] ?? null, mnc: null, prefixes: countryPrefixes(country) });
  }
  const known = new Set(rows.map((r) => r.country));
  const seen = new Set<string>();
  for (const op of mccMncList.all()) {
    if (op.status !== 'Operational' || op.type !== 'National' || !known.has(op.countryCode) || !/^\d{3}$/.test(op.mcc) || !/^\d{2,3}$/.test(op.mnc)) continue;
    const key = `${op.countryCode}/${op.mcc}/${op.mnc}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const network = (op.brand || op.operator || `${op.mcc}-${op.mnc}`).slice(0, 200);
    rows.push({ country: op.countryCode, name: `${countryName(op.countryCode)} — ${network}`, network, mcc: op.mcc, mnc: op.mnc, prefixes: [] });
  }
  return rows;
}

const metadata = new Metadata();
const callingCodeCountries = metadata as unknown as { getCountryCodesForCallingCode(code: string): string[] | undefined };

/** Countries ordered so that the main country of each calling code comes before the others sharing it. */
function countriesMainFirst(): CountryCode[] {
  const isMain = (c: CountryCode) => callingCodeCountries.getCountryCodesForCallingCode(getCountryCallingCode(c))?.[0] === c;
  const all = getCountries();
  return [...all.filter(isMain), ...all.filter((c) => !isMain(c))];
}

function countryPrefixes(country: CountryCode): string[] {
  const code = getCountryCallingCode(country);
  const shared = (callingCodeCountries.getCountryCodesForCallingCode(code) ?? []).length > 1;
  if (!shared || callingCodeCountries.getCountryCodesForCallingCode(code)?.[0] === country) return [code];
  metadata.selectNumberingPlan(country);
  const leading = metadata.numberingPlan?.leadingDigits();
  const expanded = leading ? expandLeadingDigits(leading) : undefined;
  return expanded ? expanded.map((d) => code + d) : [code];
}

/** MCCs per country, lowest first. */
function countryMccs(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const op of mccMncList.all()) {
    if (!/^[A-Z]{2}$/.test(op.countryCode) || !/^\d{3}$/.test(op.mcc)) continue;
    const list = out.get(op.countryCode) ?? [];
    if (!list.includes(op.mcc)) list.push(op.mcc);
    out.set(op.countryCode, list);
  }
  for (const list of out.values()) list.sort();
  return out;
}
