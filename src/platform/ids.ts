import { hash, randomBytes } from 'node:crypto';

/** A random secret for tokens and generated passwords, URL-safe. */
export function randomSecret(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

/** Tokens are stored as their SHA-256 only: a leaked table gives nobody a session. */
export function hashToken(token: string): string {
  return hash('sha256', token, 'hex');
}
