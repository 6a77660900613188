import type { Kysely } from 'kysely';
import { notFound } from '../platform/errors.ts';
import type { Operator } from './operator.ts';
import type { AccountsTables } from './tables.ts';

/** What the message-path screens need of a client they work on. */
export interface ClientRef {
  readonly id: number;
  readonly login: string;
  readonly managerId: number | null;
  readonly currency: string;
  readonly moderation: 'manual' | 'automatic';
  readonly timezone: string;
}

/**
 * The client, when this operator may work on it: an admin reaches every client, a manager only
 * the clients assigned to them. Another manager's client is "not found", never "forbidden".
 */
export async function visibleClient(db: Kysely<AccountsTables>, op: Operator, clientId: number): Promise<ClientRef> {
  let q = db.selectFrom('clients').select(['id', 'login', 'manager_id', 'currency', 'moderation', 'timezone']).where('id', '=', clientId);
  if (op.role !== 'admin') q = q.where('manager_id', '=', op.id);
  const r = await q.executeTakeFirst();
  if (!r) throw notFound('client');
  return { id: r.id, login: r.login, managerId: r.manager_id, currency: r.currency, moderation: r.moderation, timezone: r.timezone };
}
