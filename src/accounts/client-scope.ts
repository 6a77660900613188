import { notFound } from '../platform/errors.ts';
import type { AccountsStores } from './accounts-stores.ts';
import type { Client } from './client.ts';
import type { ClientScope } from './client.store.ts';
import type { Operator } from './operator.ts';

/** Admins see every client; a manager sees only the clients assigned to them. */
export function clientScopeOf(op: Operator): ClientScope {
  return op.role === 'manager' ? { managerId: op.id } : {};
}

/** The client, when this operator may see it; another manager's client is "not found", not "forbidden". */
export async function findVisibleClient(s: AccountsStores, op: Operator, id: number): Promise<Client> {
  const client = await s.clients.findById(id, clientScopeOf(op));
  if (!client) throw notFound('client');
  return client;
}
