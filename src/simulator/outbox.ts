import { COMMAND_STATUS as S, isBound, SmppClosedError, SmppCommandError, SmppTimeoutError, type PduFields, type Session } from '@petrel/smpp';

/** deliver_sm PDUs bound for one system_id's receivers; all parts go over one session, in order. */
export interface Deliverable {
  /** undefined: any receiver will do (an MO with no system_id). */
  readonly systemId: string | undefined;
  readonly pdus: readonly PduFields<'deliver_sm'>[];
  /** Called once: true when every PDU was acknowledged, false when the client refused one. */
  readonly settle: (acknowledged: boolean) => void;
  /** Temporary refusals so far (they set the wait before the next try). */
  readonly refusals?: number;
}

const ANY = '\u0000any';

/** Answers that say "not now" (SMPP 3.4: the ESME's temporary application error, a full queue, throttling): an SMSC tries again later. */
const TEMPORARY: ReadonlySet<number> = new Set([S.ESME_RX_T_APPN, S.ESME_RMSGQFUL, S.ESME_RTHROTTLED]);

const gone = (error: unknown): boolean => error instanceof SmppClosedError || error instanceof SmppTimeoutError;
const temporary = (error: unknown): boolean => error instanceof SmppCommandError && TEMPORARY.has(error.commandStatus);

/** Wait before trying again after the n-th temporary refusal in a row: 1 s, doubling up to 30 s. */
export function redeliveryDelayMs(refusals: number): number {
  return Math.min(30_000, 1000 * 2 ** Math.max(0, refusals - 1));
}

/**
 * Where receipts and MO go: round-robin over the receiver and transceiver sessions bound with the
 * item's system_id. With none bound, items wait (first in, first out) and go out when one binds.
 * A send cut short by a closed session or a timeout is tried again at once; one refused with a
 * temporary error (ESME_RX_T_APPN: the client could not store it now) again after a pause, as
 * SMSCs do (`redeliveryDelayMs`), with only the parts refused; any other refusal (or a PDU that
 * cannot be encoded) is final.
 */
export class Outbox {
  private readonly receivers = new Map<string, Session[]>();
  private readonly turn = new Map<string, number>();
  private readonly waiting = new Map<string, Deliverable[]>();
  /** Items refused for now, each waiting for its next try. */
  private readonly retries = new Map<NodeJS.Timeout, Deliverable>();
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
    for (const timer of this.retries.keys()) clearTimeout(timer);
    const all = [...this.waiting.values()].flat().concat([...this.retries.values()]);
    this.retries.clear();
    this.waiting.clear();
    for (const item of all) item.settle(false);
  }

  private send(session: Session, item: Deliverable): void {
    const sends = item.pdus.map((fields) => session.deliverSm(fields).then(() => undefined, (error: unknown) => ({ fields, error })));
    void Promise.all(sends).then((outcomes) => {
      const failed = outcomes.filter((o) => o !== undefined);
      if (failed.length === 0) return item.settle(true);
      if (!failed.every((f) => gone(f.error) || temporary(f.error))) return item.settle(false);
      const refused = failed.some((f) => temporary(f.error));
      const rest: Deliverable = { ...item, pdus: failed.map((f) => f.fields), refusals: (item.refusals ?? 0) + (refused ? 1 : 0) };
      // The session went away or timed out: another one (or a later bind) gets it now.
      if (!refused) return this.deliver(rest);
      // Refused for now: the parts refused go again after a pause.
      const timer = setTimeout(() => {
        this.retries.delete(timer);
        this.deliver(rest);
      }, redeliveryDelayMs(rest.refusals ?? 1));
      this.retries.set(timer, rest);
    });
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
