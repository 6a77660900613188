import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password.ts';
import { PasswordChecks } from './password-checks.ts';

/** PasswordChecks over the real argon2 verify, counting the verifies it starts. */
function counted(ttlMs: number): { checks: PasswordChecks; verifies: () => number } {
  let n = 0;
  const checks = new PasswordChecks(ttlMs, (stored, password) => {
    n++;
    return verifyPassword(stored, password);
  });
  return { checks, verifies: () => n };
}

describe('PasswordChecks', () => {
  it('remembers a success for its time: no argon2 until it runs out', async () => {
    const { checks, verifies } = counted(1_000);
    const stored = await hashPassword('right-one');
    expect(await checks.verify(stored, 'right-one', 0)).toBe(true);
    expect(await checks.verify(stored, 'right-one', 999)).toBe(true);
    expect(verifies()).toBe(1);
    expect(await checks.verify(stored, 'right-one', 1_000)).toBe(true);
    expect(verifies()).toBe(2);
  });

  it('misses at once for another password or another stored hash, and never remembers a failure', async () => {
    const { checks, verifies } = counted(60_000);
    const stored = await hashPassword('right-one');
    expect(await checks.verify(stored, 'right-one', 0)).toBe(true);
    expect(await checks.verify(stored, 'wrong-one', 1)).toBe(false);
    expect(await checks.verify(stored, 'wrong-one', 2)).toBe(false);
    expect(await checks.verify(await hashPassword('other-one'), 'right-one', 3)).toBe(false);
    expect(await checks.verify(null, 'right-one', 4)).toBe(false);
    expect(verifies()).toBe(4); // the null hash is refused without a verify
  });

  it('shares one verify between checks that arrive together', async () => {
    const { checks, verifies } = counted(60_000);
    const stored = await hashPassword('right-one');
    const answers = await Promise.all(Array.from({ length: 5 }, () => checks.verify(stored, 'right-one', 0)));
    expect(answers).toEqual([true, true, true, true, true]);
    expect(verifies()).toBe(1);
  });
});
