import type { CommandName } from './codec/command-ids.ts';
import { commandStatusName } from './codec/command-status.ts';
import type { Pdu } from './codec/pdu.ts';

/** The peer answered a request with a non-zero command_status (or a generic_nack). */
export class SmppCommandError extends Error {
  override readonly name = 'SmppCommandError';
  constructor(
    readonly commandStatus: number,
    readonly command: CommandName,
    /** The response or generic_nack received; undefined when refused locally (e.g. wrong bind state). */
    readonly response: Pdu | undefined,
  ) {
    super(`${command} failed: ${commandStatusName(commandStatus)}`);
  }

  get statusName(): string {
    return commandStatusName(this.commandStatus);
  }
}

/** No response arrived within requestTimeoutMs. */
export class SmppTimeoutError extends Error {
  override readonly name = 'SmppTimeoutError';
  constructor(
    readonly command: CommandName,
    readonly timeoutMs: number,
  ) {
    super(`${command} got no response within ${timeoutMs} ms`);
  }
}

/** The session closed (or began unbinding) before the request could complete. */
export class SmppClosedError extends Error {
  override readonly name = 'SmppClosedError';
  constructor(reason: string) {
    super(`session closed: ${reason}`);
  }
}

/** The peer broke the protocol: bad framing, a PDU that does not decode, an unexpected response. */
export class SmppProtocolError extends Error {
  override readonly name = 'SmppProtocolError';
  constructor(
    message: string,
    /** The command_status this problem maps to (what the peer was or would be told). */
    readonly commandStatus: number,
  ) {
    super(message);
  }
}
