import { businessTypes, categoryTypes, currencies, legalEntities, operators, platformDefaults, products } from '../../../api/admin.ts';
import type { Currency, LegalEntity, NamedItem, Operator, PlatformDefaults, Product } from '../../../api/types.ts';
import { useLoad } from '../../../lib/use-load.ts';

/** What the client form's selects offer, from the operator-managed lists. */
export interface ClientLists {
  readonly currencies: Currency[];
  readonly managers: Operator[];
  readonly products: Product[];
  readonly legalEntities: LegalEntity[];
  readonly businessTypes: NamedItem[];
  readonly categoryTypes: NamedItem[];
  readonly defaults: PlatformDefaults | undefined;
}

const none = <T>(): Promise<{ items: T[] }> => Promise.resolve({ items: [] });

/** Loads every list at once; a list that cannot be read stays empty rather than closing the form. */
export function useClientLists(): { lists: ClientLists | undefined; error: Error | undefined } {
  const { data, error } = useLoad(async (): Promise<ClientLists> => {
    const [cur, ops, prod, ent, biz, cat, defaults] = await Promise.all([
      currencies.list(),
      operators.managers().catch(none<Operator>),
      products.list(),
      legalEntities.list(),
      businessTypes.list(),
      categoryTypes.list(),
      platformDefaults.get().catch(() => undefined),
    ]);
    return {
      currencies: cur.items,
      managers: ops.items,
      products: prod.items,
      legalEntities: ent.items,
      businessTypes: biz.items,
      categoryTypes: cat.items,
      defaults,
    };
  });
  return { lists: data, error };
}
