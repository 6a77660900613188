/**
 * The client form's bridge to the server's own rules (src/accounts/rules/client-schema.ts): the
 * same zod schemas check the form inline, the same field metadata labels and explains it.
 */
export {
  checkClientField,
  clientCreateSchema,
  clientFieldByKey,
  clientFields,
  clientFieldSchemas,
  clientUpdateSchema,
  EXPIRED_DLR_STATUSES,
  MODERATION_MODES,
  REQUIRED_CLIENT_FIELDS,
  type ClientFieldGroup,
  type ClientFieldKey,
  type ClientFieldMeta,
} from '../../../../../src/accounts/rules/client-schema.ts';
