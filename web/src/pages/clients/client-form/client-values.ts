import { dayjs, type Dayjs } from '../../../lib/dayjs.ts';
import { clientFieldByKey, clientFields, type ClientFieldKey, type ClientFieldMeta } from './client-rules.ts';

/**
 * Form values ↔ API body. The form holds what its widgets hold (dayjs times and dates, strings
 * for amounts); the body holds what the API takes (clients.md JSON shapes, amounts as strings).
 */

export type FormMode = 'create' | 'edit';
export type FormValues = Record<string, unknown>;
type Body = Record<string, unknown>;

export interface WindowValue {
  from?: Dayjs | null;
  to?: Dayjs | null;
  days?: number[];
}

interface OverdrawValue {
  amount?: string;
  until?: Dayjs | null;
}

const blank = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);

/** The value the API expects for one field, or undefined to leave it out of the body. */
function bodyValue(meta: ClientFieldMeta, value: unknown, mode: FormMode, timezone: string): unknown {
  // An empty optional field: left out on create (server default), cleared (null) on edit.
  const empty = mode === 'create' || meta.required ? undefined : null;
  switch (meta.input) {
    case 'boolean':
      return typeof value === 'boolean' ? value : undefined;
    case 'integer':
      return typeof value === 'number' ? value : meta.defaultValue === null ? empty : undefined;
    case 'password':
      return blank(value) ? undefined : value;
    case 'text':
    case 'textarea':
    case 'email':
    case 'phone':
    case 'amount':
      if (blank(value)) return mode === 'edit' && meta.required ? '' : empty;
      return String(value).trim();
    case 'select':
    case 'timezone':
    case 'currency':
      return blank(value) ? undefined : value;
    case 'manager':
    case 'product':
    case 'legalEntity':
    case 'country':
    case 'businessType':
    case 'categoryType':
      return blank(value) ? empty : value;
    case 'invoiceDays':
      return blank(value) ? empty : [...(value as number[])].sort((a, b) => a - b);
    case 'dispatchWindows':
      return blank(value) ? empty : windowsBody(value as WindowValue[]);
    case 'overdraw':
      return overdrawBody(value as OverdrawValue | undefined, timezone) ?? empty;
  }
}

export const windowsBody = (windows: WindowValue[]): Body[] => windows.map(windowBody);

function windowBody(w: WindowValue | undefined): Body {
  const out: Body = { from: w?.from ? w.from.format('HH:mm') : undefined, to: w?.to ? w.to.format('HH:mm') : undefined };
  if (w?.days && w.days.length > 0) out.days = [...w.days].sort((a, b) => a - b);
  return out;
}

/** The overdraw ends at the end of its date in the client's Local time. */
function overdrawBody(v: OverdrawValue | undefined, timezone: string): Body | undefined {
  if (!v || (blank(v.amount) && !v.until)) return undefined;
  const until = v.until ? dayjs.tz(`${v.until.format('YYYY-MM-DD')} 23:59:59`, timezone).toISOString() : undefined;
  return { amount: blank(v.amount) ? undefined : String(v.amount).trim(), until };
}

/** The body of a create (every field) or the full candidate body of an edit. */
export function toBody(values: FormValues, mode: FormMode, fallbackTimezone: string): Body {
  const timezone = typeof values.timezone === 'string' && values.timezone ? values.timezone : fallbackTimezone;
  const body: Body = {};
  for (const meta of clientFields) {
    if (mode === 'edit' && meta.lockedAfterCreate) continue;
    const v = bodyValue(meta, values[meta.key], mode, timezone);
    if (v !== undefined) body[meta.key] = v;
  }
  return body;
}

/** Only what changed since the form opened, for a PATCH (a manager may not send fields they cannot set). */
export function changedFields(body: Body, original: Body): Body {
  const out: Body = {};
  for (const [key, value] of Object.entries(body)) {
    if (JSON.stringify(value ?? null) !== JSON.stringify(original[key] ?? null)) out[key] = value;
  }
  return out;
}

/** Form values from an API body: a client, a product's defaults or the create form's defaults. */
export function toFormValues(source: Partial<Record<string, unknown>>, timezone: string): FormValues {
  const values: FormValues = {};
  for (const [key, value] of Object.entries(source)) {
    const meta = clientFieldByKey[key as ClientFieldKey];
    if (!meta || value === undefined) continue;
    values[key] = formValue(meta, value, timezone);
  }
  return values;
}

function formValue(meta: ClientFieldMeta, value: unknown, timezone: string): unknown {
  if (value === null) return meta.input === 'dispatchWindows' || meta.input === 'invoiceDays' ? [] : meta.input === 'overdraw' ? { amount: '', until: null } : undefined;
  switch (meta.input) {
    case 'dispatchWindows':
      return (value as { from: string; to: string; days?: number[] }[]).map((w) => ({ from: timeOfDay(w.from), to: timeOfDay(w.to), days: w.days ?? [] }));
    case 'overdraw': {
      const o = value as { amount: string; until: string };
      return { amount: o.amount, until: dayjs(o.until).tz(timezone) };
    }
    default:
      return value;
  }
}

function timeOfDay(hhmm: string): Dayjs {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  return dayjs().hour(h).minute(m).second(0).millisecond(0);
}

/** The create form's starting values: the fields' fixed defaults (switches on or off). */
export function createDefaults(): FormValues {
  const values: FormValues = {};
  for (const meta of clientFields) if (meta.input === 'boolean' && typeof meta.defaultValue === 'boolean') values[meta.key] = meta.defaultValue;
  values.dispatchWindows = [];
  values.invoiceDays = [];
  return values;
}

/** An API field key ("overdraw.amount", "dispatchWindows.0.from") as a form name path. */
export function namePathOf(key: string): (string | number)[] {
  return key.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}
