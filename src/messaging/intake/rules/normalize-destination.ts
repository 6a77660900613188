import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/** SMPP type_of_number values (SMPP 3.4 §5.2.5) that change how a number is read. */
export const TON = { UNKNOWN: 0, INTERNATIONAL: 1, NATIONAL: 2, NETWORK_SPECIFIC: 3, SUBSCRIBER: 4, ALPHANUMERIC: 5, ABBREVIATED: 6 } as const;

export type NormalizedNumber =
  | { readonly ok: true; /** E.164 digits without '+'. */ readonly digits: string; /** ISO 3166-1 alpha-2 when libphonenumber knows it. */ readonly country: string | undefined }
  | { readonly ok: false; readonly reason: string };

/**
 * A destination address to E.164, honouring its TON: international (1) is digits after a
 * country code; unknown (0) is tried as international ('+' or '00' written, or assumed), then as
 * a national number of the client's country; national (2) needs the client's country. Other
 * TONs (short codes, alphanumeric) cannot be sent to.
 */
export function normalizeDestination(address: string, ton: number, clientCountry: string | null): NormalizedNumber {
  const raw = address.replace(/[\s\-().]/g, '');
  const written = raw.startsWith('+') ? raw.slice(1) : raw.startsWith('00') ? raw.slice(2) : undefined;
  const digits = written ?? raw;
  if (!/^\d{1,17}$/.test(digits)) return refuse(address, 'is not a phone number (digits only, optionally after +)');
  switch (ton) {
    case TON.INTERNATIONAL:
      return international(digits) ?? refuse(address, 'is not a valid international number');
    case TON.NATIONAL:
      if (written !== undefined) return international(digits) ?? refuse(address, 'is not a valid international number');
      return national(digits, clientCountry) ?? refuse(address, clientCountry ? `is not a valid number of ${clientCountry}` : 'is a national number, and the client has no country to read it in');
    case TON.UNKNOWN:
    case TON.SUBSCRIBER:
      return (
        international(digits) ??
        (written === undefined ? national(digits, clientCountry) : undefined) ??
        refuse(address, clientCountry ? `is neither an international number nor a valid number of ${clientCountry}` : 'is not a valid international number (write it with its country code)')
      );
    default:
      return refuse(address, `has type of number ${ton}, which Petrel cannot send to`);
  }
}

function international(digits: string): NormalizedNumber | undefined {
  const parsed = parsePhoneNumberFromString(`+${digits}`);
  if (!parsed?.isValid()) return undefined;
  return { ok: true, digits: parsed.number.slice(1), country: parsed.country };
}

function national(digits: string, country: string | null): NormalizedNumber | undefined {
  if (!country) return undefined;
  const parsed = parsePhoneNumberFromString(digits, country as CountryCode);
  if (!parsed?.isValid()) return undefined;
  return { ok: true, digits: parsed.number.slice(1), country: parsed.country };
}

function refuse(address: string, why: string): NormalizedNumber {
  return { ok: false, reason: `destination "${address}" ${why}` };
}
