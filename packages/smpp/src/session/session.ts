import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { RESPONSE_OF, type CommandName, type RespondedCommand } from '../codec/command-ids.ts';
import { COMMAND_STATUS as S } from '../codec/command-status.ts';
import { decodePdu, type PduDecodeError } from '../codec/decode-pdu.ts';
import { encodePdu } from '../codec/encode-pdu.ts';
import type { FramingError } from '../codec/framer.ts';
import type { BindCommand, BindPdu, Pdu, PduOf, RequestPdu, ResponsePdu } from '../codec/pdu.ts';
import { buildPdu, INTERFACE_VERSION_34, type PduFields } from '../codec/pdu-defaults.ts';
import { SmppCommandError, SmppProtocolError } from '../errors.ts';
import { BIND_COMMAND, BIND_TYPE, BOUND_STATE, inboundStatus, isBound, type BindType, type Role, type SessionState } from './bind-rules.ts';
import { SessionCore } from './session-core.ts';
import type { AppRequestCommand, SessionEvents } from './session-events.ts';
import type { SessionOptions } from './session-options.ts';

/** What the server plugs into its sessions. */
export interface SessionHooks {
  /** Decides a bind; resolves to a command_status (ESME_ROK accepts). */
  readonly onBind?: (bind: BindPdu) => Promise<number> | number;
  /** system_id this side puts in bind_resp. */
  readonly systemId?: string;
}

/** Fields of the response to request C, plus its command_status (0 when omitted). */
export type ResponseFields<C extends RespondedCommand> = PduFields<(typeof RESPONSE_OF)[C]> & { readonly commandStatus?: number };

const REQUESTS: ReadonlySet<CommandName> = new Set([...Object.keys(RESPONSE_OF), 'outbind', 'alert_notification'] as CommandName[]);

/**
 * One SMPP connection, either side. Requests are promise methods that resolve with the response PDU
 * or reject with SmppCommandError (non-zero status), SmppTimeoutError or SmppClosedError. Inbound
 * requests arrive as events and are answered with `respond`. One timer per session covers request
 * timeouts, keep-alive, the bind timeout and the unbind grace period.
 * Created by `connect` (role 'esme') and by `createServer` (role 'smsc').
 */
export class Session extends SessionCore {
  /** The peer's system_id once bound (from the bind on a server, from bind_resp on a client). */
  peerSystemId = '';
  bindType: BindType | undefined;
  private bindInProgress = false;

  constructor(
    socket: Socket,
    role: Role,
    options: SessionOptions,
    private readonly hooks: SessionHooks = {},
  ) {
    super(socket, role, options);
  }

  get state(): SessionState {
    return this.currentState;
  }
  /** Why the session closed; empty while open. */
  get closeReason(): string {
    return this.reason;
  }
  get socket(): Socket {
    return this.link.socket;
  }
  /** Requests in flight / waiting for room in the window / inbound requests not yet answered. */
  get outstanding(): number {
    return this.window.outstanding;
  }
  get queued(): number {
    return this.window.queued;
  }
  get awaitingResponses(): number {
    return this.awaiting.size;
  }

  // ---- requests ---------------------------------------------------------------------------

  submitSm(fields: PduFields<'submit_sm'>): Promise<PduOf<'submit_sm_resp'>> {
    return this.request('submit_sm', fields);
  }
  submitMulti(fields: PduFields<'submit_multi'>): Promise<PduOf<'submit_multi_resp'>> {
    return this.request('submit_multi', fields);
  }
  deliverSm(fields: PduFields<'deliver_sm'>): Promise<PduOf<'deliver_sm_resp'>> {
    return this.request('deliver_sm', fields);
  }
  dataSm(fields: PduFields<'data_sm'>): Promise<PduOf<'data_sm_resp'>> {
    return this.request('data_sm', fields);
  }
  querySm(fields: PduFields<'query_sm'>): Promise<PduOf<'query_sm_resp'>> {
    return this.request('query_sm', fields);
  }
  cancelSm(fields: PduFields<'cancel_sm'>): Promise<PduOf<'cancel_sm_resp'>> {
    return this.request('cancel_sm', fields);
  }
  replaceSm(fields: PduFields<'replace_sm'>): Promise<PduOf<'replace_sm_resp'>> {
    return this.request('replace_sm', fields);
  }
  enquireLink(): Promise<PduOf<'enquire_link_resp'>> {
    return this.request('enquire_link', undefined, true);
  }

  /** alert_notification has no response: it is written and forgotten. */
  alertNotification(fields: PduFields<'alert_notification'>): void {
    const refusal = this.refusal('alert_notification');
    if (refusal !== undefined) throw refusal;
    this.link.write(encodePdu(buildPdu('alert_notification', this.window.nextSequence(), fields)));
  }

  /** Binds this (client) session. `connect` calls it; call it yourself after an outbind. */
  async bind(type: BindType, fields: PduFields<BindCommand>): Promise<PduOf<'bind_transmitter_resp' | 'bind_receiver_resp' | 'bind_transceiver_resp'>> {
    return this.request(BIND_COMMAND[type], { interfaceVersion: INTERFACE_VERSION_34, ...fields });
  }

  /**
   * Graceful unbind: no new requests; waits (up to requestTimeoutMs) for requests in flight and
   * inbound requests the application still owes a response, then unbind / unbind_resp, then close.
   */
  unbind(): Promise<void> {
    const closed = this.whenClosed();
    if (!isBound(this.currentState)) {
      if (this.currentState !== 'unbinding') this.closeWith('closed before bind', false);
      return closed;
    }
    this.currentState = 'unbinding';
    this.unbindDeadline = Date.now() + this.options.requestTimeoutMs;
    this.maybeSendUnbind();
    this.schedule();
    return closed;
  }

  /** Drops the connection now; requests still waiting reject with SmppClosedError. */
  close(reason = 'closed by application'): Promise<void> {
    const closed = this.whenClosed();
    this.closeWith(reason, false);
    return closed;
  }

  /** Stops reading the socket until resumeReading (independent of the automatic backpressure). */
  pauseReading(): void {
    this.setPaused('application', true);
  }
  resumeReading(): void {
    this.setPaused('application', false);
  }

  /**
   * Answers an inbound request (submit_sm, deliver_sm ...) with its _resp: `fields` are the
   * response's body plus `commandStatus`. Returns false (and sends nothing) if the request is not
   * awaiting an answer: already answered, or the session closed meanwhile.
   */
  respond<C extends AppRequestCommand>(request: PduOf<C>, fields?: ResponseFields<C>): boolean {
    if (this.awaiting.get(request.sequenceNumber) !== request.command || !this.link.writable) return false;
    // buildPdu sets the header from its arguments, so `fields` goes in whole, commandStatus and all.
    const response = buildPdu(RESPONSE_OF[request.command], request.sequenceNumber, fields as PduFields<CommandName> | undefined, fields?.commandStatus ?? 0);
    const buffer = encodePdu(response as Pdu);
    this.awaiting.delete(request.sequenceNumber);
    this.link.write(buffer);
    if (this.awaiting.size <= this.options.inboundLowWaterMark) this.setPaused('backpressure', false);
    this.maybeSendUnbind();
    return true;
  }

  /** Writes any PDU as is, bypassing state checks and the window: for simulators and tests. */
  sendRaw(pdu: Pdu): void {
    this.link.write(encodePdu(pdu));
  }

  // ---- inbound ---------------------------------------------------------------------------------

  protected onFrame(frame: Buffer): void {
    const result = decodePdu(frame);
    if (!result.ok) return this.onDecodeError(result.error);
    const pdu = result.pdu;
    if (REQUESTS.has(pdu.command)) this.onRequest(pdu as RequestPdu);
    else this.onResponse(pdu as ResponsePdu);
  }

  private onResponse(pdu: ResponsePdu): void {
    const outstanding = this.window.take(pdu.sequenceNumber);
    if (outstanding === undefined) {
      this.report(new SmppProtocolError(`${pdu.command} #${pdu.sequenceNumber} answers no request in flight`, S.ESME_RINVCMDID));
    } else if (pdu.command === 'generic_nack') {
      outstanding.reject(new SmppCommandError(pdu.commandStatus, outstanding.command, pdu));
    } else if (pdu.command !== RESPONSE_OF[outstanding.command]) {
      outstanding.reject(new SmppProtocolError(`expected ${RESPONSE_OF[outstanding.command]}, got ${pdu.command}`, S.ESME_RINVCMDID));
    } else if (pdu.commandStatus !== S.ESME_ROK) {
      outstanding.reject(new SmppCommandError(pdu.commandStatus, outstanding.command, pdu));
    } else {
      if (outstanding.command in BIND_TYPE) this.enterBound(BIND_TYPE[outstanding.command as BindCommand], (pdu as { systemId: string }).systemId);
      outstanding.resolve(pdu);
    }
    this.pump();
    this.maybeSendUnbind();
  }

  /** Client side: bound on bind_resp. Reading waits a macrotask so `await connect()` can add listeners first. */
  private enterBound(type: BindType, peerSystemId: string): void {
    this.currentState = BOUND_STATE[type];
    this.bindType = type;
    this.peerSystemId = peerSystemId;
    this.setPaused('bind', true);
    setImmediate(() => this.setPaused('bind', false));
    this.safeEmit('bound');
    this.schedule();
  }

  private onRequest(pdu: RequestPdu): void {
    const status = inboundStatus(this.role, this.currentState, pdu.command);
    if (status !== S.ESME_ROK) return this.refuseInbound(pdu.command, pdu.sequenceNumber, status);
    switch (pdu.command) {
      case 'enquire_link':
        return this.sendResponse('enquire_link_resp', pdu.sequenceNumber, S.ESME_ROK);
      case 'unbind':
        this.sendResponse('unbind_resp', pdu.sequenceNumber, S.ESME_ROK);
        this.safeEmit('unbind');
        return this.closeWith('unbound by peer', true);
      case 'bind_transmitter':
      case 'bind_receiver':
      case 'bind_transceiver':
        return this.onBind(pdu);
      case 'outbind':
      case 'alert_notification':
        this.safeEmit(pdu.command, pdu as never);
        return;
      default:
        return this.surface(pdu);
    }
  }

  private surface(pdu: PduOf<AppRequestCommand>): void {
    if (this.listenerCount(pdu.command) === 0) return this.refuseInbound(pdu.command, pdu.sequenceNumber, S.ESME_RINVCMDID);
    this.awaiting.set(pdu.sequenceNumber, pdu.command);
    if (this.awaiting.size >= this.options.inboundHighWaterMark) this.setPaused('backpressure', true);
    if (!this.safeEmit(pdu.command, pdu as never)) this.failRequest(pdu);
  }

  /** A handler threw or its promise rejected: the peer still gets an answer. */
  private failRequest(pdu: { command: CommandName; sequenceNumber: number }): void {
    if (this.awaiting.get(pdu.sequenceNumber) !== pdu.command) return;
    this.awaiting.delete(pdu.sequenceNumber);
    this.refuseInbound(pdu.command, pdu.sequenceNumber, S.ESME_RSYSERR);
    if (this.awaiting.size <= this.options.inboundLowWaterMark) this.setPaused('backpressure', false);
  }

  /** An async request handler rejected: report it and still answer the peer (ESME_RSYSERR). */
  override [EventEmitter.captureRejectionSymbol]<K>(error: Error, _event: keyof SessionEvents | K, ...args: K extends keyof SessionEvents ? SessionEvents[K] : never): void {
    this.report(error);
    const pdu = args[0] as { command?: CommandName; sequenceNumber?: number } | undefined;
    if (pdu?.command !== undefined && pdu.sequenceNumber !== undefined) this.failRequest(pdu as { command: CommandName; sequenceNumber: number });
  }

  private onBind(pdu: BindPdu): void {
    const decide = this.hooks.onBind;
    if (this.bindInProgress || decide === undefined) {
      return this.refuseInbound(pdu.command, pdu.sequenceNumber, decide === undefined ? S.ESME_RINVCMDID : S.ESME_RALYBND);
    }
    this.bindInProgress = true;
    Promise.resolve()
      .then(() => decide(pdu))
      .catch((error: unknown) => {
        this.report(error instanceof Error ? error : new Error(String(error)));
        return S.ESME_RBINDFAIL;
      })
      .then((status) => this.completeBind(pdu, status));
  }

  private completeBind(pdu: BindPdu, status: number): void {
    this.bindInProgress = false;
    if (this.currentState !== 'open') return;
    const command = RESPONSE_OF[pdu.command];
    if (status !== S.ESME_ROK) {
      this.sendResponse(command, pdu.sequenceNumber, status);
      return this.closeWith('bind refused', true);
    }
    this.currentState = BOUND_STATE[BIND_TYPE[pdu.command]];
    this.bindType = BIND_TYPE[pdu.command];
    this.peerSystemId = pdu.systemId;
    this.safeEmit('bound');
    const fields = { systemId: this.hooks.systemId ?? '', tlvs: { scInterfaceVersion: INTERFACE_VERSION_34 } };
    this.link.write(encodePdu(buildPdu(command, pdu.sequenceNumber, fields)));
    this.schedule();
  }

  /** Answers a request we will not serve: its _resp with `status`, or generic_nack if it has none. */
  private refuseInbound(command: CommandName, sequenceNumber: number, status: number): void {
    const response = (RESPONSE_OF as Partial<Record<CommandName, CommandName>>)[command] ?? 'generic_nack';
    this.sendResponse(response, sequenceNumber, status);
  }

  private onDecodeError(error: PduDecodeError): void {
    this.report(new SmppProtocolError(`undecodable PDU: ${error.message}`, error.commandStatus));
    const sequenceNumber = error.sequenceNumber ?? 0;
    if (error.command !== undefined && !REQUESTS.has(error.command)) {
      // A broken response: fail the request it answers; responses are never answered.
      const outstanding = this.window.take(sequenceNumber);
      outstanding?.reject(new SmppProtocolError(`undecodable ${error.command}: ${error.message}`, error.commandStatus));
      return this.pump();
    }
    if (error.command !== undefined) return this.refuseInbound(error.command, sequenceNumber, error.commandStatus);
    this.sendResponse('generic_nack', sequenceNumber, error.commandStatus);
  }

  protected onFramingError(error: FramingError): void {
    this.report(new SmppProtocolError(error.message, S.ESME_RINVCMDLEN));
    this.sendResponse('generic_nack', error.sequenceNumber ?? 0, S.ESME_RINVCMDLEN);
    this.closeWith(`framing error: ${error.message}`, true);
  }
}
