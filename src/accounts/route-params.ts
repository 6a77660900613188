import { z } from 'zod';

/** `{id}` of a path. */
export const idParams = z.object({ id: z.coerce.number({ error: 'not a valid id' }).int('not a valid id').positive('not a valid id').max(Number.MAX_SAFE_INTEGER, 'not a valid id') });

/** A query string without its empty parameters: `?search=&page=2` means only page 2. */
export function withoutEmpty(query: unknown): Record<string, unknown> {
  return Object.fromEntries(Object.entries((query ?? {}) as Record<string, unknown>).filter(([, v]) => v !== ''));
}
