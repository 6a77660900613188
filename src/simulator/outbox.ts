import { isBound, SmppClosedError, SmppTimeoutError, type PduFields, type Session } from '@petrel/smpp';

/** deliver_sm PDUs bound for one system_id's receivers; all parts go over one session, in order. */
export interface Deliverable {
  /** undefined: any receiver will do (an MO with no system_id). */
  readonly systemId: string | undefined;
  readonly pdus: readonly PduFields<'deliver_sm'>[];
  /** Called once: true when every PDU was acknowledged, false when the client refused one. */
  readonly settle: (acknowledged: boolean) => void;
}

const ANY = '\u0000any';

/**
 * Where receipts and MO go: round-robin over the receiver and transceiver sessions bound with the
 * item's system_id. With none bound, items wait (first in, first out) and go out when one binds.
 * A send cut short by a closed session or a timeout is tried again; a refusal (or a PDU that
 * cannot be encoded) is final.
 */
export class Outbox {
  private readonly receivers = new Map<string, Session[]>();
  private readonly turn = new Map<string, number>();
  private readonly waiting = new Map<string, Deliverable[]>();
  private closed = false;

  /** A receiver or transceiver bound: it takes its share from now on, and what waited for it. */
  addReceiver(session: Session): void {
    if (this.closed || !isBound(session.state)) return; // it went away before its turn came
    const list = this.receivers.get(session.peerSystemId) ?? [];
    list.push(session);
    this.receivers.set(session.peerSystemId, list);
    session.once('close', () => this.removeReceiver(session));
    this.flush(session.peerSystemId);
    this.flush(ANY);
  }

  deliver(item: Deliverable): void {
    if (this.closed) return item.settle(false);
    const session = this.pick(item.systemId);
    if (session === undefined) {
      const key = item.systemId ?? ANY;
      const queue = this.waiting.get(key) ?? [];
      queue.push(item);
      this.waiting.set(key, queue);
      return;
    }
    this.send(session, item);
  }

  /** Items waiting for a receiver to bind. */
  get waitingCount(): number {
    let n = 0;
    for (const queue of this.waiting.values()) n += queue.length;
    return n;
  }

  /** Settles everything still waiting as not delivered; later items are refused. */
  close(): void {
    this.closed = true;
    const all = [...this.waiting.values()].flat();
    this.waiting.clear();
    for (const item of all) item.settle(false);
  }

  private send(session: Session, item: Deliverable): void {
    const sends = item.pdus.map((fields) => session.deliverSm(fields));
    Promise.all(sends).then(
      () => item.settle(true),
      (error: unknown) => {
        // The session went away or timed out: another one (or a later bind) gets it. A refusal is final.
        if (error instanceof SmppClosedError || error instanceof SmppTimeoutError) this.deliver(item);
        else item.settle(false);
      },
    );
  }

  private pick(systemId: string | undefined): Session | undefined {
    const key = systemId ?? ANY;
    const candidates = systemId === undefined ? [...this.receivers.values()].flat() : (this.receivers.get(systemId) ?? []);
    const live = candidates.filter((s) => isBound(s.state));
    if (live.length === 0) return undefined;
    const n = this.turn.get(key) ?? 0;
    this.turn.set(key, n + 1);
    return live[n % live.length];
  }

  private flush(key: string): void {
    const queue = this.waiting.get(key);
    if (queue === undefined) return;
    this.waiting.delete(key);
    for (const item of queue) this.deliver(item);
  }

  private removeReceiver(session: Session): void {
    const list = this.receivers.get(session.peerSystemId);
    if (list === undefined) return;
    const rest = list.filter((s) => s !== session);
    if (rest.length === 0) this.receivers.delete(session.peerSystemId);
    else this.receivers.set(session.peerSystemId, rest);
  }
}
