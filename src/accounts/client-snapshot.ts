import { type Client, CLIENT_SETTING_KEYS } from './client.ts';

/** What the history compares: every setting and the account's state (never a password). */
export function clientSnapshot(c: Client): Record<string, unknown> {
  const snapshot: Record<string, unknown> = Object.fromEntries(CLIENT_SETTING_KEYS.map((k) => [k, c[k]]));
  snapshot.status = c.status;
  snapshot.blockedReason = c.blockedReason;
  return snapshot;
}
