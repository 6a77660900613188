import type { Kysely } from 'kysely';
import type { AccountsTables } from './tables.ts';

type Db = Kysely<AccountsTables>;

export interface CurrencyRow {
  readonly id: number;
  readonly code: string;
  readonly enabled: boolean;
}

/** The ISO 4217 currencies and which of them clients may be created in. */
export class CurrencyStore {
  constructor(private readonly db: Db) {}

  in(trx: Db): CurrencyStore {
    return new CurrencyStore(trx);
  }

  list(): Promise<CurrencyRow[]> {
    return this.db.selectFrom('currencies').select(['id', 'code', 'enabled']).orderBy('code').execute();
  }

  find(code: string): Promise<CurrencyRow | undefined> {
    return this.db.selectFrom('currencies').select(['id', 'code', 'enabled']).where('code', '=', code).executeTakeFirst();
  }

  /** Adds the code when it is new (an ISO code newer than the seed), else switches it. */
  setEnabled(code: string, enabled: boolean): Promise<CurrencyRow> {
    return this.db
      .insertInto('currencies')
      .values({ code, enabled })
      .onConflict((oc) => oc.column('code').doUpdateSet({ enabled }))
      .returning(['id', 'code', 'enabled'])
      .executeTakeFirstOrThrow();
  }
}
