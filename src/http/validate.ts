import { z } from 'zod';
import { AppError, validationFailed } from '../platform/errors.ts';

/**
 * Validates a request part with its zod schema, reporting every invalid field at once in the
 * shape of interfaces.md. Unknown keys (strict objects) are named as such.
 */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown, what = 'body'): z.output<S> {
  if (what === 'body' && (input === null || typeof input !== 'object' || Array.isArray(input))) {
    throw new AppError('malformed_request', `the request ${what} must be a JSON object`);
  }
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw validationFailed(fieldErrorsOf(result.error));
}

export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields[[...issue.path, key].join('.')] ??= 'unknown field';
      continue;
    }
    const key = issue.path.length ? issue.path.join('.') : '_';
    fields[key] ??= issue.message;
  }
  return fields;
}

/** The JSON Schema of a zod schema, for the OpenAPI document only (zod does the validating). */
export function jsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'input'): Record<string, unknown> {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}
