import { COMMAND_STATUS, commandStatusName, connect, readReceipt, type Session } from '@petrel/smpp';
import { benchText, LoadClock, type LoadResult, settle } from './load-result.ts';

export interface SmppLoadOptions {
  readonly host: string;
  readonly port: number;
  readonly systemId: string;
  readonly password: string;
  readonly binds: number;
  /** submit_sm in flight per bind. */
  readonly window: number;
  readonly count: number;
  readonly destination: string;
  /** The text of message `seq`; unique texts let a test find duplicates at the vendor. */
  text?(seq: number): string;
  /** Give up waiting for receipts when none came for this long. */
  readonly idleMs: number;
  /** The whole load ends by then (performance.now() time). */
  readonly deadline: number;
  /** Called with every accepted message id (e.g. to check it in the database later). */
  onAccepted?(seq: number, messageId: string): void;
}

/** One deliver_sm-carried receipt per message counts: the first final one. */
const NOT_FINAL = new Set(['ENROUTE', 'ACCEPTD']);

/**
 * `binds` transceiver binds, `window` submits in flight on each, `count` messages in all, each
 * asking for a receipt; counts final receipts for the accepted ids (also when a receipt overtakes
 * its own submit_sm_resp in this process's queue).
 */
export async function runSmppLoad(o: SmppLoadOptions): Promise<LoadResult> {
  const clock = new LoadClock(o.count, o.binds * o.window);
  const accepted = new Set<string>();
  const early = new Set<string>();
  const done = new Set<string>();
  const sessions: Session[] = [];
  for (let i = 0; i < o.binds; i++) {
    const session = await connect({ host: o.host, port: o.port, systemId: o.systemId, password: o.password, bindType: 'transceiver', windowSize: o.window, enquireLinkIntervalMs: 0, requestTimeoutMs: 60_000 });
    session.on('error', () => undefined);
    session.on('deliver_sm', (pdu) => {
      const at = performance.now();
      session.respond(pdu, {});
      const receipt = readReceipt(pdu);
      if (!receipt || NOT_FINAL.has(receipt.stat) || done.has(receipt.id)) return;
      done.add(receipt.id);
      if (accepted.has(receipt.id)) clock.receipt(at);
      else early.add(receipt.id);
    });
    sessions.push(session);
  }
  const text = o.text ?? benchText;
  let next = 0;
  const lane = async (session: Session): Promise<void> => {
    while (next < o.count && performance.now() < o.deadline && session.state !== 'closed') {
      const seq = next++;
      const sentAt = performance.now();
      clock.requested(sentAt);
      try {
        const resp = await session.submitSm({ sourceAddr: 'Petrel', sourceAddrTon: 5, destinationAddr: o.destination, destAddrTon: 1, destAddrNpi: 1, registeredDelivery: 1, shortMessage: Buffer.from(text(seq), 'latin1') });
        const at = performance.now();
        clock.answered(sentAt, at, 'accepted');
        accepted.add(resp.messageId);
        o.onAccepted?.(seq, resp.messageId);
        if (early.delete(resp.messageId)) clock.receipt(at);
      } catch (err) {
        const status = (err as { commandStatus?: number }).commandStatus;
        clock.answered(sentAt, performance.now(), status === undefined || status === COMMAND_STATUS.ESME_ROK ? 'error' : commandStatusName(status));
      }
    }
  };
  await Promise.all(sessions.flatMap((s) => Array.from({ length: o.window }, () => lane(s))));
  await settle(() => clock.receipts >= clock.accepted, () => clock.receipts, o.idleMs, o.deadline);
  await Promise.all(sessions.map((s) => s.unbind().catch(() => s.close('bench over'))));
  return clock.result();
}
