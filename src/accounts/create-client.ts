import { AppError } from '../platform/errors.ts';
import type { AccountsStores } from './accounts-stores.ts';
import type { Client } from './client.ts';
import { newClientRow } from './client-row.ts';
import { clientSnapshot } from './client-snapshot.ts';
import { diffFields } from './diff-fields.ts';
import { actorOf, type Operator } from './operator.ts';
import { hashPassword } from './password.ts';
import { resolveClientReferences } from './resolve-client-references.ts';
import { applyClientDefaults } from './rules/apply-client-defaults.ts';
import type { ClientCreate } from './rules/client-schema.ts';
import { isUniqueViolation } from './unique-violation.ts';

export const loginTaken = (login: string): AppError => new AppError('login_taken', `the login ${login} is taken by another client`, { login: 'already taken (letter case aside)' });

/**
 * A manager's clients are theirs: they may leave Manager out or name themselves, nothing else.
 * Only an admin assigns clients to managers.
 */
export function managerOfNewClient(op: Operator, requested: number | null | undefined): number | null {
  if (op.role === 'admin') return requested ?? null;
  if (requested !== undefined && requested !== op.id) {
    throw new AppError('forbidden', 'only an admin may assign a client to a manager', { managerId: 'only an admin may assign a manager' });
  }
  return op.id;
}

/**
 * Creates a client: settings from the form, its product and the platform defaults; references
 * checked; the row and its history committed together.
 */
export async function createClient(s: AccountsStores, op: Operator, input: ClientCreate): Promise<Client> {
  const managerId = managerOfNewClient(op, input.managerId);
  const product = typeof input.productId === 'number' ? await s.products.findById(input.productId) : undefined;
  const settings = applyClientDefaults({ ...input, managerId }, product?.defaults ?? null, await s.platformDefaults.get());
  const ids = await resolveClientReferences(s, settings, { currencyMustBeEnabled: true });
  if (await s.clients.loginTaken(settings.login)) throw loginTaken(settings.login);
  const passwordHash = await hashPassword(input.password);
  const row = newClientRow(settings, { businessTypeId: ids.businessTypeId ?? null, categoryTypeId: ids.categoryTypeId ?? null }, passwordHash, s.clock.now());
  try {
    return await s.db.transaction().execute(async (trx) => {
      const clients = s.clients.in(trx);
      const created = await clients.findById(await clients.insert(row));
      if (!created) throw new Error('the new client vanished inside its own transaction');
      await s.history.record(trx, 'client', created.id, 'create', actorOf(op), diffFields(null, clientSnapshot(created)));
      return created;
    });
  } catch (err) {
    // Two creates with one login at once: the unique index decides.
    if (isUniqueViolation(err, 'clients_login_key')) throw loginTaken(settings.login);
    throw err;
  }
}
