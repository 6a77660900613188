import { AppError } from '../platform/errors.ts';
import type { AccountsStores } from './accounts-stores.ts';
import type { Client } from './client.ts';
import { findVisibleClient } from './client-scope.ts';
import { clientSnapshot } from './client-snapshot.ts';
import { diffFields } from './diff-fields.ts';
import { actorOf, type Operator } from './operator.ts';

/** Blocks a client, with the reason the history and the profile show. */
export async function blockClient(s: AccountsStores, op: Operator, id: number, reason: string): Promise<Client> {
  return setStatus(s, op, id, 'blocked', reason, reason);
}

/** Lifts a block; the reason, when given, goes to the history. */
export async function unblockClient(s: AccountsStores, op: Operator, id: number, reason: string | null | undefined): Promise<Client> {
  return setStatus(s, op, id, 'active', null, reason ?? null);
}

async function setStatus(s: AccountsStores, op: Operator, id: number, status: Client['status'], blockedReason: string | null, reason: string | null): Promise<Client> {
  const before = await findVisibleClient(s, op, id);
  return s.db.transaction().execute(async (trx) => {
    const clients = s.clients.in(trx);
    if (!(await clients.setStatus(id, status, blockedReason, s.clock.now()))) {
      throw new AppError('conflict', status === 'blocked' ? 'the client is already blocked' : 'the client is not blocked');
    }
    const after = await clients.findById(id);
    if (!after) throw new Error('the client vanished inside its own transaction');
    const changes = diffFields(clientSnapshot(before), clientSnapshot(after));
    if (status === 'active' && reason !== null) changes.push({ field: 'reason', before: null, after: reason });
    await s.history.record(trx, 'client', id, status === 'blocked' ? 'block' : 'unblock', actorOf(op), changes);
    return after;
  });
}
