/**
 * An SMPP time field (schedule_delivery_time, validity_period; SMPP 3.4 §7.1.1):
 * `YYMMDDhhmmsstnnp` — absolute with p '+' or '-' and nn quarter hours from UTC, or relative
 * with p 'R' (YY years, MM months, DD days, hh:mm:ss from now). Empty means "not given".
 */
export type SmppTime = { readonly kind: 'none' } | { readonly kind: 'at'; readonly at: Date } | { readonly kind: 'invalid' };

export function parseSmppTime(value: string, now: Date): SmppTime {
  if (value === '') return { kind: 'none' };
  const m = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d)(\d{2})([+\-R])$/.exec(value);
  if (!m) return { kind: 'invalid' };
  const [yy, mo, dd, hh, mi, ss, t, nn] = m.slice(1, 9).map(Number) as [number, number, number, number, number, number, number, number];
  const sign = m[9];
  if (sign === 'R') {
    const at = new Date(now.getTime());
    at.setUTCFullYear(at.getUTCFullYear() + yy, at.getUTCMonth() + mo, at.getUTCDate() + dd);
    return { kind: 'at', at: new Date(at.getTime() + ((hh * 60 + mi) * 60 + ss) * 1000) };
  }
  if (mo < 1 || mo > 12 || dd < 1 || dd > 31 || hh > 23 || mi > 59 || ss > 59 || nn > 48) return { kind: 'invalid' };
  const local = Date.UTC(2000 + yy, mo - 1, dd, hh, mi, ss, t * 100);
  if (new Date(local).getUTCDate() !== dd) return { kind: 'invalid' };
  const offsetMs = nn * 15 * 60_000 * (sign === '+' ? 1 : -1);
  return { kind: 'at', at: new Date(local - offsetMs) };
}

/** An absolute SMPP time in UTC (SMPP 3.4 §7.1.1): YYMMDDhhmmss, tenths, '00' quarter hours, '+'. */
export function absoluteSmppTime(at: Date): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  const d = new Date(Math.ceil(at.getTime() / 100) * 100);
  return `${two(d.getUTCFullYear() % 100)}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}${two(d.getUTCHours())}${two(d.getUTCMinutes())}${two(d.getUTCSeconds())}${Math.floor(d.getUTCMilliseconds() / 100)}00+`;
}
