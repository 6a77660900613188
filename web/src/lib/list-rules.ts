/** The server's schemas of the operator-managed lists (src/accounts/rules/list-schemas.ts), for inline checks. */
export {
  blockSchema,
  legalEntityCreateSchema,
  legalEntityUpdateSchema,
  listItemSchema,
  platformDefaultsSchema,
  PRODUCT_DEFAULT_KEYS,
  productDefaultsSchema,
  unblockSchema,
} from '../../../src/accounts/rules/list-schemas.ts';
