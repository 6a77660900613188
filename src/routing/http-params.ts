import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { id } from '../accounts/rules/field-types.ts';
import { AppError } from '../platform/errors.ts';

/**
 * Request parts shared by the message-path admin routes (routing, billing, policy, client
 * access): ids in paths, pages in queries, money as decimal strings.
 */
export const idParams = z.object({ id: z.coerce.number({ error: 'not a valid id' }).pipe(id()) });

/** A whole number from a query string, from `min` to `max`; `message` names the problem whatever it is. */
export const intParam = (min: number, max: number, message: string) => z.coerce.number({ error: message }).pipe(z.number().int(message).min(min, message).max(max, message));

export const pageQuery = {
  page: intParam(1, 1_000_000, 'a page number ≥ 1').default(1),
  pageSize: intParam(1, 500, 'an integer from 1 to 500').default(50),
};

export const optionalIdQuery = () => z.coerce.number({ error: 'not a valid id' }).pipe(id()).optional();

/** A decimal string ≥ 0 with at most 6 decimals (numeric(20,6)), e.g. "0.0100". */
export const priceString = () =>
  z.string({ error: (i) => (i.input === undefined ? 'required' : 'a decimal string ≥ 0 with at most 6 decimals, e.g. "0.0100"') }).regex(/^\d{1,12}(\.\d{1,6})?$/, 'a decimal string ≥ 0 with at most 6 decimals, e.g. "0.0100"');

/** A signed decimal string with at most 6 decimals, e.g. "-5.00". */
export const signedAmountString = () =>
  z.string({ error: (i) => (i.input === undefined ? 'required' : 'a decimal string with at most 6 decimals, e.g. "100.00" or "-5.00"') }).regex(/^-?\d{1,12}(\.\d{1,6})?$/, 'a decimal string with at most 6 decimals, e.g. "100.00" or "-5.00"');

/** Lets a route take a raw text body (CSV imports): text/plain, text/csv. */
export function acceptTextBodies(app: FastifyInstance): void {
  for (const type of ['text/csv', 'text/plain']) {
    if (app.hasContentTypeParser(type)) continue;
    app.addContentTypeParser(type, { parseAs: 'string', bodyLimit: 10 * 1024 * 1024 }, (_req, body, done) => done(null, body));
  }
}

/** The text of an import: a raw text body, or JSON `{ [key]: "…" }`. */
export function importText(body: unknown, key: string): string {
  if (typeof body === 'string') return body;
  if (body && typeof body === 'object' && typeof (body as Record<string, unknown>)[key] === 'string') return (body as Record<string, string>)[key] as string;
  throw new AppError('malformed_request', `send the ${key} as a text/csv or text/plain body, or as JSON { "${key}": "…" }`);
}
