import type { FormRule } from 'antd';
import type { z } from 'zod';

type Path = readonly (string | number)[];

const startsWith = (issuePath: readonly PropertyKey[], path: Path): boolean =>
  issuePath.length >= path.length && path.every((part, i) => String(issuePath[i]) === String(part));

/** The message the schema gives for `path` of `body`, or undefined when that part is valid. */
export function issueAt(schema: z.ZodType, body: unknown, path: Path): string | undefined {
  const result = schema.safeParse(body);
  return result.success ? undefined : result.error.issues.find((issue) => startsWith(issue.path, path))?.message;
}

/**
 * An antd rule that checks a form item with one of the API's own zod schemas: the whole form is
 * turned into the request body and the issue at this item's path (if any) is shown.
 */
export function schemaRule<V>(schema: z.ZodType, toBody: (values: V) => unknown, path: Path): FormRule {
  return ({ getFieldsValue }) => ({
    validator: async () => {
      const problem = issueAt(schema, toBody(getFieldsValue(true) as V), path);
      if (problem) throw new Error(problem);
    },
  });
}

/** An antd rule that checks one item's own value with a zod schema (empty values are left to `required`). */
export function valueRule(schema: z.ZodType, transform: (value: unknown) => unknown = (v) => v): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      if (value === undefined || value === null || value === '') return;
      const result = schema.safeParse(transform(value));
      if (!result.success) throw new Error(result.error.issues[0]?.message ?? 'not valid');
    },
  };
}

/** An antd rule for a list (a tags input): every entry must pass the schema; the first that does not is named. */
export function eachRule(schema: z.ZodType): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      for (const item of Array.isArray(value) ? value : []) {
        const result = schema.safeParse(item);
        if (!result.success) throw new Error(`${String(item)}: ${result.error.issues[0]?.message ?? 'not valid'}`);
      }
    },
  };
}
