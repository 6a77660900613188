import { AppError, notFound } from '../platform/errors.ts';
import type { AccountsStores } from './accounts-stores.ts';
import { diffFields } from './diff-fields.ts';
import type { ListItem, NamedListStore } from './named-list.store.ts';
import { actorOf, type Operator } from './operator.ts';
import { isForeignKeyViolation, isUniqueViolation } from './unique-violation.ts';

/** Business types or category types: the store, the history's entity name and the words for messages. */
export interface NamedList {
  readonly store: NamedListStore;
  readonly entity: 'business_type' | 'category_type';
  readonly what: string;
}

export const namedListsOf = (s: AccountsStores): { businessTypes: NamedList; categoryTypes: NamedList } => ({
  businessTypes: { store: s.businessTypes, entity: 'business_type', what: 'business type' },
  categoryTypes: { store: s.categoryTypes, entity: 'category_type', what: 'category type' },
});

const nameTaken = (list: NamedList, name: string) => new AppError('conflict', `the ${list.what} "${name}" already exists`, { name: 'already in the list (letter case aside)' });

export async function addListItem(s: AccountsStores, list: NamedList, op: Operator, name: string): Promise<ListItem> {
  if (await list.store.findByName(name)) throw nameTaken(list, name);
  try {
    return await s.db.transaction().execute(async (trx) => {
      const item = await list.store.in(trx).insert(name);
      await s.history.record(trx, list.entity, item.id, 'create', actorOf(op), diffFields(null, { name: item.name }));
      return item;
    });
  } catch (err) {
    if (isUniqueViolation(err, `${list.store.table}_name_key`)) throw nameTaken(list, name);
    throw err;
  }
}

/** Renames a value; clients that have it show the new name (they refer to it by id). */
export async function renameListItem(s: AccountsStores, list: NamedList, op: Operator, id: number, name: string): Promise<ListItem> {
  const before = await list.store.findById(id);
  if (!before) throw notFound(list.what);
  const other = await list.store.findByName(name);
  if (other && other.id !== id) throw nameTaken(list, name);
  try {
    return await s.db.transaction().execute(async (trx) => {
      const item = await list.store.in(trx).rename(id, name);
      if (!item) throw notFound(list.what);
      const changes = diffFields({ name: before.name }, { name: item.name });
      if (changes.length > 0) await s.history.record(trx, list.entity, id, 'update', actorOf(op), changes);
      return item;
    });
  } catch (err) {
    if (isUniqueViolation(err, `${list.store.table}_name_key`)) throw nameTaken(list, name);
    throw err;
  }
}

/** Deletes a value no client has; one in use is refused (409 in_use). */
export async function deleteListItem(s: AccountsStores, list: NamedList, op: Operator, id: number): Promise<void> {
  const before = await list.store.findById(id);
  if (!before) throw notFound(list.what);
  const inUse = () => new AppError('in_use', `the ${list.what} "${before.name}" is used by clients; change their ${list.what} first`);
  if ((await list.store.usage(id)) > 0) throw inUse();
  try {
    await s.db.transaction().execute(async (trx) => {
      await list.store.in(trx).delete(id);
      await s.history.record(trx, list.entity, id, 'delete', actorOf(op), diffFields({ name: before.name }, {}));
    });
  } catch (err) {
    if (isForeignKeyViolation(err)) throw inUse();
    throw err;
  }
}
