/**
 * @petrel/smpp: an SMPP 3.4 stack (with the SMPP 5.0 TLVs). The codec is pure; sessions, the
 * server and the client add the sockets. See README.md.
 */
export { COMMAND_IDS, RESPONSE_OF, commandName, isResponseId, type CommandName, type RespondedCommand } from './codec/command-ids.ts';
export { COMMAND_STATUS, commandStatusName, type CommandStatusName } from './codec/command-status.ts';
export { TLV_TABLE, TLV_BY_TAG, type Tlvs, type TlvName, type TlvType, type RawTlv, type NetworkErrorCode } from './codec/tlv-table.ts';
export type * from './codec/pdu.ts';
export { decodePdu, type DecodeResult, type PduDecodeError } from './codec/decode-pdu.ts';
export { encodePdu } from './codec/encode-pdu.ts';
export { PduFramer, HEADER_LENGTH, type FramingError } from './codec/framer.ts';
export { Reader } from './codec/reader.ts';
export { Writer } from './codec/writer.ts';
export { FIELD, MAX_SHORT_MESSAGE, MAX_DESTS } from './codec/field-limits.ts';
export { buildPdu, DEFAULT_BODIES, INTERFACE_VERSION_34, type PduFields } from './codec/pdu-defaults.ts';
export { NO_TLVS } from './codec/tlvs.ts';
export { parseSmppTime, absoluteSmppTime, type SmppTime } from './codec/smpp-time.ts';

export { SmppCommandError, SmppTimeoutError, SmppClosedError, SmppProtocolError } from './errors.ts';

export { Session, type SessionHooks, type ResponseFields } from './session/session.ts';
export type { SessionEvents, AppRequestCommand } from './session/session-events.ts';
export { DEFAULT_SESSION_OPTIONS, resolveSessionOptions, type SessionOptions } from './session/session-options.ts';
export { inboundStatus, maySend, isBound, BOUND_STATE, type Role, type SessionState, type BindType } from './session/bind-rules.ts';
export { RequestWindow, MAX_SEQUENCE } from './session/request-window.ts';

export { createServer, SmppServer, BIND_OK, type ServerOptions, type ServerEvents } from './server.ts';
export { connect, type ConnectOptions } from './client.ts';

// Text coding (GSM 03.38, UCS-2, segmenting, reassembly): owned by ./text/ and its README.
export * from './text/index.ts';
export * from './receipt/index.ts';
