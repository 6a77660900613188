/**
 * A phone number as the blacklist keeps it: E.164 digits without '+'. Accepts "+380 50 123-45-67",
 * "(380) 501234567", "00380501234567". Undefined when it is not 7–15 digits with an international prefix
 * (a national number has no country, so it cannot be listed).
 */
export function normalizeMsisdn(text: string): string | undefined {
  let s = text.trim().replace(/[\s().-]/g, '');
  if (s.startsWith('+')) s = s.slice(1);
  else if (s.startsWith('00')) s = s.slice(2);
  if (!/^[1-9]\d{6,14}$/.test(s)) return undefined;
  return s;
}
