import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import type { CommandName, RespondedCommand } from '../codec/command-ids.ts';
import { COMMAND_STATUS as S } from '../codec/command-status.ts';
import { encodePdu } from '../codec/encode-pdu.ts';
import type { FramingError } from '../codec/framer.ts';
import type { Pdu, ResponseTo } from '../codec/pdu.ts';
import { buildPdu, type PduFields } from '../codec/pdu-defaults.ts';
import { SmppClosedError, SmppCommandError, SmppTimeoutError } from '../errors.ts';
import { isBound, maySend, type Role, type SessionState } from './bind-rules.ts';
import { Link, type PauseReason } from './link.ts';
import { RequestWindow } from './request-window.ts';
import type { SessionEvents } from './session-events.ts';
import type { SessionOptions } from './session-options.ts';

/**
 * The machinery under Session: the link, the send window, the one timer (request timeouts,
 * keep-alive, bind timeout, unbind grace period) and closing. Session adds the public API and the
 * inbound side.
 */
export abstract class SessionCore extends EventEmitter<SessionEvents> {
  protected currentState: SessionState = 'open';
  protected reason = '';
  protected readonly link: Link;
  protected readonly window: RequestWindow;
  /** Inbound requests the application has not answered yet: sequence_number → command. */
  protected readonly awaiting = new Map<number, CommandName>();
  protected unbindDeadline = Infinity;
  protected unbindSent = false;
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Infinity;
  private readonly openedAt = Date.now();
  private keepAliveInFlight = false;
  private closedPromise: Promise<void> | undefined;

  constructor(
    socket: Socket,
    readonly role: Role,
    readonly options: SessionOptions,
  ) {
    super({ captureRejections: true });
    this.window = new RequestWindow(options.windowSize);
    this.link = new Link(socket, options.maxPduLength, {
      onFrame: (frame) => this.onFrame(frame),
      onFramingError: (error) => this.onFramingError(error),
      onError: (error) => this.report(error),
      onClose: () => this.onSocketClose(),
    });
    this.schedule();
  }

  protected abstract onFrame(frame: Buffer): void;
  protected abstract onFramingError(error: FramingError): void;

  // ---- outbound ------------------------------------------------------------------------------

  protected request<C extends RespondedCommand>(command: C, fields: PduFields<C> | undefined, bypassWindow = false): Promise<ResponseTo<C>> {
    const refusal = this.refusal(command);
    if (refusal !== undefined) return Promise.reject(refusal);
    return new Promise<ResponseTo<C>>((resolve, reject) => {
      // Bound rather than an arrow held in a const: the dev loader (tsx) names such arrows at every call.
      const send = this.dispatch.bind(this, command, fields, resolve as (pdu: Pdu) => void, reject);
      if (bypassWindow || this.window.hasRoom()) send();
      else this.window.enqueue({ send, reject });
    });
  }

  protected refusal(command: CommandName): Error | undefined {
    if (this.currentState === 'closed') return new SmppClosedError(this.reason);
    if (this.currentState === 'unbinding' && command !== 'unbind' && command !== 'enquire_link') return new SmppClosedError('unbinding');
    if (!maySend(this.role, this.currentState, command)) return new SmppCommandError(S.ESME_RINVBNDSTS, command, undefined);
    return undefined;
  }

  private dispatch(command: RespondedCommand, fields: object | undefined, resolve: (pdu: Pdu) => void, reject: (e: Error) => void): void {
    if (this.currentState === 'closed') return reject(new SmppClosedError(this.reason));
    const sequenceNumber = this.window.nextSequence();
    let buffer: Buffer;
    try {
      buffer = encodePdu(buildPdu(command, sequenceNumber, fields) as Pdu);
    } catch (error) {
      reject(error as Error);
      return this.pump();
    }
    const deadline = Date.now() + this.options.requestTimeoutMs;
    this.window.add(sequenceNumber, { command, deadline, resolve, reject });
    this.link.write(buffer);
    this.armAt(deadline);
  }

  /** Sends waiting requests while the window has room. */
  protected pump(): void {
    for (let next = this.window.dequeue(); next !== undefined; next = this.window.dequeue()) next.send();
  }

  protected sendResponse(command: CommandName, sequenceNumber: number, commandStatus: number): void {
    this.link.write(encodePdu(buildPdu(command, sequenceNumber, undefined, commandStatus) as Pdu));
  }

  /** In 'unbinding': once nothing is owed either way (or the grace period ran out), unbind. */
  protected maybeSendUnbind(): void {
    if (this.currentState !== 'unbinding' || this.unbindSent) return;
    const busy = this.window.outstanding + this.window.queued + this.awaiting.size > 0;
    if (busy && Date.now() < this.unbindDeadline) return;
    this.unbindSent = true;
    this.request('unbind', undefined, true).then(
      () => this.closeWith('unbound', true),
      () => this.closeWith('unbind got no answer', false),
    );
  }

  // ---- the one timer -----------------------------------------------------------------------

  protected schedule(): void {
    if (this.currentState === 'closed') return;
    let due = this.window.earliestDeadline();
    if (this.currentState === 'open' && this.role === 'smsc') due = Math.min(due, this.openedAt + this.options.bindTimeoutMs);
    if (this.keepAliveDue()) due = Math.min(due, this.link.lastReceivedAt + this.options.enquireLinkIntervalMs);
    if (this.currentState === 'unbinding' && !this.unbindSent) due = Math.min(due, this.unbindDeadline);
    this.armAt(due);
  }

  private keepAliveDue(): boolean {
    return isBound(this.currentState) && this.options.enquireLinkIntervalMs > 0 && !this.keepAliveInFlight;
  }

  private armAt(due: number): void {
    if (due === Infinity || (this.timer !== undefined && this.timerAt <= due)) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timerAt = due;
    this.timer = setTimeout(this.onTimer, Math.max(0, due - Date.now()));
    this.timer.unref();
  }

  private readonly onTimer = (): void => {
    this.timer = undefined;
    this.timerAt = Infinity;
    const now = Date.now();
    for (const expired of this.window.expire(now)) expired.reject(new SmppTimeoutError(expired.command, this.options.requestTimeoutMs));
    this.pump();
    if (this.currentState === 'open' && this.role === 'smsc' && now >= this.openedAt + this.options.bindTimeoutMs) {
      return this.closeWith('no bind within bindTimeoutMs', false);
    }
    if (this.keepAliveDue() && now - this.link.lastReceivedAt >= this.options.enquireLinkIntervalMs) this.keepAlive();
    this.maybeSendUnbind();
    this.schedule();
  };

  /** enquire_link after a quiet interval; no answer within requestTimeoutMs means the peer is dead. */
  private keepAlive(): void {
    this.keepAliveInFlight = true;
    this.request('enquire_link', undefined, true).then(
      () => {
        this.keepAliveInFlight = false;
        this.schedule();
      },
      (error: Error) => {
        this.keepAliveInFlight = false;
        if (error instanceof SmppTimeoutError) this.closeWith('peer did not answer enquire_link', false);
      },
    );
  }

  // ---- flow and closing --------------------------------------------------------------------

  protected setPaused(reason: PauseReason, paused: boolean): void {
    const wasReading = this.link.reading;
    this.link.setPaused(reason, paused);
    if (wasReading !== this.link.reading && this.currentState !== 'closed') this.safeEmit(wasReading ? 'pause' : 'resume');
  }

  protected whenClosed(): Promise<void> {
    this.closedPromise ??= new Promise<void>((resolve) => {
      if (this.link.socket.destroyed && this.link.socket.closed) resolve();
      else this.link.socket.once('close', () => resolve());
    });
    return this.closedPromise;
  }

  protected closeWith(reason: string, graceful: boolean): void {
    if (this.currentState === 'closed') return;
    this.currentState = 'closed';
    this.reason = reason;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.awaiting.clear();
    this.link.close(graceful);
    this.window.rejectAll(new SmppClosedError(reason));
  }

  private onSocketClose(): void {
    this.closeWith(this.reason || 'connection closed by peer', false);
    this.safeEmit('close');
  }

  /** Emits without letting a listener's exception into the socket's data handler. */
  protected safeEmit<E extends keyof SessionEvents>(event: E, ...args: SessionEvents[E]): boolean {
    try {
      (this.emit as (event: string, ...args: unknown[]) => boolean)(event, ...args);
      return true;
    } catch (error) {
      this.report(error instanceof Error ? error : new Error(String(error)));
      return false;
    }
  }

  protected report(error: Error): void {
    if (this.listenerCount('error') > 0) this.emit('error', error);
  }
}
