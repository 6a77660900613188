import { validationFailed } from '../platform/errors.ts';
import type { AccountsStores } from './accounts-stores.ts';
import type { ClientSettings } from './client.ts';
import type { ClientListIds } from './client-row.ts';

type References = Partial<Pick<ClientSettings, 'currency' | 'managerId' | 'productId' | 'legalEntityId' | 'businessType' | 'categoryType'>>;

/**
 * Checks what the schema cannot: that the values a client refers to exist (a manager, a product,
 * a legal entity, list values, an enabled currency). Reports every unknown one at once (422) and
 * returns the ids behind the list values. Keys left out are not checked.
 */
export async function resolveClientReferences(s: AccountsStores, values: References, opts: { readonly currencyMustBeEnabled: boolean }): Promise<Partial<ClientListIds>> {
  const fields: Record<string, string> = {};
  if (values.currency !== undefined && opts.currencyMustBeEnabled && !(await s.currencies.find(values.currency))?.enabled) {
    fields.currency = `${values.currency} is not enabled on this platform; an admin enables currencies in Lists → Currencies`;
  }
  if (typeof values.managerId === 'number') {
    const manager = await s.operators.findById(values.managerId);
    if (!manager || manager.role !== 'manager' || manager.disabled) fields.managerId = 'not an active manager';
  }
  if (typeof values.productId === 'number' && !(await s.products.findById(values.productId))) fields.productId = 'no such product';
  if (typeof values.legalEntityId === 'number' && !(await s.legalEntities.findById(values.legalEntityId))) fields.legalEntityId = 'no such legal entity';
  const ids: { businessTypeId?: number | null; categoryTypeId?: number | null } = {};
  if (values.businessType !== undefined) {
    ids.businessTypeId = values.businessType === null ? null : ((await s.businessTypes.findByName(values.businessType))?.id ?? null);
    if (values.businessType !== null && ids.businessTypeId === null) fields.businessType = 'not in the list of business types';
  }
  if (values.categoryType !== undefined) {
    ids.categoryTypeId = values.categoryType === null ? null : ((await s.categoryTypes.findByName(values.categoryType))?.id ?? null);
    if (values.categoryType !== null && ids.categoryTypeId === null) fields.categoryType = 'not in the list of category types';
  }
  if (Object.keys(fields).length > 0) throw validationFailed(fields);
  return ids;
}
