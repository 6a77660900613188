import { type Kysely, type Selectable, sql } from 'kysely';
import type { ProductsTable } from './list-tables.ts';
import type { ProductDefaults } from './rules/list-schemas.ts';
import type { AccountsTables } from './tables.ts';

type Db = Kysely<AccountsTables>;

/** A product preset: the client settings a commercial offer decides, and (later) its price list. */
export interface Product {
  readonly id: number;
  readonly name: string;
  readonly description: string | null;
  readonly defaults: ProductDefaults;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export type ProductFields = Pick<Product, 'name' | 'description' | 'defaults'>;

const toProduct = (r: Selectable<ProductsTable>): Product => ({
  id: r.id,
  name: r.name,
  description: r.description,
  defaults: r.defaults as ProductDefaults,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export class ProductStore {
  constructor(private readonly db: Db) {}

  in(trx: Db): ProductStore {
    return new ProductStore(trx);
  }

  async list(): Promise<Product[]> {
    return (await this.db.selectFrom('products').selectAll().orderBy(sql`lower(name) COLLATE "C"`).orderBy('id').execute()).map(toProduct);
  }

  async findById(id: number): Promise<Product | undefined> {
    const r = await this.db.selectFrom('products').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toProduct(r);
  }

  async nameTaken(name: string, exceptId?: number): Promise<boolean> {
    const r = await this.db
      .selectFrom('products')
      .select('id')
      .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
      .$if(exceptId !== undefined, (q) => q.where('id', '!=', exceptId!))
      .executeTakeFirst();
    return r !== undefined;
  }

  async insert(f: ProductFields, now: Date): Promise<Product> {
    const r = await this.db
      .insertInto('products')
      .values({ name: f.name, description: f.description, defaults: JSON.stringify(f.defaults), created_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toProduct(r);
  }

  async update(id: number, f: Partial<ProductFields>, now: Date): Promise<Product | undefined> {
    const r = await this.db
      .updateTable('products')
      .set({
        ...(f.name !== undefined && { name: f.name }),
        ...(f.description !== undefined && { description: f.description }),
        ...(f.defaults !== undefined && { defaults: JSON.stringify(f.defaults) }),
        updated_at: now,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    return r && toProduct(r);
  }

  async delete(id: number): Promise<boolean> {
    const r = await this.db.deleteFrom('products').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  /** How many clients are linked to it. */
  async usage(id: number): Promise<number> {
    const r = await this.db
      .selectFrom('clients')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('product_id', '=', id)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }
}
