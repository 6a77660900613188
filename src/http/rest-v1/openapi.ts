import { z } from 'zod';
import { type ErrorCode, errorRegistry } from '../../platform/errors.ts';
import { jsonSchema } from '../validate.ts';

/** The error shape of every API answer that is not a success (interfaces.md). */
export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional().describe('every invalid field at once: name → what is wrong'),
  }),
});

export interface Success {
  readonly description: string;
  readonly schema: z.ZodType;
  /** Another media type answered instead of JSON, e.g. /sendsms's text/plain. */
  readonly alternatives?: Readonly<Record<string, z.ZodType>>;
}

/**
 * What an admin route that lists no answers of its own may answer: every operator route checks the
 * session and the role, validates (422) and finds what it names (404); writes may meet a conflict.
 * Added to such routes' documents by the app (http/app.ts), so no admin route is undocumented.
 */
export const ADMIN_READ_ERRORS: readonly ErrorCode[] = ['unauthorized', 'forbidden', 'not_found', 'validation_failed'];
export const ADMIN_WRITE_ERRORS: readonly ErrorCode[] = [...ADMIN_READ_ERRORS, 'conflict', 'login_taken', 'currency_locked', 'in_use'];

/** Codes every authenticated route may answer with. */
export const AUTH_ERRORS: readonly ErrorCode[] = ['unauthorized', 'forbidden', 'channel_disabled', 'client_blocked'];
export const OPERATOR_ERRORS: readonly ErrorCode[] = ['unauthorized', 'forbidden', 'not_found'];

/**
 * An OpenAPI `responses` object: the successes with their schemas, and one entry per HTTP status
 * the listed error codes map to (through the error registry), naming those codes in an enum.
 */
export function responses(ok: Readonly<Record<number, Success>>, errors: readonly ErrorCode[], errorAlternatives: Readonly<Record<string, z.ZodType>> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [status, s] of Object.entries(ok)) {
    const content: Record<string, { schema: Record<string, unknown> }> = { 'application/json': { schema: jsonSchema(s.schema, 'output') } };
    for (const [type, schema] of Object.entries(s.alternatives ?? {})) content[type] = { schema: jsonSchema(schema, 'output') };
    out[status] = { description: s.description, content };
  }
  return { ...out, ...errorResponses(errors, errorAlternatives) };
}

/** The error half of `responses`: one entry per HTTP status the codes map to (malformed_request, internal and unavailable always), naming the codes. */
export function errorResponses(errors: readonly ErrorCode[], errorAlternatives: Readonly<Record<string, z.ZodType>> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of new Set([...errors, 'malformed_request' as const, 'internal' as const, 'unavailable' as const])) {
    const http = errorRegistry[code].http;
    byStatus.set(http, [...(byStatus.get(http) ?? []), code]);
  }
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    out[String(status)] = {
      description: `Error: ${codes.map((c) => `\`${c}\`${describe(c)}`).join('; ')}`,
      content: { 'application/json': { schema: errorSchema(codes) }, ...Object.fromEntries(Object.entries(errorAlternatives).map(([type, schema]) => [type, { schema: jsonSchema(schema, 'output') }])) },
    };
  }
  return out;
}

function describe(code: ErrorCode): string {
  const entry = errorRegistry[code] as { readonly text?: string };
  return entry.text ? ` (${entry.text})` : '';
}

function errorSchema(codes: readonly ErrorCode[]): Record<string, unknown> {
  const schema = jsonSchema(errorBody, 'output') as { properties: { error: { properties: Record<string, unknown> } } };
  schema.properties.error.properties.code = { type: 'string', enum: [...codes] };
  return schema;
}
