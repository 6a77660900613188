import { EventEmitter } from 'node:events';
import {
  COMMAND_STATUS as S,
  createServer,
  describeTextError,
  type BindPdu,
  type BindType,
  type PduOf,
  type Session,
  type SmppServer,
} from '@petrel/smpp';
import { copyCounters, emptyCounters, type SimulatorCounters } from './counters.ts';
import { DueQueue } from './due-queue.ts';
import { MessageIds } from './message-ids.ts';
import { moPdus, type MoMessage } from './mo-pdus.ts';
import { pickOutcome, type OutcomeStat } from './pick-outcome.ts';
import { RateLimiter } from './rate-limiter.ts';
import { receiptPdu, type Address, type OwedReceipt } from './receipt-pdu.ts';
import { Outbox } from './outbox.ts';
import { resolveSimulatorOptions, type ResolvedOptions, type SimulatorOptions } from './simulator-options.ts';
import { submittedText } from './submitted-text.ts';
import { wantsReceipt } from './wants-receipt.ts';

type SubmitPdu = PduOf<'submit_sm' | 'data_sm' | 'submit_multi'>;

export interface SubmitEvent {
  readonly systemId: string;
  readonly pdu: SubmitPdu;
  /** The command_status answered; 'dropped' when the connection was dropped instead. */
  readonly status: number | 'dropped';
  /** Empty unless accepted. */
  readonly messageId: string;
}

export interface SimulatorEvents {
  submit: [event: SubmitEvent];
  bind: [event: { readonly systemId: string; readonly bindType: BindType; readonly status: number }];
  receipt: [event: { readonly systemId: string; readonly messageId: string; readonly stat: OutcomeStat; readonly err: number; readonly acknowledged: boolean }];
}

const BIND_TYPE = { bind_transmitter: 'transmitter', bind_receiver: 'receiver', bind_transceiver: 'transceiver' } as const;

/**
 * The built-in carrier SMSC. Accepts binds, answers submits with ids, and sends receipts with a
 * configured mix of outcomes after a delay through one shared queue; throttles, refuses a share of
 * submits, drops connections and sends MO on demand. Create it with `startSimulator`.
 */
export class Simulator extends EventEmitter<SimulatorEvents> {
  private readonly options: ResolvedOptions;
  private readonly server: SmppServer;
  private readonly stats = emptyCounters();
  private readonly ids: MessageIds;
  private readonly due: DueQueue<OwedReceipt>;
  private readonly outbox = new Outbox();
  private readonly limiters = new Map<string, RateLimiter>();
  private readonly submitsOn = new WeakMap<Session, number>();
  /** Receipts and MO scheduled, waiting for a receiver or in flight. */
  private pending = 0;
  private moReference = 0;
  private stopping: Promise<void> | undefined;
  /** In an outage (startOutage): connections are closed as they come. */
  private down = false;
  port = 0;
  host = '';

  constructor(options: SimulatorOptions = {}) {
    super();
    this.options = resolveSimulatorOptions(options);
    this.ids = new MessageIds(this.options.messageIdBase, this.options.firstMessageId);
    this.due = new DueQueue((batch) => this.sendReceipts(batch), this.options.now);
    this.server = createServer({ ...this.options.session, systemId: this.options.systemId, onBind: (session, bind) => this.onBind(session, bind) });
    this.server.on('session', (session) => this.onConnection(session));
  }

  async listen(): Promise<void> {
    const address = await this.server.listen(this.options.port, this.options.host);
    this.port = address.port;
    this.host = address.address;
  }

  /** A copy of the counters as they stand. */
  counters(): SimulatorCounters {
    return copyCounters({ ...this.stats, receiptsPending: this.pending, openConnections: this.server.sessions.size });
  }

  /**
   * Sends an MO message (deliver_sm, esm_class 0; concatenated with UDH when it needs several
   * segments) to a receiver of `systemId`, or of anyone; it waits when none is bound. Resolves with
   * the number of parts once the client acknowledged them all.
   */
  sendMo(mo: MoMessage): Promise<number> {
    const built = moPdus(mo, this.moReference++);
    if (!built.ok) return Promise.reject(new Error(`cannot send this MO: ${describeTextError(built.error)}`));
    if (this.stopping !== undefined) return Promise.reject(new Error('the simulator is stopping'));
    if (this.pending >= this.options.maxPending) return Promise.reject(new Error('too many receipts and MO pending'));
    this.pending++;
    return new Promise((resolve, reject) => {
      this.outbox.deliver({
        systemId: mo.systemId,
        pdus: built.pdus,
        settle: (acknowledged) => {
          this.pending--;
          if (!acknowledged) return reject(new Error('the MO was not acknowledged'));
          this.stats.moSent++;
          resolve(built.pdus.length);
        },
      });
    });
  }

  /** Drops every connection at once, as a carrier restart would. */
  dropConnections(): void {
    for (const session of this.server.sessions) this.drop(session, 'dropped by the simulator');
  }

  /**
   * A carrier outage: every connection dropped and new ones closed at once until `endOutage()`.
   * What the carrier owes (receipts, MO) stays with it and goes out once a receiver binds again,
   * as a store-and-forward SMSC keeps it.
   */
  startOutage(): void {
    this.down = true;
    this.dropConnections();
  }

  endOutage(): void {
    this.down = false;
  }

  /** Stops listening, lets bound sessions unbind for stopGraceMs, drops the rest, forgets what is pending. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      this.pending -= this.due.size;
      this.due.stop();
      this.outbox.close();
      const closed = this.server.close();
      const grace = new Promise<void>((resolve) => setTimeout(resolve, this.options.stopGraceMs).unref());
      await Promise.race([closed, grace]);
      for (const session of this.server.sessions) void session.close('simulator stopped');
      await closed;
    })();
    return this.stopping;
  }

  // ---- connections and binds ---------------------------------------------------------------

  private onConnection(session: Session): void {
    this.stats.connections++;
    if (this.down) return this.drop(session, 'the carrier is down');
    if (this.server.sessions.size > this.options.maxConnections) void session.close('too many connections');
  }

  private onBind(session: Session, bind: BindPdu): number {
    const status = this.checkCredentials(bind.systemId, bind.password);
    this.emit('bind', { systemId: bind.systemId, bindType: BIND_TYPE[bind.command], status });
    if (status !== S.ESME_ROK) {
      this.stats.bindsRefused++;
      return status;
    }
    this.stats.binds++;
    session.on('submit_sm', (pdu) => this.onSubmit(session, pdu));
    session.on('data_sm', (pdu) => this.onSubmit(session, pdu));
    session.on('submit_multi', (pdu) => this.onSubmit(session, pdu));
    if (bind.command !== 'bind_transmitter') {
      // 'bound' comes just before bind_resp is written: wait a turn so nothing overtakes it.
      session.once('bound', () => setImmediate(() => this.outbox.addReceiver(session)));
    }
    return S.ESME_ROK;
  }

  private checkCredentials(systemId: string, password: string): number {
    const known = this.options.credentials;
    if (known === undefined) return S.ESME_ROK;
    const expected = known.get(systemId);
    if (expected === undefined) return S.ESME_RINVSYSID;
    return expected === password ? S.ESME_ROK : S.ESME_RINVPASWD;
  }

  private drop(session: Session, reason: string): void {
    this.stats.dropped++;
    void session.close(reason);
  }

  // ---- submits -------------------------------------------------------------------------------

  private onSubmit(session: Session, pdu: SubmitPdu): void {
    const systemId = session.peerSystemId;
    this.stats.submits++;
    const count = (this.submitsOn.get(session) ?? 0) + 1;
    this.submitsOn.set(session, count);
    if (this.options.dropConnectionAfter !== undefined && count >= this.options.dropConnectionAfter) {
      this.drop(session, `dropConnectionAfter ${this.options.dropConnectionAfter}`);
      this.emit('submit', { systemId, pdu, status: 'dropped', messageId: '' });
      return;
    }
    const status = this.admit(systemId);
    if (status !== S.ESME_ROK) {
      session.respond(pdu, { commandStatus: status });
      this.emit('submit', { systemId, pdu, status, messageId: '' });
      return;
    }
    const messageId = this.ids.take();
    this.stats.accepted++;
    session.respond(pdu, { messageId });
    this.oweReceipts(systemId, messageId, pdu);
    this.emit('submit', { systemId, pdu, status, messageId });
  }

  /** ESME_ROK, or why this submit is refused: the rate first, then the reject share. */
  private admit(systemId: string): number {
    const { throttleAbove, reject, random, now } = this.options;
    if (throttleAbove !== undefined) {
      let limiter = this.limiters.get(systemId);
      if (limiter === undefined) this.limiters.set(systemId, (limiter = new RateLimiter(throttleAbove, now())));
      if (!limiter.tryTake(now())) {
        this.stats.throttled++;
        return S.ESME_RTHROTTLED;
      }
    }
    if (reject.share > 0 && random() < reject.share) {
      this.stats.rejected++;
      return reject.statuses[Math.floor(random() * reject.statuses.length)] ?? S.ESME_RSUBMITFAIL;
    }
    return S.ESME_ROK;
  }

  // ---- receipts ------------------------------------------------------------------------------

  private oweReceipts(systemId: string, messageId: string, pdu: SubmitPdu): void {
    if ((pdu.registeredDelivery & 0x03) === 0) return;
    const source: Address = { ton: pdu.sourceAddrTon, npi: pdu.sourceAddrNpi, addr: pdu.sourceAddr };
    const body = pdu.command === 'data_sm' || pdu.shortMessage.length === 0 ? pdu.tlvs.messagePayload : pdu.shortMessage;
    const text = submittedText({ esmClass: pdu.esmClass, dataCoding: pdu.dataCoding, body });
    const destinations: Address[] =
      pdu.command === 'submit_multi'
        ? pdu.destAddresses.flatMap((d) => (d.kind === 'sme' ? [{ ton: d.destAddrTon, npi: d.destAddrNpi, addr: d.destinationAddr }] : []))
        : [{ ton: pdu.destAddrTon, npi: pdu.destAddrNpi, addr: pdu.destinationAddr }];
    const { random, now, delay, outcomes } = this.options;
    for (const destination of destinations) {
      const { stat, err } = pickOutcome(outcomes, random(), random());
      if (!wantsReceipt(pdu.registeredDelivery, stat)) continue;
      if (this.pending >= this.options.maxPending) {
        this.stats.receiptsDropped++;
        continue;
      }
      this.pending++;
      const submittedAt = now();
      const owed: OwedReceipt = { systemId, messageId, stat, err, submittedAt, source, destination, text };
      this.due.add(submittedAt + delay.min + random() * (delay.max - delay.min), owed);
    }
  }

  private sendReceipts(batch: readonly OwedReceipt[]): void {
    const format = { ...this.options.receiptFormat, idBase: this.options.messageIdBase };
    const doneAt = this.options.now();
    for (const owed of batch) {
      this.outbox.deliver({
        systemId: owed.systemId,
        pdus: [receiptPdu(owed, doneAt, format, this.options.receiptTlvs)],
        settle: (acknowledged) => {
          this.pending--;
          if (acknowledged) this.stats.receipts[owed.stat]++;
          else this.stats.receiptsRefused++;
          this.emit('receipt', { systemId: owed.systemId, messageId: owed.messageId, stat: owed.stat, err: owed.err, acknowledged });
        },
      });
    }
  }
}

/** Starts a simulator listening on options.host:options.port (a free port when 0). */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const simulator = new Simulator(options);
  await simulator.listen();
  return simulator;
}
