import { Tag, Typography } from 'antd';
import type { Client, DispatchWindow, Overdraw } from '../../api/types.ts';
import { dayjs } from '../../lib/dayjs.ts';
import { formatAmount, formatWindow } from '../../lib/format.ts';
import { countryName } from '../../lib/places.ts';
import type { ClientFieldMeta } from './client-form/client-rules.ts';

/** The overdraw as the profile shows it: amount and last day in the client's Local time. */
export function formatOverdraw(o: Overdraw | null, currency: string, timezone: string): string {
  if (!o) return '—';
  return `${formatAmount(o.amount, currency)} until ${dayjs(o.until).tz(timezone).format('YYYY-MM-DD')}`;
}

/** One field of a client, read-only. */
export function ClientValue({ meta, client }: { readonly meta: ClientFieldMeta; readonly client: Client }) {
  const value = (client as unknown as Record<string, unknown>)[meta.key];
  return <span data-testid={`value-${meta.key}`}>{render(meta, value, client)}</span>;
}

function render(meta: ClientFieldMeta, value: unknown, client: Client) {
  switch (meta.input) {
    case 'boolean':
      return value ? <Tag color="green">On</Tag> : <Tag>Off</Tag>;
    case 'amount':
      return formatAmount(value as string | null, client.currency);
    case 'manager':
      return client.managerLogin ?? (value ? `#${String(value)}` : '—');
    case 'product':
      return client.productName ?? (value ? `#${String(value)}` : '—');
    case 'legalEntity':
      return client.legalEntityName ?? (value ? `#${String(value)}` : '—');
    case 'country':
      return value ? `${countryName(value as string)} (${String(value)})` : '—';
    case 'dispatchWindows': {
      const windows = (value as DispatchWindow[] | null) ?? [];
      return windows.length ? windows.map((w, i) => <div key={i}>{formatWindow(w)}</div>) : 'Any time';
    }
    case 'overdraw':
      return formatOverdraw(value as Overdraw | null, client.currency, client.timezone);
    case 'invoiceDays': {
      const days = (value as number[] | null) ?? [];
      return days.length ? days.join(', ') : '—';
    }
    case 'integer':
      return value === null || value === undefined ? (meta.key === 'dailyLimit' ? 'Unlimited' : '—') : String(value);
    case 'select':
      return typeof value === 'string' ? value.charAt(0).toUpperCase() + value.slice(1) : '—';
    case 'textarea':
      return value ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{String(value)}</Typography.Paragraph> : '—';
    default:
      return value === null || value === undefined || value === '' ? '—' : String(value);
  }
}
