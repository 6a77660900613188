import { hashToken, randomSecret } from '../platform/ids.ts';

/** Every REST API key starts so, which makes a leaked key easy to find in logs and code. */
export const API_KEY_PREFIX = 'ptl_';
const SHOWN = 12;

/** A new key (shown once), the part kept to recognise it, and the hash kept to check it. */
export function newApiKey(): { key: string; prefix: string; hash: string } {
  const key = API_KEY_PREFIX + randomSecret(30);
  return { key, prefix: key.slice(0, SHOWN), hash: hashToken(key) };
}

/** Whether a bearer token looks like an API key at all (anything else is not looked up). */
export function looksLikeApiKey(token: string): boolean {
  return token.startsWith(API_KEY_PREFIX) && token.length === API_KEY_PREFIX.length + 40 && /^[A-Za-z0-9_-]+$/.test(token);
}
