import type { z } from 'zod';
import { clientCreateSchema, clientUpdateSchema } from './client-rules.ts';
import { toBody, type FormMode, type FormValues } from './client-values.ts';

type Path = readonly (string | number)[];

const startsWith = (issuePath: readonly PropertyKey[], path: Path): boolean =>
  issuePath.length >= path.length && path.every((part, i) => String(issuePath[i]) === String(part));

// Save validates every item against the same body: parse it once, not once per field.
let last: { key: string; issues: readonly z.core.$ZodIssue[] } | undefined;

/**
 * The server's message for the form item at `path`, or undefined when the server would accept it.
 * The whole body is checked with the API's own schema, so cross-field rules (passwords, login)
 * give the same answers here as after Save.
 */
export function checkClientForm(values: FormValues, mode: FormMode, fallbackTimezone: string, path: Path): string | undefined {
  const body = toBody(values, mode, fallbackTimezone);
  const key = `${mode}:${JSON.stringify(body)}`;
  if (last?.key !== key) {
    const result = (mode === 'create' ? clientCreateSchema : clientUpdateSchema).safeParse(body);
    last = { key, issues: result.success ? [] : result.error.issues };
  }
  return last.issues.find((issue) => startsWith(issue.path, path))?.message;
}
