/** One destination row of an operator's CSV, keyed by (country, mcc, mnc) for the upsert. */
export interface DestinationCsvRow {
  readonly line: number;
  readonly country: string;
  readonly name: string;
  readonly network: string | null;
  readonly mcc: string | null;
  readonly mnc: string | null;
  readonly prefixes: string[];
}

export interface DestinationCsv {
  readonly rows: DestinationCsvRow[];
  readonly refused: { readonly line: number; readonly reason: string }[];
}

const HEADER = ['country', 'name', 'network', 'mcc', 'mnc', 'prefixes'];

/**
 * Reads `country,name,network,mcc,mnc,prefixes` lines (prefixes space-separated; a header line,
 * blank lines and `#` comments are skipped; fields may be "quoted"). Every bad line is reported
 * with its number and reason; good lines are kept. `isCountry` and `countryName` come from the
 * caller's country data. A line repeating an earlier (country, mcc, mnc) is refused.
 */
export function parseDestinationCsv(text: string, isCountry: (code: string) => boolean, countryName: (code: string) => string): DestinationCsv {
  const rows: DestinationCsvRow[] = [];
  const refused: { line: number; reason: string }[] = [];
  const seen = new Map<string, number>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) return;
    const fields = splitCsvLine(raw);
    if (!fields) return refused.push({ line, reason: 'unbalanced quotes' });
    if (line === 1 && fields[0]?.trim().toLowerCase() === HEADER[0]) return;
    const parsed = parseFields(fields.map((f) => f.trim()), isCountry, countryName);
    if (typeof parsed === 'string') return refused.push({ line, reason: parsed });
    const key = `${parsed.country}/${parsed.mcc ?? ''}/${parsed.mnc ?? ''}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) return refused.push({ line, reason: `the same country, MCC and MNC as line ${earlier}` });
    seen.set(key, line);
    rows.push({ line, ...parsed });
  });
  return { rows, refused };
}

function parseFields(f: string[], isCountry: (code: string) => boolean, countryName: (code: string) => string): Omit<DestinationCsvRow, 'line'> | string {
  if (f.length < 6) return `6 fields expected (${HEADER.join(',')}), found ${f.length}`;
  if (f.length > 6) return `6 fields expected (${HEADER.join(',')}), found ${f.length}; separate prefixes with spaces, not commas`;
  const [countryRaw = '', name = '', network = '', mcc = '', mnc = '', prefixText = ''] = f;
  const country = countryRaw.toUpperCase();
  const problems: string[] = [];
  if (!/^[A-Z]{2}$/.test(country) || !isCountry(country)) problems.push(`country "${countryRaw}" is not an ISO 3166-1 alpha-2 code`);
  if (mcc !== '' && !/^\d{3}$/.test(mcc)) problems.push(`MCC "${mcc}" is not 3 digits`);
  if (mnc !== '' && !/^\d{2,3}$/.test(mnc)) problems.push(`MNC "${mnc}" is not 2 or 3 digits`);
  if (mnc !== '' && mcc === '') problems.push('an MNC needs its MCC');
  if (name.length > 200 || network.length > 200) problems.push('name and network have at most 200 characters');
  const prefixes = prefixText.split(/\s+/).filter((p) => p !== '').map((p) => p.replace(/^\+/, ''));
  const bad = prefixes.filter((p) => !/^\d{1,15}$/.test(p));
  if (bad.length) problems.push(`prefixes must be 1–15 digits: ${bad.join(' ')}`);
  if (problems.length) return problems.join('; ');
  const net = network === '' ? null : network;
  return {
    country,
    name: name || (net ? `${countryName(country)} — ${net}` : countryName(country)),
    network: net,
    mcc: mcc || null,
    mnc: mnc || null,
    prefixes: [...new Set(prefixes)],
  };
}

/** The fields of one CSV line (RFC 4180 quoting; "" inside quotes is a quote). Undefined when a quote is left open. */
export function splitCsvLine(line: string): string[] | undefined {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charAt(i);
    if (quoted) {
      if (c === '"' && line.charAt(i + 1) === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (c === ',') {
      fields.push(field);
      field = '';
    } else field += c;
  }
  if (quoted) return undefined;
  fields.push(field);
  return fields;
}
