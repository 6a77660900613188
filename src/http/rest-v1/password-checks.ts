import { createHash } from 'node:crypto';
import { verifyPassword } from '../../accounts/password.ts';

/**
 * API password checks (argon2) with a short memory of successes, so each request does not cost
 * a verify, and one verify shared by the requests that arrive together with the same password
 * (a client sending in parallel after a restart would otherwise start one argon2 each). Keyed by
 * a hash of (stored hash, password): a changed password misses at once. Failures are not kept.
 */
export class PasswordChecks {
  private readonly ok = new Map<string, number>();
  private readonly running = new Map<string, Promise<boolean>>();

  constructor(private readonly ttlMs = 60_000) {}

  async verify(storedHash: string | null, password: string, now: number): Promise<boolean> {
    if (!storedHash) return false;
    const key = createHash('sha256').update(storedHash).update('\0').update(password).digest('base64');
    const until = this.ok.get(key);
    if (until !== undefined && until > now) return true;
    let check = this.running.get(key);
    if (!check) {
      check = verifyPassword(storedHash, password).finally(() => this.running.delete(key));
      this.running.set(key, check);
    }
    const good = await check;
    if (good) {
      if (this.ok.size > 10_000) this.ok.clear();
      this.ok.set(key, now + this.ttlMs);
    }
    return good;
  }
}
