import { AppError, notFound, validationFailed } from '../platform/errors.ts';
import type { AccountsStores } from './accounts-stores.ts';
import { diffFields } from './diff-fields.ts';
import { actorOf, type Operator } from './operator.ts';
import type { Product, ProductFields } from './product.store.ts';
import type { ProductDefaults } from './rules/list-schemas.ts';
import { isForeignKeyViolation, isUniqueViolation } from './unique-violation.ts';

const snapshot = (p: Product): Record<string, unknown> => ({ name: p.name, description: p.description, defaults: p.defaults });
const nameTaken = (name: string) => new AppError('conflict', `a product named "${name}" already exists`, { name: 'already used by another product' });

/** A preset may only name what a client could be given: an enabled currency, an existing legal entity. */
async function checkDefaults(s: AccountsStores, d: ProductDefaults): Promise<void> {
  const fields: Record<string, string> = {};
  if (d.currency !== undefined && !(await s.currencies.find(d.currency))?.enabled) fields['defaults.currency'] = `${d.currency} is not enabled on this platform`;
  if (typeof d.legalEntityId === 'number' && !(await s.legalEntities.findById(d.legalEntityId))) fields['defaults.legalEntityId'] = 'no such legal entity';
  if (Object.keys(fields).length > 0) throw validationFailed(fields);
}

export async function createProduct(s: AccountsStores, op: Operator, input: { name: string; description?: string | null | undefined; defaults?: ProductDefaults | undefined }): Promise<Product> {
  const fields: ProductFields = { name: input.name, description: input.description ?? null, defaults: input.defaults ?? {} };
  await checkDefaults(s, fields.defaults);
  if (await s.products.nameTaken(fields.name)) throw nameTaken(fields.name);
  return inTransactionNamed(s, fields.name, async (trx) => {
    const created = await s.products.in(trx).insert(fields, s.clock.now());
    await s.history.record(trx, 'product', created.id, 'create', actorOf(op), diffFields(null, snapshot(created)));
    return created;
  });
}

/** Edits a preset. Clients made from it keep their settings: a preset fills a form, it is not a live link. */
export async function updateProduct(s: AccountsStores, op: Operator, id: number, patch: Partial<ProductFields>): Promise<Product> {
  const before = await s.products.findById(id);
  if (!before) throw notFound('product');
  if (patch.defaults !== undefined) await checkDefaults(s, patch.defaults);
  if (patch.name !== undefined && (await s.products.nameTaken(patch.name, id))) throw nameTaken(patch.name);
  return inTransactionNamed(s, patch.name, async (trx) => {
    const after = await s.products.in(trx).update(id, patch, s.clock.now());
    if (!after) throw notFound('product');
    const changes = diffFields(snapshot(before), snapshot(after));
    if (changes.length > 0) await s.history.record(trx, 'product', id, 'update', actorOf(op), changes);
    return after;
  });
}

export async function deleteProduct(s: AccountsStores, op: Operator, id: number): Promise<void> {
  const before = await s.products.findById(id);
  if (!before) throw notFound('product');
  const inUse = () => new AppError('in_use', `the product "${before.name}" is linked to clients; change their product first`);
  if ((await s.products.usage(id)) > 0) throw inUse();
  try {
    await s.db.transaction().execute(async (trx) => {
      await s.products.in(trx).delete(id);
      await s.history.record(trx, 'product', id, 'delete', actorOf(op), diffFields(snapshot(before), {}));
    });
  } catch (err) {
    if (isForeignKeyViolation(err)) throw inUse();
    throw err;
  }
}

/** Runs `work` in a transaction; two saves of one name at once meet the unique index, answered as a conflict. */
async function inTransactionNamed<T>(s: AccountsStores, name: string | undefined, work: (trx: AccountsStores['db']) => Promise<T>): Promise<T> {
  try {
    return await s.db.transaction().execute(work);
  } catch (err) {
    if (name !== undefined && isUniqueViolation(err, 'products_name_key')) throw nameTaken(name);
    throw err;
  }
}
