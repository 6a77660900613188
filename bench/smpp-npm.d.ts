// Just enough of the npm `smpp` package (node-smpp 0.5, untyped) for the interop tests.
declare module 'smpp' {
  import type { EventEmitter } from 'node:events';
  export interface NpmPdu {
    command: string;
    command_status: number;
    sequence_number: number;
    [field: string]: unknown;
    response(options?: Record<string, unknown>): NpmPdu;
    toBuffer(): Buffer;
  }
  export interface NpmSession extends EventEmitter {
    send(pdu: NpmPdu, callback?: (pdu: NpmPdu) => void): boolean;
    close(callback?: () => void): void;
    destroy(callback?: () => void): void;
    [command: string]: unknown;
  }
  export interface NpmServer extends EventEmitter {
    listen(port: number, host: string, callback?: () => void): void;
    close(callback?: () => void): void;
    address(): { port: number };
  }
  export const PDU: {
    new (command: string | Buffer, options?: Record<string, unknown>): NpmPdu;
    fromBuffer(buffer: Buffer): NpmPdu | false;
  };
  export function connect(options: Record<string, unknown>, listener?: () => void): NpmSession;
  export function createServer(options: Record<string, unknown>, listener: (session: NpmSession) => void): NpmServer;
  const smpp: { PDU: typeof PDU; connect: typeof connect; createServer: typeof createServer };
  export default smpp;
}
