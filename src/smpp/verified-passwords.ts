import { createHash } from 'node:crypto';
import { verifyPassword } from '../accounts/password.ts';

/**
 * argon2 verification with a short memory of successes, so a reconnect storm of many binds does
 * not burn a core per bind. Keyed by a hash of (stored hash, password): a changed password or
 * hash misses the cache at once. Failures are never cached.
 */
export class VerifiedPasswords {
  private readonly ok = new Map<string, number>();

  constructor(private readonly ttlMs = 60_000) {}

  async verify(storedHash: string | null, password: string, now = Date.now()): Promise<boolean> {
    if (!storedHash) return false;
    const key = createHash('sha256').update(storedHash).update('\0').update(password).digest('base64');
    const until = this.ok.get(key);
    if (until !== undefined && until > now) return true;
    const good = await verifyPassword(storedHash, password);
    if (good) {
      if (this.ok.size > 10_000) this.ok.clear();
      this.ok.set(key, now + this.ttlMs);
    }
    return good;
  }
}
