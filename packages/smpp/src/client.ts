import * as net from 'node:net';
import * as tls from 'node:tls';
import type { BindType } from './session/bind-rules.ts';
import { Session } from './session/session.ts';
import { resolveSessionOptions, type SessionOptions } from './session/session-options.ts';

export interface ConnectOptions extends Partial<SessionOptions> {
  readonly host: string;
  readonly port: number;
  /**
   * TLS: `true` for defaults, or tls.connect options. Certificates are verified unless you pass
   * `{ rejectUnauthorized: false }`; give `ca` for a private CA.
   */
  readonly tls?: boolean | tls.ConnectionOptions;
  readonly systemId: string;
  readonly password: string;
  readonly systemType?: string;
  readonly bindType: BindType;
  readonly interfaceVersion?: number;
  readonly addrTon?: number;
  readonly addrNpi?: number;
  readonly addressRange?: string;
  /** TCP (and TLS) connect timeout; the bind itself is bounded by requestTimeoutMs. */
  readonly connectTimeoutMs?: number;
}

/**
 * Connects and binds as an ESME. Resolves with the bound Session, or rejects with
 * SmppCommandError (bind refused: its commandStatus says why), SmppTimeoutError, or the socket error.
 * Attach listeners right after `await connect(...)`: inbound PDUs are held until the next macrotask.
 */
export async function connect(options: ConnectOptions): Promise<Session> {
  const sessionOptions = resolveSessionOptions(options);
  const socket = await openSocket(options);
  const session = new Session(socket, 'esme', sessionOptions);
  try {
    await session.bind(options.bindType, {
      systemId: options.systemId,
      password: options.password,
      systemType: options.systemType ?? '',
      ...(options.interfaceVersion === undefined ? {} : { interfaceVersion: options.interfaceVersion }),
      addrTon: options.addrTon ?? 0,
      addrNpi: options.addrNpi ?? 0,
      addressRange: options.addressRange ?? '',
    });
  } catch (error) {
    await session.close('bind failed');
    throw error;
  }
  return session;
}

function openSocket(options: ConnectOptions): Promise<net.Socket> {
  const { host, port } = options;
  return new Promise((resolve, reject) => {
    let socket: net.Socket;
    if (options.tls === undefined || options.tls === false) {
      socket = net.connect({ host, port, noDelay: true }, () => done());
    } else {
      const extra = options.tls === true ? {} : options.tls;
      socket = tls.connect({ host, port, ...(net.isIP(host) ? {} : { servername: host }), ...extra }, () => done());
    }
    const timer = setTimeout(() => fail(new Error(`connect to ${host}:${port} timed out`)), options.connectTimeoutMs ?? 10_000);
    const fail = (error: Error): void => {
      clearTimeout(timer);
      socket.destroy();
      reject(error);
    };
    const done = (): void => {
      clearTimeout(timer);
      socket.off('error', fail);
      resolve(socket);
    };
    socket.once('error', fail);
  });
}
