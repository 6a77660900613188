/** Countries and time zones for the selects, from the browser's own Intl data. */

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });

export function countryName(code: string | null | undefined): string {
  if (!code) return '—';
  try {
    return regionNames.of(code) ?? code;
  } catch {
    return code;
  }
}

let countryCache: { value: string; label: string }[] | undefined;

/**
 * ISO 3166-1 alpha-2 countries, named by Intl.DisplayNames. Intl has no list of regions, so every
 * two-letter code is tried and the ones the server's own rule accepts are kept.
 */
export function countryOptions(isCountry: (code: string) => boolean): { value: string; label: string }[] {
  if (countryCache) return countryCache;
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const out: { value: string; label: string }[] = [];
  for (const a of letters) {
    for (const b of letters) {
      const code = a + b;
      if (!isCountry(code)) continue;
      const name = countryName(code);
      out.push({ value: code, label: name === code ? code : `${name} (${code})` });
    }
  }
  countryCache = out.sort((x, y) => x.label.localeCompare(y.label));
  return countryCache;
}

let zoneCache: { value: string; label: string }[] | undefined;

/** IANA time zones the browser knows, plus UTC. */
export function timeZoneOptions(): { value: string; label: string }[] {
  if (zoneCache) return zoneCache;
  const zones = new Set<string>(['UTC', ...Intl.supportedValuesOf('timeZone')]);
  zoneCache = [...zones].sort((a, b) => (a === 'UTC' ? -1 : b === 'UTC' ? 1 : a.localeCompare(b))).map((z) => ({ value: z, label: z }));
  return zoneCache;
}
