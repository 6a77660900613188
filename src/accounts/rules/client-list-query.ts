import { z } from 'zod';
import { countryCode, id, text } from './field-types.ts';

export const CLIENT_SORTS = ['login', '-login', 'createdAt', '-createdAt', 'company', '-company'] as const;
export type ClientSort = (typeof CLIENT_SORTS)[number];

const intParam = (min: number, max: number, message: string) => z.coerce.number({ error: message }).pipe(z.number().int(message).min(min, message).max(max, message));

/** The query of GET /api/admin/clients: a page of clients, newest first unless told otherwise. */
export const clientListQuerySchema = z.strictObject({
  search: z.string().trim().max(100, 'at most 100 characters').optional(),
  page: intParam(1, 1_000_000, 'a page number ≥ 1').default(1),
  pageSize: intParam(1, 200, 'an integer from 1 to 200').default(25),
  managerId: z.coerce.number({ error: 'not a valid id' }).pipe(id()).optional(),
  country: countryCode().optional(),
  businessType: text(1, 100).optional(),
  categoryType: text(1, 100).optional(),
  blocked: z.enum(['true', 'false'], { error: 'true or false' }).transform((v) => v === 'true').optional(),
  sort: z.enum(CLIENT_SORTS, { error: `one of ${CLIENT_SORTS.join(', ')}` }).default('-createdAt'),
});
export type ClientListQuery = z.output<typeof clientListQuerySchema>;

/** The column and direction of a sort key: "-login" → login, descending. */
export function parseClientSort(sort: ClientSort): { readonly by: 'login' | 'createdAt' | 'company'; readonly direction: 'asc' | 'desc' } {
  const descending = sort.startsWith('-');
  return { by: (descending ? sort.slice(1) : sort) as 'login' | 'createdAt' | 'company', direction: descending ? 'desc' : 'asc' };
}

/** A LIKE pattern that finds `term` anywhere, with the pattern's own characters taken literally. */
export function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
