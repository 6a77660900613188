import { createRequire } from 'node:module';

/**
 * The npm `smpp` package (node-smpp), an independent SMPP peer for tests. It ships no types, so
 * this file types the little the tests use.
 */
export interface NpmPdu {
  readonly command: string;
  readonly command_status: number;
  readonly sequence_number: number;
  readonly message_id?: string;
  readonly esm_class?: number;
  readonly data_coding?: number;
  readonly source_addr?: string;
  readonly destination_addr?: string;
  readonly short_message?: { readonly message: string | Buffer; readonly udh?: Buffer[] };
  readonly receipted_message_id?: string;
  readonly message_state?: number;
  readonly network_error_code?: Buffer;
  response(fields?: Record<string, unknown>): NpmPdu;
}

type Callback = (pdu: NpmPdu) => void;

export interface NpmSession {
  on(event: 'deliver_sm' | 'pdu', listener: Callback): void;
  on(event: 'error', listener: (error: Error) => void): void;
  on(event: 'close' | 'connect', listener: () => void): void;
  once(event: 'close' | 'connect', listener: () => void): void;
  once(event: 'error', listener: (error: Error) => void): void;
  bind_transceiver(fields: Record<string, unknown>, callback: Callback): boolean;
  bind_receiver(fields: Record<string, unknown>, callback: Callback): boolean;
  submit_sm(fields: Record<string, unknown>, callback: Callback): boolean;
  send(pdu: NpmPdu): boolean;
  destroy(callback?: () => void): void;
  readonly socket: { readonly destroyed: boolean };
}

interface NpmSmpp {
  connect(options: { host: string; port: number }, listener?: () => void): NpmSession;
}

const require = createRequire(import.meta.url);
export const npmSmpp = require('smpp') as NpmSmpp;

/** Connects and binds a transceiver; rejects with the command_status when the bind is refused. */
export function npmBind(port: number, systemId: string, password: string): Promise<NpmSession> {
  return new Promise((resolve, reject) => {
    const session = npmSmpp.connect({ host: '127.0.0.1', port }, () => {
      session.bind_transceiver({ system_id: systemId, password }, (pdu) => {
        if (pdu.command_status === 0) resolve(session);
        else {
          session.destroy();
          reject(new Error(`bind refused: ${pdu.command_status}`));
        }
      });
    });
    session.once('error', reject);
  });
}

export function npmSubmit(session: NpmSession, fields: Record<string, unknown>): Promise<NpmPdu> {
  return new Promise((resolve) => session.submit_sm(fields, resolve));
}

export function npmClose(session: NpmSession): Promise<void> {
  return new Promise((resolve) => {
    if (session.socket.destroyed) return resolve();
    session.destroy(() => resolve());
  });
}
