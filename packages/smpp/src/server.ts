import { EventEmitter } from 'node:events';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { COMMAND_STATUS } from './codec/command-status.ts';
import type { BindPdu } from './codec/pdu.ts';
import { Session } from './session/session.ts';
import { resolveSessionOptions, type SessionOptions } from './session/session-options.ts';

export interface ServerOptions extends Partial<SessionOptions> {
  /** Serve SMPP over TLS with these options (key and cert at least). */
  readonly tls?: tls.TlsOptions;
  /** system_id sent in bind_resp. */
  readonly systemId?: string;
  /**
   * Decides each bind: resolve ESME_ROK to accept (attach the session's listeners here, before
   * bind_resp goes out), or an error status such as ESME_RINVPASWD to refuse and close. A throw or
   * rejection refuses with ESME_RBINDFAIL.
   */
  readonly onBind: (session: Session, bind: BindPdu) => Promise<number> | number;
}

export interface ServerEvents {
  /** A connection was accepted (still open, not yet bound). */
  session: [session: Session];
  /** A socket or TLS handshake failed (informational; only emitted when listened to). */
  error: [error: Error];
}

/** An SMPP server (the MC/SMSC side). Each connection is a Session in the 'smsc' role. */
export class SmppServer extends EventEmitter<ServerEvents> {
  private readonly server: net.Server;
  private readonly live = new Set<Session>();
  readonly options: SessionOptions;

  constructor(private readonly config: ServerOptions) {
    super();
    this.options = resolveSessionOptions(config);
    const accept = (socket: net.Socket): void => this.accept(socket);
    this.server = config.tls === undefined ? net.createServer({ noDelay: true }, accept) : tls.createServer(config.tls, accept);
    this.server.on('tlsClientError', (error: Error) => this.report(error));
  }

  /** Sessions currently connected, bound or not. */
  get sessions(): ReadonlySet<Session> {
    return this.live;
  }

  /** Starts listening; port 0 picks a free one. Resolves with the bound address. */
  listen(port = 0, host = '127.0.0.1'): Promise<net.AddressInfo> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        this.server.on('error', (error) => this.report(error));
        resolve(this.address());
      });
    });
  }

  address(): net.AddressInfo {
    return this.server.address() as net.AddressInfo;
  }

  /**
   * Stops accepting, unbinds bound sessions gracefully (within their requestTimeoutMs), drops the
   * others, and resolves once every socket is closed.
   */
  async close(): Promise<void> {
    const stopped = new Promise<void>((resolve) => this.server.close(() => resolve()));
    await Promise.all([...this.live].map((session) => (session.state === 'open' ? session.close('server closing') : session.unbind())));
    await stopped;
  }

  private accept(socket: net.Socket): void {
    const session: Session = new Session(socket, 'smsc', this.options, {
      systemId: this.config.systemId ?? '',
      onBind: (bind): Promise<number> | number => this.config.onBind(session, bind),
    });
    this.live.add(session);
    session.once('close', () => this.live.delete(session));
    this.emit('session', session);
  }

  private report(error: Error): void {
    if (this.listenerCount('error') > 0) this.emit('error', error);
  }
}

/** Creates an SMPP server; call `listen` on it. */
export function createServer(options: ServerOptions): SmppServer {
  return new SmppServer(options);
}

/** ESME_ROK, for `onBind` handlers that accept. */
export const BIND_OK = COMMAND_STATUS.ESME_ROK;
