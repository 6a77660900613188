import type { Kysely } from 'kysely';
import type { Clock } from '../platform/clock.ts';
import { ClientStore } from './client.store.ts';
import { CurrencyStore } from './currency.store.ts';
import { HistoryStore } from './history.store.ts';
import { LegalEntityStore } from './legal-entity.store.ts';
import { NamedListStore } from './named-list.store.ts';
import { OperatorStore } from './operator.store.ts';
import { PlatformDefaultsStore } from './platform-defaults.store.ts';
import { ProductStore } from './product.store.ts';
import type { AccountsTables } from './tables.ts';

/** What the client and list use cases work with: the stores of the accounts module, and time. */
export interface AccountsStores {
  readonly db: Kysely<AccountsTables>;
  readonly clock: Clock;
  readonly clients: ClientStore;
  readonly operators: OperatorStore;
  readonly currencies: CurrencyStore;
  readonly businessTypes: NamedListStore;
  readonly categoryTypes: NamedListStore;
  readonly legalEntities: LegalEntityStore;
  readonly products: ProductStore;
  readonly platformDefaults: PlatformDefaultsStore;
  readonly history: HistoryStore;
}

export function accountsStores(db: Kysely<AccountsTables>, clock: Clock, shared: { operators: OperatorStore; history: HistoryStore }): AccountsStores {
  return {
    db,
    clock,
    clients: new ClientStore(db),
    operators: shared.operators,
    currencies: new CurrencyStore(db),
    businessTypes: new NamedListStore(db, 'business_types'),
    categoryTypes: new NamedListStore(db, 'category_types'),
    legalEntities: new LegalEntityStore(db),
    products: new ProductStore(db),
    platformDefaults: new PlatformDefaultsStore(db),
    history: shared.history,
  };
}
