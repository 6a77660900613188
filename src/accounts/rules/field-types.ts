import countries from 'i18n-iso-countries';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { z } from 'zod';

/**
 * Building blocks of the form schemas (clients, products, legal entities). Each answers every
 * wrong input, including a wrong JSON type or a missing value, with a message a user can act on.
 * Pure: the React forms import them, so checks in the browser and on the server are the same.
 */

/** "required" when the key is missing, else the field's own message. */
const say = (message: string) => (issue: { input?: unknown }) => (issue.input === undefined ? 'required' : message);

export const MESSAGES = {
  email: 'not a valid e-mail address (e.g. name@example.com)',
  phone: 'not a valid international phone number (E.164, e.g. +380501234567)',
  amount: 'an amount ≥ 0 as a decimal string with at most 4 decimals, e.g. "250.00"',
  boolean: 'true or false',
  id: 'not a valid id',
  country: 'an ISO 3166-1 alpha-2 country code, e.g. UA',
  currency: 'an ISO 4217 currency code, e.g. EUR',
  timezone: 'not a known IANA time zone (e.g. Europe/Kyiv)',
} as const;

export const text = (min: number, max: number, message = min > 0 ? `${min}–${max} characters` : `at most ${max} characters`) =>
  z
    .string({ error: say(message) })
    .trim()
    .min(min, min === 1 ? 'required' : message)
    .max(max, message);

/** Optional free text: an empty (or blank) value is stored as null. */
export const optionalText = (max: number) =>
  z
    .string({ error: say(`text of at most ${max} characters, or null`) })
    .trim()
    .max(max, `at most ${max} characters`)
    .nullable()
    .transform((v) => (v === '' ? null : v));

export const email = () => z.email({ error: say(MESSAGES.email) }).max(254, 'at most 254 characters');

/** An e-mail address or nothing (empty or null). */
export const optionalEmail = () =>
  z
    .string({ error: say(MESSAGES.email) })
    .trim()
    .refine((v) => v === '' || email().safeParse(v).success, MESSAGES.email)
    .nullable()
    .transform((v) => (v === '' ? null : v));

export const phone = () =>
  z.string({ error: say(MESSAGES.phone) }).transform((value, ctx) => {
    const parsed = value.trim().startsWith('+') ? parsePhoneNumberFromString(value.trim()) : undefined;
    if (!parsed?.isValid()) {
      ctx.addIssue({ code: 'custom', message: MESSAGES.phone, input: value });
      return z.NEVER;
    }
    return parsed.number; // E.164
  });

export const bool = () => z.boolean({ error: say(MESSAGES.boolean) });

export const id = () => z.number({ error: say(MESSAGES.id) }).int(MESSAGES.id).positive(MESSAGES.id).max(Number.MAX_SAFE_INTEGER, MESSAGES.id);

/** Money as a decimal string, never a JSON number (floats lose cents). Fits numeric(18,4). */
export const amount = () => z.string({ error: say(MESSAGES.amount) }).regex(/^\d{1,14}(\.\d{1,4})?$/, MESSAGES.amount);

export const int = (min: number, max: number, message: string) => z.number({ error: say(message) }).int(message).min(min, message).max(max, message);

export const oneOf = <const T extends readonly [string, ...string[]]>(values: T, message = `one of ${values.join(', ')}`) => z.enum(values, { error: say(message) });

const isoCurrencies = new Set(Intl.supportedValuesOf('currency'));
export const currencyCode = () =>
  z
    .string({ error: say(MESSAGES.currency) })
    .regex(/^[A-Z]{3}$/, MESSAGES.currency)
    .refine((v) => isoCurrencies.has(v), MESSAGES.currency);

export const countryCode = () =>
  z
    .string({ error: say(MESSAGES.country) })
    .regex(/^[A-Z]{2}$/, MESSAGES.country)
    .refine((v) => countries.isValid(v), MESSAGES.country);

/** An IANA zone name ("Europe/Kyiv", "UTC"); offsets like "+02:00" are not zones. */
export const timeZone = () =>
  z
    .string({ error: say(MESSAGES.timezone) })
    .regex(/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/, MESSAGES.timezone)
    .refine(isKnownTimeZone, MESSAGES.timezone);

export function isKnownTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** IBAN: country, check digits, then up to 30 letters or digits; the mod-97 check must hold. */
export function isValidIban(value: string): boolean {
  const iban = value.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const digits = (iban.slice(4) + iban.slice(0, 4)).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let rest = 0;
  for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
  return rest === 1;
}
