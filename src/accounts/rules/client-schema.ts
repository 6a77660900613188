import { z } from 'zod';
import { type ClientFieldKey, clientFieldSchemas, PASSWORD_IS_LOGIN, PASSWORDS_DIFFER, REQUIRED_CLIENT_FIELDS } from './client-field-schemas.ts';

/**
 * The client form's schemas: the server validates with them and the React form imports them for
 * the same inline checks. Strict: unknown keys are refused, not ignored.
 */

export { clientFieldSchemas, EXPIRED_DLR_STATUSES, MODERATION_MODES, REQUIRED_CLIENT_FIELDS, type ClientFieldKey } from './client-field-schemas.ts';
export { clientFieldByKey, clientFields, type ClientFieldGroup, type ClientFieldInput, type ClientFieldMeta } from './client-fields.ts';

type Fields = typeof clientFieldSchemas;
type OptionalKey = Exclude<ClientFieldKey, (typeof REQUIRED_CLIENT_FIELDS)[number]>;
type AllOptional = { [K in ClientFieldKey]: z.ZodOptional<Fields[K]> };

const requiredSet: ReadonlySet<string> = new Set(REQUIRED_CLIENT_FIELDS);
const keys = Object.keys(clientFieldSchemas) as ClientFieldKey[];
const allOptional = Object.fromEntries(keys.map((k) => [k, clientFieldSchemas[k].optional()])) as AllOptional;
const createShape = Object.fromEntries(keys.map((k) => [k, requiredSet.has(k) ? clientFieldSchemas[k] : clientFieldSchemas[k].optional()])) as {
  [K in (typeof REQUIRED_CLIENT_FIELDS)[number]]: Fields[K];
} & { [K in OptionalKey]: z.ZodOptional<Fields[K]> };

/**
 * Password and its confirmation, checked even when other fields are wrong so every problem is
 * reported at once. `login` is compared case-insensitively: "Orchid" is no password for "orchid".
 */
function checkPasswords(value: { password?: unknown; passwordConfirm?: unknown; login?: unknown }, ctx: z.RefinementCtx): void {
  const { password, passwordConfirm, login } = value;
  if (password === undefined && passwordConfirm === undefined) return;
  if (typeof password === 'string' && passwordConfirm === undefined) {
    ctx.addIssue({ code: 'custom', path: ['passwordConfirm'], message: 'Retype the password' });
  } else if (password === undefined) {
    ctx.addIssue({ code: 'custom', path: ['password'], message: 'required with passwordConfirm' });
  } else if (typeof passwordConfirm === 'string' && passwordConfirm !== password) {
    ctx.addIssue({ code: 'custom', path: ['passwordConfirm'], message: PASSWORDS_DIFFER });
  }
  if (typeof password === 'string' && typeof login === 'string' && password.toLowerCase() === login.toLowerCase()) {
    ctx.addIssue({ code: 'custom', path: ['password'], message: PASSWORD_IS_LOGIN });
  }
}

// Runs even when other fields failed (zod skips refinements after an aborting issue by default).
const passwordsCheck = z.superRefine(checkPasswords, { when: (payload) => typeof payload.value === 'object' && payload.value !== null });

/** POST /api/admin/clients. */
export const clientCreateSchema = z.strictObject(createShape).check(passwordsCheck);

/**
 * PATCH /api/admin/clients/{id}: any subset. A new password needs its confirmation. `currency`
 * is accepted only with the stored value (the use case refuses a change with `currency_locked`).
 */
export const clientUpdateSchema = z.strictObject(allOptional).check(passwordsCheck);

/** What a form sends. */
export type ClientCreateInput = z.input<typeof clientCreateSchema>;
export type ClientUpdateInput = z.input<typeof clientUpdateSchema>;
/** What the server works with after validation (trimmed, phone in E.164, empty texts as null). */
export type ClientCreate = z.output<typeof clientCreateSchema>;
export type ClientUpdate = z.output<typeof clientUpdateSchema>;

/** One field's message for a value, or undefined when it is valid: the form's inline check. */
export function checkClientField(key: ClientFieldKey, value: unknown): string | undefined {
  const result = clientFieldSchemas[key].safeParse(value);
  return result.success ? undefined : result.error.issues[0]?.message;
}
