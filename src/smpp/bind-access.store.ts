import { ClientAccessStore } from '../accounts/client-access.store.ts';
import type { Db } from '../messaging/intake/intake.store.ts';
import type { BindAccess } from './rules/decide-bind.ts';

/**
 * A client's SMPP access by system_id (case-insensitive; the login when no system_id is stored
 * and it fits), with the account rights a bind checks: the accounts module's own lookup.
 */
export class BindAccessLookup {
  private readonly store: ClientAccessStore;

  constructor(db: Db) {
    this.store = new ClientAccessStore(db as unknown as ConstructorParameters<typeof ClientAccessStore>[0]);
  }

  async find(systemId: string): Promise<BindAccess | undefined> {
    const c = await this.store.findBySystemId(systemId);
    if (!c) return undefined;
    return {
      clientId: c.clientId,
      systemId: c.systemId,
      passwordHash: c.passwordHash,
      allowedIps: c.allowedIps,
      maxBinds: c.maxBinds,
      throughput: c.throughput,
      blocked: c.status !== 'active',
      canSendSmpp: c.canSendSmpp,
    };
  }
}
