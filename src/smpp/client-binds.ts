import type { Session } from '@petrel/smpp';

export interface ClientBind {
  readonly clientId: number;
  readonly session: Session;
  readonly receives: boolean;
}

/**
 * The clients' live binds on this node: for max binds, for the throughput limit shared by a
 * client's binds, and for the deliverer, which sends receipts and MO on receiver/transceiver binds.
 */
export class ClientBinds {
  private readonly byClient = new Map<number, Set<ClientBind>>();
  private readonly receiverListeners: ((clientId: number) => void)[] = [];
  private turn = 0;

  count(clientId: number): number {
    return this.byClient.get(clientId)?.size ?? 0;
  }

  /** Every client's binds on this node together. */
  total(): number {
    let n = 0;
    for (const set of this.byClient.values()) n += set.size;
    return n;
  }

  add(bind: ClientBind): void {
    const set = this.byClient.get(bind.clientId) ?? new Set();
    set.add(bind);
    this.byClient.set(bind.clientId, set);
    bind.session.once('close', () => {
      set.delete(bind);
      if (set.size === 0 && this.byClient.get(bind.clientId) === set) this.byClient.delete(bind.clientId);
    });
    if (bind.receives) for (const l of this.receiverListeners) l(bind.clientId);
  }

  /** Called when a client gets a receiver or transceiver bind (its waiting reports can go). */
  onReceiverBound(listener: (clientId: number) => void): void {
    this.receiverListeners.push(listener);
  }

  /** The client's receiving binds that are still up, starting at a rotating one. */
  receivers(clientId: number): Session[] {
    const set = this.byClient.get(clientId);
    if (!set) return [];
    const list = [...set].filter(isReceiving).map((b) => b.session);
    if (list.length < 2) return list;
    const start = this.turn++ % list.length;
    return [...list.slice(start), ...list.slice(0, start)];
  }

  /** Whether the client has a receiving bind that is up (asked for every report: no list made). */
  hasReceiver(clientId: number): boolean {
    const set = this.byClient.get(clientId);
    if (!set) return false;
    for (const b of set) if (isReceiving(b)) return true;
    return false;
  }

  /** Clients with at least one receiving bind. */
  receivingClients(): number[] {
    return [...this.byClient.keys()].filter((id) => this.hasReceiver(id));
  }
}

function isReceiving(b: ClientBind): boolean {
  return b.receives && (b.session.state === 'bound_rx' || b.session.state === 'bound_trx');
}
