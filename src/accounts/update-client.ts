import { AppError, validationFailed } from '../platform/errors.ts';
import type { AccountsStores } from './accounts-stores.ts';
import type { Client } from './client.ts';
import { settingsToColumns } from './client-row.ts';
import { findVisibleClient } from './client-scope.ts';
import { clientSnapshot } from './client-snapshot.ts';
import { loginTaken } from './create-client.ts';
import { diffFields } from './diff-fields.ts';
import { actorOf, type Operator } from './operator.ts';
import { hashPassword } from './password.ts';
import { resolveClientReferences } from './resolve-client-references.ts';
import { PASSWORD_IS_LOGIN } from './rules/client-field-schemas.ts';
import type { ClientUpdate } from './rules/client-schema.ts';
import { isUniqueViolation } from './unique-violation.ts';

/** Refusals that depend on the stored client: a new currency, a manager reassigning, a password equal to the login. */
function checkChangeAllowed(op: Operator, before: Client, patch: ClientUpdate): void {
  if (patch.currency !== undefined && patch.currency !== before.currency) {
    throw new AppError('currency_locked', `the currency of a client cannot be changed after saving (it is ${before.currency})`, { currency: `cannot be changed after saving; it stays ${before.currency}` });
  }
  if (op.role !== 'admin' && patch.managerId !== undefined && patch.managerId !== before.managerId) {
    throw new AppError('forbidden', 'only an admin may assign a client to a manager', { managerId: 'only an admin may assign a manager' });
  }
  if (patch.password !== undefined && patch.password.toLowerCase() === (patch.login ?? before.login).toLowerCase()) {
    throw validationFailed({ password: PASSWORD_IS_LOGIN });
  }
}

const REFERENCE_KEYS = ['managerId', 'productId', 'legalEntityId', 'businessType', 'categoryType'] as const;

/**
 * The references an edit changes. A form sends the client back whole; a value it already had
 * (a manager disabled since, say) is not checked again, and is left as it is.
 */
function changedReferences(before: Client, changes: ClientUpdate): ClientUpdate {
  return Object.fromEntries(REFERENCE_KEYS.filter((k) => changes[k] !== undefined && changes[k] !== before[k]).map((k) => [k, changes[k]]));
}

/**
 * Edits a client the operator may see: any subset of its settings, a new password when given.
 * Either the whole change and its history are saved, or nothing.
 */
export async function updateClient(s: AccountsStores, op: Operator, id: number, patch: ClientUpdate): Promise<Client> {
  const before = await findVisibleClient(s, op, id);
  checkChangeAllowed(op, before, patch);
  const { password, passwordConfirm: _confirm, currency: _same, ...changes } = patch;
  const ids = await resolveClientReferences(s, changedReferences(before, changes), { currencyMustBeEnabled: false });
  if (changes.login !== undefined && (await s.clients.loginTaken(changes.login, id))) throw loginTaken(changes.login);
  const passwordHash = password === undefined ? undefined : await hashPassword(password);
  const columns = { ...settingsToColumns(changes, ids), ...(passwordHash !== undefined && { password_hash: passwordHash }) };
  if (Object.keys(columns).length === 0) return before;
  try {
    return await s.db.transaction().execute(async (trx) => {
      const clients = s.clients.in(trx);
      await clients.update(id, { ...columns, updated_at: s.clock.now() });
      const after = await clients.findById(id);
      if (!after) throw new Error('the client vanished inside its own transaction');
      const diff = diffFields(clientSnapshot(before), clientSnapshot(after));
      if (passwordHash !== undefined) diff.push({ field: 'password', before: null, after: '(changed)' });
      if (diff.length > 0) await s.history.record(trx, 'client', id, 'update', actorOf(op), diff);
      return after;
    });
  } catch (err) {
    if (isUniqueViolation(err, 'clients_login_key') && changes.login !== undefined) throw loginTaken(changes.login);
    throw err;
  }
}
