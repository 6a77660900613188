import { hash } from 'node:crypto';
import { verifyPassword } from './password.ts';

/**
 * Password checks (argon2) with a short memory of successes, so each API request or SMPP bind
 * does not cost a verify (a reconnect storm of binds would burn a core each), and one verify
 * shared by the checks that arrive together with the same password (a client sending in parallel
 * after a restart would otherwise start one argon2 each). Keyed by a hash of (stored hash,
 * password): a changed password misses at once. Failures are not kept.
 */
export class PasswordChecks {
  private readonly ok = new Map<string, number>();
  private readonly running = new Map<string, Promise<boolean>>();

  constructor(
    private readonly ttlMs = 60_000,
    private readonly verifyHash: (storedHash: string, password: string) => Promise<boolean> = verifyPassword,
  ) {}

  async verify(storedHash: string | null, password: string, now = Date.now()): Promise<boolean> {
    if (!storedHash) return false;
    const key = hash('sha256', `${storedHash}\0${password}`, 'base64'); // one call: this runs for every request
    const until = this.ok.get(key);
    if (until !== undefined && until > now) return true;
    let check = this.running.get(key);
    if (!check) {
      check = this.verifyHash(storedHash, password).finally(() => this.running.delete(key));
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
