import { checkSenderFormat } from '../../../../policy/rules/check-sender.ts';

/** SMPP TON/NPI values a sender travels with. */
const TON_UNKNOWN = 0;
const TON_INTERNATIONAL = 1;
const TON_ALPHANUMERIC = 5;
const NPI_UNKNOWN = 0;
const NPI_ISDN = 1;

/**
 * The source address of an HTTP or REST text: an alphanumeric name goes as TON 5; a number written
 * with '+' or of 10 digits or more as an international number (the '+' dropped); a shorter number
 * (a short code) as TON unknown. Intake checks the name itself. Pure.
 */
export function senderAddress(from: string): { source: string; ton: number; npi: number } {
  const format = checkSenderFormat(from);
  if (format.kind !== 'numeric') return { source: from, ton: TON_ALPHANUMERIC, npi: NPI_UNKNOWN };
  const digits = from.replace(/^\+/, '');
  if (from.startsWith('+') || digits.length >= 10) return { source: digits, ton: TON_INTERNATIONAL, npi: NPI_ISDN };
  return { source: digits, ton: TON_UNKNOWN, npi: NPI_ISDN };
}
