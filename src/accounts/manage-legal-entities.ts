import { AppError, notFound } from '../platform/errors.ts';
import type { AccountsStores } from './accounts-stores.ts';
import { diffFields } from './diff-fields.ts';
import type { LegalEntity, LegalEntityFields } from './legal-entity.store.ts';
import { actorOf, type Operator } from './operator.ts';
import { isForeignKeyViolation, isUniqueViolation } from './unique-violation.ts';

type Input = Partial<LegalEntityFields> & { readonly name: string };

const snapshot = ({ id: _id, createdAt: _c, updatedAt: _u, ...fields }: LegalEntity): Record<string, unknown> => fields;
const nameTaken = (name: string) => new AppError('conflict', `a legal entity named "${name}" already exists`, { name: 'already used by another legal entity' });

export async function createLegalEntity(s: AccountsStores, op: Operator, input: Input): Promise<LegalEntity> {
  if (await s.legalEntities.nameTaken(input.name)) throw nameTaken(input.name);
  const fields: LegalEntityFields = {
    name: input.name,
    address: input.address ?? null,
    country: input.country ?? null,
    taxNumber: input.taxNumber ?? null,
    vatNumber: input.vatNumber ?? null,
    registrationNumber: input.registrationNumber ?? null,
    bankName: input.bankName ?? null,
    bankAccount: input.bankAccount ?? null,
    swift: input.swift ?? null,
    invoicePrefix: input.invoicePrefix ?? '',
    email: input.email ?? null,
    phone: input.phone ?? null,
  };
  return inTransactionNamed(s, input.name, async (trx) => {
    const created = await s.legalEntities.in(trx).insert(fields, s.clock.now());
    await s.history.record(trx, 'legal_entity', created.id, 'create', actorOf(op), diffFields(null, snapshot(created)));
    return created;
  });
}

export async function updateLegalEntity(s: AccountsStores, op: Operator, id: number, patch: Partial<LegalEntityFields>): Promise<LegalEntity> {
  const before = await s.legalEntities.findById(id);
  if (!before) throw notFound('legal entity');
  if (patch.name !== undefined && (await s.legalEntities.nameTaken(patch.name, id))) throw nameTaken(patch.name);
  return inTransactionNamed(s, patch.name, async (trx) => {
    const after = await s.legalEntities.in(trx).update(id, patch, s.clock.now());
    if (!after) throw notFound('legal entity');
    const changes = diffFields(snapshot(before), snapshot(after));
    if (changes.length > 0) await s.history.record(trx, 'legal_entity', id, 'update', actorOf(op), changes);
    return after;
  });
}

/** Deletes a legal entity that invoices nobody and that no product presets. */
export async function deleteLegalEntity(s: AccountsStores, op: Operator, id: number): Promise<void> {
  const before = await s.legalEntities.findById(id);
  if (!before) throw notFound('legal entity');
  const inUse = () => new AppError('in_use', `the legal entity "${before.name}" invoices clients or is preset by a product; change those first`);
  if ((await s.legalEntities.usage(id)) > 0) throw inUse();
  try {
    await s.db.transaction().execute(async (trx) => {
      await s.legalEntities.in(trx).delete(id);
      await s.history.record(trx, 'legal_entity', id, 'delete', actorOf(op), diffFields(snapshot(before), {}));
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
    if (name !== undefined && isUniqueViolation(err, 'legal_entities_name_key')) throw nameTaken(name);
    throw err;
  }
}
