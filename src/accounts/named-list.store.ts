import { type Kysely, sql } from 'kysely';
import type { AccountsTables } from './tables.ts';

type Db = Kysely<AccountsTables>;
export type NamedListTableName = 'business_types' | 'category_types';

export interface ListItem {
  readonly id: number;
  readonly name: string;
}

const columnOf = { business_types: 'business_type_id', category_types: 'category_type_id' } as const;

/** An operator-managed list of names (business types, category types) that clients refer to. */
export class NamedListStore {
  constructor(
    private readonly db: Db,
    readonly table: NamedListTableName,
  ) {}

  in(trx: Db): NamedListStore {
    return new NamedListStore(trx, this.table);
  }

  list(): Promise<ListItem[]> {
    return this.db.selectFrom(this.table).select(['id', 'name']).orderBy(sql`lower(name) COLLATE "C"`).orderBy('id').execute();
  }

  findById(id: number): Promise<ListItem | undefined> {
    return this.db.selectFrom(this.table).select(['id', 'name']).where('id', '=', id).executeTakeFirst();
  }

  /** The item of this name, letter case aside. */
  findByName(name: string): Promise<ListItem | undefined> {
    return this.db
      .selectFrom(this.table)
      .select(['id', 'name'])
      .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
      .executeTakeFirst();
  }

  insert(name: string): Promise<ListItem> {
    return this.db.insertInto(this.table).values({ name }).returning(['id', 'name']).executeTakeFirstOrThrow();
  }

  rename(id: number, name: string): Promise<ListItem | undefined> {
    return this.db.updateTable(this.table).set({ name }).where('id', '=', id).returning(['id', 'name']).executeTakeFirst();
  }

  async delete(id: number): Promise<boolean> {
    const r = await this.db.deleteFrom(this.table).where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  /** How many clients have this value. */
  async usage(id: number): Promise<number> {
    const r = await this.db
      .selectFrom('clients')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(columnOf[this.table], '=', id)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }
}
