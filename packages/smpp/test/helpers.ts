import * as net from 'node:net';
import { COMMAND_STATUS, connect, createServer, decodePdu, PduFramer, type ConnectOptions, type Pdu, type ServerOptions, type Session, type SmppServer } from '../src/index.ts';

/** Everything a test opened, closed in afterEach so no socket outlives its test. */
export class Harness {
  private readonly servers: SmppServer[] = [];
  private readonly sessions: Session[] = [];
  private readonly sockets: net.Socket[] = [];
  private readonly netServers: net.Server[] = [];

  async server(options: Partial<ServerOptions> = {}): Promise<{ server: SmppServer; port: number }> {
    const server = createServer({ onBind: () => COMMAND_STATUS.ESME_ROK, systemId: 'TESTSMSC', ...options });
    this.servers.push(server);
    const { port } = await server.listen(0, '127.0.0.1');
    return { server, port };
  }

  async client(port: number, options: Partial<ConnectOptions> = {}): Promise<Session> {
    const session = await connect({ host: '127.0.0.1', port, systemId: 'esme', password: 'pw', bindType: 'transceiver', ...options });
    this.sessions.push(session);
    return session;
  }

  async raw(port: number): Promise<RawPeer> {
    const socket = net.connect({ host: '127.0.0.1', port });
    this.sockets.push(socket);
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    return new RawPeer(socket);
  }

  /** A bare TCP server whose connections the test drives by hand. */
  async netServer(onConnection: (peer: RawPeer) => void): Promise<number> {
    const server = net.createServer((socket) => {
      this.sockets.push(socket);
      onConnection(new RawPeer(socket));
    });
    this.netServers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as net.AddressInfo).port;
  }

  async cleanup(): Promise<void> {
    await Promise.all(this.sessions.map((s) => s.close()));
    for (const socket of this.sockets) socket.destroy();
    await Promise.all(this.servers.map((s) => s.close()));
    await Promise.all(this.netServers.map((s) => new Promise((resolve) => s.close(resolve))));
  }
}

/** A hand-driven peer: writes raw bytes, reads decoded PDUs. */
export class RawPeer {
  private readonly framer = new PduFramer(1 << 20);
  private readonly received: Pdu[] = [];
  private waiters: (() => void)[] = [];
  closed = false;
  readonly whenClosed: Promise<void>;

  constructor(readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.framer.push(chunk);
      for (let f = this.framer.next(); f instanceof Uint8Array; f = this.framer.next()) {
        const result = decodePdu(f);
        if (result.ok) this.received.push(result.pdu);
      }
      this.wake();
    });
    socket.on('error', () => undefined);
    this.whenClosed = new Promise((resolve) =>
      socket.on('close', () => {
        this.closed = true;
        this.wake();
        resolve();
      }),
    );
  }

  send(...buffers: Buffer[]): void {
    for (const b of buffers) this.socket.write(b);
  }

  /** The next PDU received, or rejects after `ms`. */
  async next(ms = 2_000): Promise<Pdu> {
    const deadline = Date.now() + ms;
    while (this.received.length === 0) {
      if (this.closed) throw new Error('peer closed');
      if (Date.now() > deadline) throw new Error('no PDU in time');
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.max(1, deadline - Date.now()));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    return this.received.shift() as Pdu;
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}

export const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` holds, or fails after `ms`. */
export async function until(check: () => boolean, ms = 2_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await delay(5);
  }
}
