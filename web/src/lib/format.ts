import dayjs from 'dayjs';

/**
 * An amount (a decimal string, never a float) for display: thousands grouped, at least two
 * decimals (`minDecimals`), the currency code after it. The digits are the API's own.
 */
export function formatAmount(value: string | null | undefined, currency?: string, minDecimals = 2): string {
  if (value === null || value === undefined || value === '') return '—';
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value);
  if (!match) return currency ? `${value} ${currency}` : value;
  const [, sign = '', int = '0', frac = ''] = match;
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const decimals = frac.replace(/0+$/, '').padEnd(minDecimals, '0');
  return `${sign}${grouped}.${decimals}${currency ? ` ${currency}` : ''}`;
}

/** A price per message: four decimals at least, as the API writes it ("0.0150 EUR"). */
export const formatPrice = (value: string | null | undefined, currency?: string): string => formatAmount(value, currency, 4);

export const formatDateTime = (iso: string | null | undefined): string => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');
export const formatDate = (iso: string | null | undefined): string => (iso ? dayjs(iso).format('YYYY-MM-DD') : '—');

/** Current wall-clock time in an IANA zone, e.g. "14:05 (Europe/Kyiv, UTC+02:00)". */
export function localTimeIn(timeZone: string, now = new Date()): string {
  try {
    const time = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(now);
    const offset = new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'longOffset' }).formatToParts(now).find((p) => p.type === 'timeZoneName')?.value ?? '';
    return `${time} (${timeZone}${offset ? `, ${offset.replace('GMT', 'UTC') || 'UTC'}` : ''})`;
  } catch {
    return timeZone;
  }
}

export const WEEKDAYS = [
  { value: 1, label: 'Mon' },
  { value: 2, label: 'Tue' },
  { value: 3, label: 'Wed' },
  { value: 4, label: 'Thu' },
  { value: 5, label: 'Fri' },
  { value: 6, label: 'Sat' },
  { value: 7, label: 'Sun' },
] as const;

/** "09:00–21:00 Mon–Fri" style text for a dispatch window. */
export function formatWindow(w: { from: string; to: string; days?: number[] | undefined }): string {
  const days = w.days && w.days.length > 0 && w.days.length < 7 ? ` ${w.days.map((d) => WEEKDAYS[d - 1]?.label ?? d).join(', ')}` : ' every day';
  return `${w.from}–${w.to}${days}`;
}
