import { createHash } from 'node:crypto';
import type { Clock } from '../../platform/clock.ts';
import { AppError } from '../../platform/errors.ts';
import type { IdempotencyStore } from './idempotency.store.ts';

export interface Outcome {
  readonly status: number;
  readonly body: unknown;
  /** True when this is the stored answer of an earlier request with the key. */
  readonly replayed: boolean;
}

/** Keys are kept a day: a retry after that is a new request. */
export const KEY_LIFETIME_MS = 24 * 3600_000;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/**
 * `Idempotency-Key` on POST /api/v1/messages. The first request with a key runs and its answer is
 * stored; a retry with the same key and body gets that answer (with `Idempotent-Replayed: true`)
 * and sends nothing; the same key with another body is a 409. Concurrent retries wait for the
 * first to finish. An answer that says nothing was sent (a 5xx) frees the key for a retry.
 */
export class Idempotency {
  private readonly waiters = new Map<string, (() => void)[]>();

  constructor(
    private readonly store: IdempotencyStore,
    private readonly clock: Clock,
    private readonly waitMs = 30_000,
  ) {}

  static check(key: string): void {
    if (!KEY_PATTERN.test(key)) throw new AppError('malformed_request', 'Idempotency-Key must be 1–255 visible ASCII characters (a UUID is a good choice)');
  }

  static hash(method: string, path: string, body: unknown): string {
    return createHash('sha256').update(`${method} ${path}\n${canonicalJson(body)}`).digest('hex');
  }

  async run(clientId: number, key: string, requestHash: string, work: () => Promise<{ status: number; body: unknown }>): Promise<Outcome> {
    const deadline = Date.now() + this.waitMs;
    for (;;) {
      const record = await this.store.claim(clientId, key, requestHash, this.clock.now());
      if (record.kind === 'claimed') return this.first(clientId, key, work);
      if (record.requestHash !== requestHash) throw new AppError('conflict', 'this Idempotency-Key was used with a different request body; use a new key for a new request');
      if (record.kind === 'done') return { status: record.statusCode, body: record.response, replayed: true };
      if (Date.now() > deadline) throw new AppError('conflict', 'a request with this Idempotency-Key is still running; retry later with the same key');
      await this.waitFor(clientId, key);
    }
  }

  private async first(clientId: number, key: string, work: () => Promise<{ status: number; body: unknown }>): Promise<Outcome> {
    try {
      const out = await work();
      if (out.status >= 500) await this.store.release(clientId, key);
      else await this.store.complete(clientId, key, out.status, out.body, this.clock.now());
      return { replayed: false, ...out };
    } catch (err) {
      if (err instanceof AppError && err.httpStatus < 500) await this.store.complete(clientId, key, err.httpStatus, err.toJSON(), this.clock.now());
      else await this.store.release(clientId, key).catch(() => undefined);
      throw err;
    } finally {
      for (const wake of this.waiters.get(`${clientId}:${key}`) ?? []) wake();
      this.waiters.delete(`${clientId}:${key}`);
    }
  }

  /** Until the first request on this node finishes, or a short poll (it may run on another node). */
  private waitFor(clientId: number, key: string): Promise<void> {
    return new Promise((resolve) => {
      const id = `${clientId}:${key}`;
      const t = setTimeout(done, 50);
      function done(): void {
        clearTimeout(t);
        resolve();
      }
      this.waiters.set(id, [...(this.waiters.get(id) ?? []), done]);
    });
  }
}

/** JSON with object keys sorted, so the same body written in another key order hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
